// A case: the assistance of one client by one organisation (issue 8, section 2), and the rules of
// its status workflow. Only coded values and ids live here; a case's notes are sealed elsewhere.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

// The referral-mechanism stages (case_status codes).
inline constexpr std::string_view kCaseIntake = "intake";
inline constexpr std::string_view kCaseIdentification = "identification";
inline constexpr std::string_view kCaseFirstAssistance = "first_assistance";
inline constexpr std::string_view kCaseLongTerm = "long_term_assistance";
inline constexpr std::string_view kCaseReturn = "return_reintegration";
inline constexpr std::string_view kCaseClosed = "closed";

struct CaseReferral {
  std::string source_type;  // referral_source code
  std::string agency_id;    // a directory agency of the organisation, or ""
  std::string referred_on;  // YYYY-MM-DD
};

struct CaseClosure {
  std::string reason;   // closure_reason code
  std::string outcome;  // closure_outcome code
  std::string requested_by;
  UnixMillis requested_at = 0;
  std::string approved_by;  // "" while pending
  UnixMillis approved_at = 0;
};

struct Case {
  std::string id;
  std::string org_id;
  std::string client_id;
  std::string case_code;  // "CS-" + 8 characters
  std::string status = std::string(kCaseIntake);
  std::string assigned_to;  // user id or ""
  std::vector<std::string> team;
  CaseReferral referral;
  std::string reflection_start;  // YYYY-MM-DD or ""
  std::string reflection_end;
  std::string plan_status = "none";    // none, draft, submitted, approved
  std::optional<CaseClosure> closure;  // pending or approved
  std::string opened_on;               // YYYY-MM-DD
  std::string created_by;
  UnixMillis created_at = 0;
  UnixMillis updated_at = 0;
  std::int32_t version = 1;
};

// Validates a referral at `now`: source_type a referral_source code, referred_on a date not in the
// future. InvalidArgument naming "referral.source_type" / "referral.referred_on".
[[nodiscard]] Status validateCaseReferral(const CaseReferral& referral, UnixMillis now);

// Whether the workflow allows moving from `from` to `to` directly (closing excluded: see
// mayRequestClosure). intake -> identification -> first_assistance -> long_term_assistance ->
// return_reintegration; long_term_assistance may be reached from first_assistance only;
// reopening: closed -> long_term_assistance or intake.
[[nodiscard]] bool mayMoveCase(std::string_view from, std::string_view to);
// Every open stage may ask to close.
[[nodiscard]] bool mayRequestClosure(std::string_view from);
// A known case_status code.
[[nodiscard]] bool isCaseStatus(std::string_view status);

}  // namespace strada::domain
