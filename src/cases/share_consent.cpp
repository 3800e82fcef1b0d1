// The consent check of every share (share_consent.h).
#include "cases/share_consent.h"

#include <array>
#include <utility>

#include "cases/case_entries.h"
#include "store/async.h"

namespace strada::cases {

std::string shareKindOf(const ShareTarget& target) {
  if (target.member) {
    return "member";
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kKindOfType = {{
      {"police", "police"},
      {"border_guard", "police"},
      {"prosecutor", "police"},
      {"shelter", "shelter"},
      {"international_organisation", "io"},
  }};
  for (const auto& [type, kind] : kKindOfType) {
    if (type == target.agency_type) {
      return std::string(kind);
    }
  }
  return "";
}

std::optional<store::ConsentRow> shareConsentInForce(const std::vector<store::ConsentRow>& consents,
                                                     const ShareTarget& target,
                                                     const std::string& today) {
  const std::string kind = shareKindOf(target);
  for (const auto& c : consents) {
    const bool in_force =
        c.kind == "share" && c.given_on <= today && consentState(c, today) == "active";
    const bool names_agency =
        !target.member && !target.agency_id.empty() && c.share_agency_id == target.agency_id;
    const bool names_kind = !kind.empty() && c.share_kind == kind;
    if (in_force && (names_agency || names_kind)) {
      return c;
    }
  }
  return std::nullopt;
}

domain::Error consentRequired() {
  return domain::Error{domain::ErrorCode::kConsentRequired,
                       "The person has not consented to sharing their data with this "
                       "organisation. Record the person's consent to share first, or ask a "
                       "supervisor to override with a stated reason.",
                       "consent", ""};
}

boost::asio::awaitable<domain::Result<std::string>> checkShareConsent(Context ctx,
                                                                      std::string case_id,
                                                                      ShareTarget target,
                                                                      std::string today) {
  auto read = [case_id = std::move(case_id)](soci::session& sql) {
    return store::listConsents(sql, case_id);
  };
  auto consents = co_await store::awaitRead<domain::Result<std::vector<store::ConsentRow>>>(
      ctx.db, std::move(read));
  if (!consents) {
    co_return tl::unexpected(consents.error());
  }
  auto consent = shareConsentInForce(*consents, target, today);
  if (!consent) {
    co_return tl::unexpected(consentRequired());
  }
  co_return consent->id;
}

}  // namespace strada::cases
