// A case's assistance plan, its review by a supervisor, and the pending approvals
// (case_assessments.h).
#include <utility>

#include "cases/case_assessments.h"
#include "cases/case_records.h"
#include "policy/case_access.h"

namespace strada::cases {
namespace {

// A supervisor's list shows the oldest this many requests: more is a backlog to raise, not page.
constexpr std::int32_t kMaxPendingApprovals = 500;

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

struct PlanRecords {
  std::vector<store::GoalRow> goals;
  std::optional<store::PlanReview> review;
};

Result<PlanRecords> readPlanRecords(soci::session& sql, const std::string& case_id) {
  auto goals = store::listGoals(sql, case_id);
  auto review = store::findPlanReview(sql, case_id);
  if (!goals || !review) {
    return tl::unexpected(!goals ? goals.error() : review.error());
  }
  return PlanRecords{std::move(*goals), std::move(*review)};
}

std::string goalRecord(const std::string& case_id, std::size_t position) {
  return case_id + "/" + std::to_string(position);
}

awaitable<Result<PlanView>> viewPlan(Context ctx, ReadableCase readable) {
  std::string org_id = readable.loaded.kase.org_id;
  std::string case_id = readable.loaded.kase.id;
  std::string kind = store::kPlanDocument;
  auto doc = co_await readCaseDocument(ctx, std::move(org_id), std::move(case_id), std::move(kind),
                                       &readPlanRecords);
  if (!doc) {
    co_return tl::unexpected(doc.error());
  }
  auto key = openingKey(ctx, readable.loaded, readable.access);
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  const std::string& id = readable.loaded.kase.id;
  PlanView v;
  v.text_visible = key->has_value();
  v.plan_status = readable.loaded.kase.plan_status;
  for (std::size_t i = 0; i < doc->entries.goals.size(); ++i) {
    const store::GoalRow& g = doc->entries.goals[i];
    auto text =
        openText(ctx, *key, {vault::SealedField::kPlanGoal, goalRecord(id, i)}, g.goal_sealed);
    if (!text) {
      co_return tl::unexpected(text.error());
    }
    v.goals.push_back({g.domain, std::move(*text), g.target_date, g.owner, g.status});
  }
  v.review = std::move(doc->entries.review);
  if (v.review) {
    auto reason =
        openText(ctx, *key, {vault::SealedField::kPlanReason, id}, v.review->reason_sealed);
    if (!reason) {
      co_return tl::unexpected(reason.error());
    }
    v.return_reason = std::move(*reason);
  }
  v.meta = doc->meta();
  co_return v;
}

// Writes a change of the plan that leaves it `plan_status` (with `entries` run before the status
// is set), then answers the plan as its worker now reads it.
template <class Entries>
awaitable<Result<PlanView>> commitPlan(Context ctx, const Actor& actor, LoadedCase loaded,
                                       std::int32_t version, AuditAction action,
                                       std::string timeline_kind, std::string_view plan_status,
                                       Entries entries) {
  DocumentChange change{store::kPlanDocument,    version, "", "", action, std::move(timeline_kind),
                        std::string(plan_status)};
  auto job = [case_id = loaded.kase.id, status = std::string(plan_status),
              entries = std::move(entries)](store::WriteContext& w) -> domain::Status {
    if (auto s = entries(w, case_id); !s) {
      return s;
    }
    return store::setPlanStatus(w, case_id, status);
  };
  if (auto s =
          co_await writeCaseDocument(ctx, actor, loaded.kase, std::move(change), std::move(job));
      !s) {
    co_return tl::unexpected(s.error());
  }
  loaded.kase.plan_status = std::string(plan_status);
  ReadableCase worked{std::move(loaded), policy::CaseAccess::kFull};
  co_return co_await viewPlan(ctx, std::move(worked));
}

// The plan of `loaded`'s case as stored, when its version is still `version`.
awaitable<Result<PlanView>> currentPlan(Context ctx, const LoadedCase& loaded,
                                        std::int32_t version) {
  ReadableCase coded{loaded, policy::CaseAccess::kCoded};
  auto plan = co_await viewPlan(ctx, std::move(coded));
  if (plan && plan->meta.version != version) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "Someone else changed this plan since you opened it. Reload it to see "
                           "the changes.",
                           "version");
  }
  co_return plan;
}

domain::Status wrongPlanStatus(std::string_view status) {
  return domain::fail(domain::ErrorCode::kConflict,
                      "This plan is " + std::string(status) +
                          ": it cannot take this step. Reload the case to see where it is.",
                      "plan_status");
}

}  // namespace

awaitable<Result<PlanView>> readPlan(Context ctx, Actor actor, std::string case_id) {
  co_return co_await auditedRead<PlanView>(ctx, std::move(actor), std::move(case_id),
                                           AuditAction::kCasePlanRead, &viewPlan);
}

