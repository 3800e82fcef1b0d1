// Use cases of a case's identification (the ILO/EC indicators observed, who assessed and when,
// the trafficking status and who decided it), needs assessment (a level per domain with a sealed
// note) and assistance plan (goals with sealed text; submitted, then approved or returned by a
// supervisor who did not submit it), and the supervisors' pending approvals.
//
// Each document is read and written whole with a version (0 before the first write): a stale
// change is a Conflict on "version". Reads need kCaseRead on a visible case (a data officer gets
// codes, never sealed text); changes kCaseUpdate on a workable case. Every read and change is
// audited; every change is on the case's timeline.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/case_documents.h"
#include "cases/context.h"
#include "domain/case_assessment.h"
#include "store/case_assessment_repository.h"

namespace strada::cases {

struct IdentificationView {
  // trafficking_status and decided_by are the client's own coded fields (one value for both).
  domain::Identification identification;
  DocumentMeta meta;
};

// case_identification.read.
[[nodiscard]] boost::asio::awaitable<domain::Result<IdentificationView>> readIdentification(
    Context ctx, Actor actor, std::string case_id);
// case_identification.update. `assessed_by` "" for the actor, else an active user of the
// organisation. Sets the client's trafficking status and who decided it in the same job.
[[nodiscard]] boost::asio::awaitable<domain::Result<IdentificationView>> changeIdentification(
    Context ctx, Actor actor, std::string case_id, domain::Identification input,
    std::int32_t version);

struct NeedsView {
  domain::NeedsAssessment needs;  // notes "" unless notes_visible
  bool notes_visible = false;     // full access and the person not erased
  DocumentMeta meta;
};

// case_needs.read.
[[nodiscard]] boost::asio::awaitable<domain::Result<NeedsView>> readNeeds(Context ctx, Actor actor,
                                                                          std::string case_id);
// case_needs.update; notes sealed under the client's key (Conflict when the person was erased).
[[nodiscard]] boost::asio::awaitable<domain::Result<NeedsView>> changeNeeds(
    Context ctx, Actor actor, std::string case_id, domain::NeedsAssessment input,
    std::int32_t version);

struct PlanView {
  std::vector<domain::PlanGoal> goals;  // goal text "" unless text_visible
  bool text_visible = false;
  std::string plan_status;  // the case's: none, draft, submitted, approved, returned
  std::optional<store::PlanReview> review;  // the last submission and its decision
  std::string return_reason;                // opened when text_visible
  DocumentMeta meta;
};

struct PlanDecision {
  std::string decision;  // approve or return
  std::string reason;    // required to return; sealed
  std::int32_t version = 0;
};

// case_plan.read.
[[nodiscard]] boost::asio::awaitable<domain::Result<PlanView>> readPlan(Context ctx, Actor actor,
                                                                        std::string case_id);
// case_plan.update: the plan (in any state) becomes a draft.
[[nodiscard]] boost::asio::awaitable<domain::Result<PlanView>> changePlan(
    Context ctx, Actor actor, std::string case_id, std::vector<domain::PlanGoal> goals,
    std::int32_t version);
// case_plan.submit: a draft or returned plan with at least one goal (Conflict on "plan_status"
// otherwise; InvalidArgument on "goals" for an empty plan).
[[nodiscard]] boost::asio::awaitable<domain::Result<PlanView>> submitPlan(Context ctx, Actor actor,
                                                                          std::string case_id,
                                                                          std::int32_t version);
// kCaseApprove; case_plan.approve or case_plan.return on a submitted plan, by a supervisor who is
// not its submitter (PermissionDenied on "approved_by" saying another supervisor must approve).
[[nodiscard]] boost::asio::awaitable<domain::Result<PlanView>> decidePlan(Context ctx, Actor actor,
                                                                          std::string case_id,
                                                                          PlanDecision decision);

struct PendingApprovals {
  std::vector<store::PendingApprovalRow> rows;
  std::map<std::string, std::string> names;
};
// kCaseApprove; `kind` plan, closure or any (InvalidArgument on "kind" otherwise); at most 500,
// oldest request first; case.approval_list.
[[nodiscard]] boost::asio::awaitable<domain::Result<PendingApprovals>> listPendingApprovals(
    Context ctx, Actor actor, std::string kind);

}  // namespace strada::cases
