#include "domain/case.h"

#include <array>
#include <utility>

#include "domain/client.h"
#include "domain/codes.h"

namespace strada::domain {

Status validateCaseReferral(const CaseReferral& referral, UnixMillis now) {
  const CodeList* sources = findCodeList("referral_source");
  if (sources == nullptr || !sources->contains(referral.source_type)) {
    return invalidField("referral.source_type",
                        "Choose who referred the person from the list offered.");
  }
  auto day = parseCalendarDate(referral.referred_on, "referral.referred_on");
  if (!day) {
    return tl::unexpected(day.error());
  }
  if (*day > now / 86'400'000) {
    return invalidField("referral.referred_on", "The referral date cannot be in the future.");
  }
  return {};
}

bool isCaseStatus(std::string_view status) {
  const CodeList* statuses = findCodeList("case_status");
  return statuses != nullptr && statuses->contains(status);
}

bool mayMoveCase(std::string_view from, std::string_view to) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kMoves = {{
      {kCaseIntake, kCaseIdentification},
      {kCaseIdentification, kCaseFirstAssistance},
      {kCaseFirstAssistance, kCaseLongTerm},
      {kCaseLongTerm, kCaseReturn},
      {kCaseClosed, kCaseLongTerm},
      {kCaseClosed, kCaseIntake},
  }};
  for (const auto& [f, t] : kMoves) {
    if (f == from && t == to) {
      return true;
    }
  }
  return false;
}

bool mayRequestClosure(std::string_view from) { return isCaseStatus(from) && from != kCaseClosed; }

}  // namespace strada::domain