awaitable<Result<PlanView>> changePlan(Context ctx, Actor actor, std::string case_id,
                                       std::vector<domain::PlanGoal> goals, std::int32_t version) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (auto ok = domain::validatePlanGoals(goals); !ok) {
    co_return tl::unexpected(ok.error());
  }
  std::vector<store::GoalRow> rows;
  if (!goals.empty()) {
    auto key = sealingKey(ctx, *loaded, "goals[0].goal");
    if (!key) {
      co_return tl::unexpected(key.error());
    }
    for (std::size_t i = 0; i < goals.size(); ++i) {
      const domain::PlanGoal& g = goals[i];
      std::string sealed = ctx.vault.seal(
          *key, {vault::SealedField::kPlanGoal, goalRecord(loaded->kase.id, i)}, g.goal);
      rows.push_back({g.domain, std::move(sealed), g.target_date, g.owner, g.status});
    }
  }
  auto entries = [rows = std::move(rows)](store::WriteContext& w, const std::string& id) {
    return store::replaceGoals(w, id, rows);
  };
  co_return co_await commitPlan(ctx, actor, std::move(*loaded), version,
                                AuditAction::kCasePlanUpdate, "plan_change", domain::kPlanDraft,
                                std::move(entries));
}

awaitable<Result<PlanView>> submitPlan(Context ctx, Actor actor, std::string case_id,
                                       std::int32_t version) {
  auto loaded = co_await workableCase(ctx, actor, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto plan = co_await currentPlan(ctx, *loaded, version);
  if (!plan) {
    co_return tl::unexpected(plan.error());
  }
  if (!domain::maySubmitPlan(loaded->kase.plan_status)) {
    co_return tl::unexpected(wrongPlanStatus(loaded->kase.plan_status).error());
  }
  if (plan->goals.empty()) {
    co_return domain::invalidField("goals", "Add at least one goal before submitting the plan.");
  }
  auto entries = [by = actor.principal.user_id](store::WriteContext& w, const std::string& id) {
    return store::recordPlanSubmission(w, id, by);
  };
  co_return co_await commitPlan(ctx, actor, std::move(*loaded), version,
                                AuditAction::kCasePlanSubmit, "plan_submission",
                                domain::kPlanSubmitted, std::move(entries));
}

awaitable<Result<PlanView>> decidePlan(Context ctx, Actor actor, std::string case_id,
                                       PlanDecision decision) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseApprove, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (auto ok = domain::validatePlanDecision(decision.decision, decision.reason); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto plan = co_await currentPlan(ctx, *loaded, decision.version);
  if (!plan) {
    co_return tl::unexpected(plan.error());
  }
  if (loaded->kase.plan_status != domain::kPlanSubmitted || !plan->review) {
    co_return tl::unexpected(wrongPlanStatus(loaded->kase.plan_status).error());
  }
  if (auto ok = policy::requireApproverNotRequester(actor.principal, plan->review->submitted_by);
      !ok) {
    co_return tl::unexpected(ok.error());
  }
  std::string sealed;
  if (!decision.reason.empty()) {
    auto key = sealingKey(ctx, *loaded, "reason");
    if (!key) {
      co_return tl::unexpected(key.error());
    }
    sealed =
        ctx.vault.seal(*key, {vault::SealedField::kPlanReason, loaded->kase.id}, decision.reason);
  }
  const bool approve = decision.decision == "approve";
  auto entries = [by = actor.principal.user_id, what = decision.decision,
                  sealed = std::move(sealed)](store::WriteContext& w, const std::string& id) {
    return store::recordPlanDecision(w, id, by, what, sealed);
  };
  co_return co_await commitPlan(
      ctx, actor, std::move(*loaded), decision.version,
      approve ? AuditAction::kCasePlanApprove : AuditAction::kCasePlanReturn,
      approve ? "plan_approval" : "plan_return",
      approve ? domain::kPlanApproved : domain::kPlanReturned, std::move(entries));
}

awaitable<Result<PendingApprovals>> listPendingApprovals(Context ctx, Actor actor,
                                                         std::string kind) {
  if (auto may = policy::require(actor.principal, policy::Permission::kCaseApprove); !may) {
    co_return tl::unexpected(may.error());
  }
  if (kind.empty()) {
    kind = "any";
  }
  if (kind != "plan" && kind != "closure" && kind != "any") {
    co_return domain::invalidField("kind", "Ask for plan, closure or any.");
  }
  auto job = [org_id = actor.principal.org_id,
              kind](soci::session& sql) -> Result<PendingApprovals> {
    auto rows = store::listPendingApprovals(sql, org_id, kind != "closure", kind != "plan",
                                            kMaxPendingApprovals);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    return PendingApprovals{std::move(*rows), std::move(*names)};
  };
  auto pending = co_await store::awaitRead<Result<PendingApprovals>>(ctx.db, std::move(job));
  if (!pending) {
    co_return tl::unexpected(pending.error());
  }
  auto entry =
      actor.entry(AuditAction::kCaseApprovalList, "rows=" + std::to_string(pending->rows.size()));
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return pending;
}

}  // namespace strada::cases
