// The workflow of a case (cases.h): stage moves, closure request and approval, assignment.
#include <algorithm>
#include <limits>
#include <utility>

#include "cases/case_follow_ups.h"
#include "cases/case_records.h"
#include "cases/cases.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "domain/client.h"
#include "domain/codes.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

domain::Status notAllowed(std::string_view from, std::string_view to) {
  return domain::fail(domain::ErrorCode::kConflict,
                      "A case at this stage cannot move there. Reload the case to see its stage.",
                      "to", std::string(from) + " -> " + std::string(to));
}

bool closurePending(const domain::Case& k) { return k.closure && k.closure->approved_by.empty(); }

// The case after a closure request, or why not.
Result<domain::Case> requestClosure(domain::Case k, const StatusChange& c, const std::string& by,
                                    domain::UnixMillis now) {
  if (!domain::mayRequestClosure(k.status) || closurePending(k)) {
    return tl::unexpected(notAllowed(k.status, c.to).error());
  }
  if (!inCodeList("closure_reason", c.reason)) {
    return domain::invalidField("reason", "Choose why the case closes from the list offered.");
  }
  if (!inCodeList("closure_outcome", c.outcome)) {
    return domain::invalidField("outcome", "Choose the outcome from the list offered.");
  }
  if (auto ok = checkInclusionOutcomes(c.inclusion_outcomes, "inclusion_outcomes"); !ok) {
    return tl::unexpected(ok.error());
  }
  k.closure = domain::CaseClosure{c.reason, c.outcome, by, now, "", 0};
  return k;
}

domain::Status checkReflection(const StatusChange& c) {
  auto start = domain::parseCalendarDate(c.reflection_start, "reflection_start");
  if (!start) {
    return domain::invalidField("reflection_start",
                                "Give the first day of the reflection and recovery period "
                                "(YYYY-MM-DD).");
  }
  return checkEndDay(c.reflection_end, "reflection_end", *start,
                     "The period cannot end before it starts.");
}

// The case after a stage move, or why not.
Result<domain::Case> moveStage(domain::Case k, const StatusChange& c) {
  if (!domain::isCaseStatus(c.to)) {
    return domain::invalidField("to", "Choose a case stage from the list offered.");
  }
  if (!domain::mayMoveCase(k.status, c.to)) {
    return tl::unexpected(notAllowed(k.status, c.to).error());
  }
  if (c.reason.size() > 500) {
    return domain::invalidField("reason", "Keep the note under 500 characters.");
  }
  if (!c.inclusion_outcomes.empty()) {
    return domain::invalidField("inclusion_outcomes",
                                "Social-inclusion outcomes are recorded when the case closes.");
  }
  if (c.to == domain::kCaseFirstAssistance) {
    if (auto ok = checkReflection(c); !ok) {
      return tl::unexpected(ok.error());
    }
    k.reflection_start = c.reflection_start;
    k.reflection_end = c.reflection_end;
  }
  // Moving on (or reopening) ends a pending or approved closure.
  k.closure.reset();
  k.status = c.to;
  return k;
}

// The follow-up of kind "closure" that keeps the outcomes of a closure requested at `now`.
store::FollowUpRow closureOutcomes(const domain::Case& k, const StatusChange& c,
                                   const std::string& by, domain::UnixMillis now) {
  return store::FollowUpRow{crypto::newId(),     k.id, "closure", calendarDate(now), "", by, now,
                            c.inclusion_outcomes};
}

}  // namespace

