// A case's identification, needs assessment and assistance plan (issue 8, sections 2 and 4): the
// values a case worker records, their validation, and the rules of the plan's review. Codes come
// from GET /api/v1/codes (identification_indicator, trafficking_status, status_decided_by,
// need_domain, need_level, plan_goal_owner, plan_goal_status); free text (a need's note, a goal,
// a return's reason) is sealed by the use case, never here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::domain {

struct Identification {
  std::vector<std::string> indicators;  // identification_indicator codes
  std::string assessed_by;              // a user id of the organisation
  std::string assessed_on;              // YYYY-MM-DD
  std::string trafficking_status;       // trafficking_status code or ""
  std::string decided_by;               // status_decided_by code or ""
};

struct NeedEntry {
  std::string domain;  // need_domain
  std::string level;   // need_level
  std::string note;    // free text (sealed)
};

struct NeedsAssessment {
  std::vector<NeedEntry> domains;
  std::string assessed_on;  // YYYY-MM-DD
};

struct PlanGoal {
  std::string domain;       // need_domain
  std::string goal;         // free text (sealed)
  std::string target_date;  // YYYY-MM-DD
  std::string owner;        // plan_goal_owner
  std::string status;       // plan_goal_status
};

// InvalidArgument naming the field ("indicators[3]", "assessed_on", "decided_by"): indicators of
// the list, each once (at most 60); assessed_on a date not after `now`; a trafficking status and
// who decided it given together, each from its list.
[[nodiscard]] Status validateIdentification(const Identification& identification, UnixMillis now);

// InvalidArgument naming the field ("domains[2].level"): each domain of the list once, a level of
// the list, a note of at most 2000 characters; assessed_on a date not after `now`.
[[nodiscard]] Status validateNeeds(const NeedsAssessment& needs, UnixMillis now);

// InvalidArgument naming the field ("goals[2].target_date"): at most 50 goals, each with a domain
// of the list, a goal of 1 to 1000 characters, a target date, an owner and a status of their
// lists.
[[nodiscard]] Status validatePlanGoals(const std::vector<PlanGoal>& goals);

// The plan's review (cases.plan_status): none -> draft (written) -> submitted -> approved or
// returned; a change to a plan in any state makes it a draft again.
inline constexpr std::string_view kPlanNone = "none";
inline constexpr std::string_view kPlanDraft = "draft";
inline constexpr std::string_view kPlanSubmitted = "submitted";
inline constexpr std::string_view kPlanApproved = "approved";
inline constexpr std::string_view kPlanReturned = "returned";

// A draft or a returned plan may be submitted.
[[nodiscard]] bool maySubmitPlan(std::string_view plan_status);

// A supervisor's decision on a submitted plan: "approve", or "return" with a reason of 1 to 500
// characters (InvalidArgument naming "decision" or "reason").
[[nodiscard]] Status validatePlanDecision(std::string_view decision, std::string_view reason);

}  // namespace strada::domain