awaitable<Result<CaseView>> commitCaseChange(Context ctx, Actor actor, LoadedCase loaded,
                                             domain::Case revised, std::int32_t expected,
                                             store::CaseHistoryEntry entry, AuditAction action,
                                             store::WriteJob also) {
  if (expected == std::numeric_limits<std::int32_t>::max()) {
    co_return domain::fail(domain::ErrorCode::kConflict, "This case cannot be changed any more.",
                           "version");
  }
  revised.updated_at = ctx.clock();
  revised.version = expected + 1;
  entry.id = crypto::newId();
  entry.case_id = revised.id;
  entry.at = revised.updated_at;
  entry.by_user = actor.principal.user_id;
  store::WriteJob write = [revised, expected, entry, also](store::WriteContext& w) {
    if (auto s = store::updateCase(w, revised, expected); !s) {
      return s;
    }
    if (auto s = store::insertCaseHistory(w, entry); !s) {
      return s;
    }
    return also ? also(w) : domain::Status{};
  };
  if (auto s =
          co_await hotline::writeAudited(ctx, std::move(write), actor.entry(action, revised.id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  loaded.kase = std::move(revised);
  co_return co_await viewCase(ctx, std::move(loaded), policy::CaseAccess::kFull);
}

awaitable<Result<CaseView>> changeCaseStatus(Context ctx, Actor actor, std::string id,
                                             StatusChange change) {
  const policy::Principal& who = actor.principal;
  auto loaded = co_await allowedCase(ctx, actor, std::move(id), policy::Permission::kCaseUpdate,
                                     CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const bool closing = change.to == domain::kCaseClosed;
  auto revised = closing ? requestClosure(loaded->kase, change, who.user_id, ctx.clock())
                         : moveStage(loaded->kase, change);
  if (!revised) {
    co_return tl::unexpected(revised.error());
  }
  store::CaseHistoryEntry entry;
  entry.from_status = loaded->kase.status;
  entry.to_status = change.to;
  entry.kind = closing ? "closure_request" : "status_change";
  entry.reason = change.reason;
  store::WriteJob outcomes;
  if (closing && !change.inclusion_outcomes.empty()) {
    outcomes = [row = closureOutcomes(loaded->kase, change, who.user_id, ctx.clock())](
                   store::WriteContext& w) { return store::insertFollowUp(w, row); };
  }
  co_return co_await commitCaseChange(
      ctx, std::move(actor), std::move(*loaded), std::move(*revised), change.version,
      std::move(entry), closing ? AuditAction::kCaseClosureRequest : AuditAction::kCaseStatusChange,
      std::move(outcomes));
}

awaitable<Result<CaseView>> approveClosure(Context ctx, Actor actor, std::string id,
                                           std::int32_t version) {
  const policy::Principal& who = actor.principal;
  auto loaded = co_await allowedCase(ctx, actor, std::move(id), policy::Permission::kCaseApprove,
                                     CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (!closurePending(loaded->kase)) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "No closure of this case waits for approval. Reload the case.",
                           "closure");
  }
  if (auto ok = policy::requireApproverNotRequester(who, loaded->kase.closure->requested_by); !ok) {
    co_return tl::unexpected(ok.error());
  }
  domain::Case revised = loaded->kase;
  revised.closure->approved_by = who.user_id;
  revised.closure->approved_at = ctx.clock();
  revised.status = std::string(domain::kCaseClosed);
  store::CaseHistoryEntry entry;
  entry.from_status = loaded->kase.status;
  entry.to_status = revised.status;
  entry.kind = "closure_approve";
  entry.reason = revised.closure->reason;
  co_return co_await commitCaseChange(ctx, std::move(actor), std::move(*loaded), std::move(revised),
                                      version, std::move(entry), AuditAction::kCaseClosureApprove,
                                      nullptr);
}

awaitable<Result<CaseView>> assignCase(Context ctx, Actor actor, std::string id,
                                       Assignment assignment) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(id), policy::Permission::kCaseUpdate,
                                     CaseUse::kAssign);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto users = co_await readUsers(ctx, actor.principal.org_id);
  if (!users) {
    co_return tl::unexpected(users.error());
  }
  const auto is_worker = [&](const std::string& user_id) {
    return isCaseWorkerAmong(*users, user_id);
  };
  const auto& roles = actor.principal.roles;
  if (assignment.assigned_to != loaded->kase.assigned_to &&
      std::find(roles.begin(), roles.end(), domain::Role::kSupervisor) == roles.end()) {
    co_return domain::fail(domain::ErrorCode::kPermissionDenied,
                           "Only a supervisor assigns a case to another worker. Request a "
                           "transfer instead: the worker you name accepts it.",
                           "assigned_to", "case.assign");
  }
  if (!is_worker(assignment.assigned_to)) {
    co_return domain::invalidField("assigned_to",
                                   "Choose an active case worker or supervisor of your "
                                   "organisation.");
  }
  std::vector<std::string> team;
  for (std::size_t i = 0; i < assignment.team.size(); ++i) {
    const std::string& member = assignment.team[i];
    if (!is_worker(member)) {
      co_return domain::invalidField("team[" + std::to_string(i) + "]",
                                     "Choose active case workers or supervisors of your "
                                     "organisation.");
    }
    if (member != assignment.assigned_to &&
        std::find(team.begin(), team.end(), member) == team.end()) {
      team.push_back(member);
    }
  }
  domain::Case revised = loaded->kase;
  revised.assigned_to = assignment.assigned_to;
  revised.team = std::move(team);
  store::CaseHistoryEntry entry;
  entry.from_status = revised.status;
  entry.to_status = revised.status;
  entry.kind = "assignment";
  co_return co_await commitCaseChange(ctx, std::move(actor), std::move(*loaded), std::move(revised),
                                      assignment.version, std::move(entry),
                                      AuditAction::kCaseAssign, nullptr);
}

}  // namespace strada::cases
