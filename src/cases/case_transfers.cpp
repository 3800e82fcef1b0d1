// A case's transfer with acceptance (case_transfers.h).
#include "cases/case_transfers.h"

#include <algorithm>
#include <utility>

#include "cases/case_records.h"
#include "crypto/crypto.h"
#include "policy/case_access.h"
#include "store/async.h"

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

namespace {

constexpr std::size_t kMaxReasonChars = 500;
using audit::AuditAction;

bool isSupervisor(const policy::Principal& who) {
  return std::find(who.roles.begin(), who.roles.end(), domain::Role::kSupervisor) !=
         who.roles.end();
}

domain::Status noTransferWaits() {
  return domain::fail(domain::ErrorCode::kConflict,
                      "No transfer of this case waits for an answer. Reload the case to see who "
                      "works it.",
                      "transfer");
}

awaitable<Result<std::optional<store::CaseTransferRow>>> readPendingTransfer(Context ctx,
                                                                             std::string case_id) {
  auto job = [case_id](soci::session& sql) { return store::pendingCaseTransfer(sql, case_id); };
  co_return co_await store::awaitRead<Result<std::optional<store::CaseTransferRow>>>(
      ctx.db, std::move(job));
}

// OK when the actor may answer `pending` on the case `loaded`: the worker it is offered to or a
// supervisor. Otherwise NotFound for who may not see the case, PermissionDenied or "no transfer
// waits" for who may.
domain::Status mayDecide(const policy::Principal& who, const LoadedCase& loaded,
                         const std::optional<store::CaseTransferRow>& pending) {
  const bool receiver = pending && pending->to_user == who.user_id && !who.user_id.empty();
  if (receiver || isSupervisor(who)) {
    return pending ? domain::Status{} : noTransferWaits();
  }
  if (auto visible = policy::requireCaseVisible(who, loaded.facts); !visible) {
    return visible;
  }
  if (!pending) {
    return noTransferWaits();
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "Only the worker this case is offered to, or a supervisor, may accept or "
                      "decline the transfer.",
                      {}, "case.transfer_accept");
}

// The case after `pending` is accepted: the receiver works it, the worker before leaves it.
domain::Case transferred(domain::Case k, const store::CaseTransferRow& pending) {
  k.assigned_to = pending.to_user;
  std::erase_if(k.team, [&pending](const std::string& member) {
    return member == pending.to_user || member == pending.from_user;
  });
  return k;
}

// The history entry of a transfer's step on `k` (its stage unchanged).
store::CaseHistoryEntry transferEntry(const domain::Case& k, std::string kind,
                                      std::string summary) {
  store::CaseHistoryEntry entry;
  entry.from_status = k.status;
  entry.to_status = k.status;
  entry.kind = std::move(kind);
  entry.reason = std::move(summary);
  return entry;
}

awaitable<Result<TransferOutcome>> declineTransfer(Context ctx, Actor actor, LoadedCase loaded,
                                                   store::CaseTransferRow pending,
                                                   std::string reason) {
  store::CaseHistoryEntry entry = transferEntry(loaded.kase, "transfer_decline", reason);
  entry.id = crypto::newId();
  entry.case_id = loaded.kase.id;
  entry.at = ctx.clock();
  entry.by_user = actor.principal.user_id;
  store::WriteJob write = [entry, id = pending.id, by = actor.principal.user_id,
                           reason](store::WriteContext& w) {
    if (auto s = store::decideCaseTransfer(w, id, "declined", by, reason); !s) {
      return s;
    }
    return store::insertCaseHistory(w, entry);
  };
  if (auto s = co_await hotline::writeAudited(
          ctx, std::move(write), actor.entry(AuditAction::kCaseTransferDecline, loaded.kase.id));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return TransferOutcome{loaded.kase.id, false, loaded.kase.assigned_to};
}

// OK when `request` gives a reason and names another active case worker or supervisor among
// `users` than `assigned_to`; otherwise InvalidArgument on "reason" or "to".
domain::Status checkRequest(const TransferRequest& request,
                            const std::vector<store::UserListing>& users,
                            const std::string& assigned_to) {
  if (!isTextWithin(request.reason, kMaxReasonChars)) {
    return domain::invalidField("reason",
                                "Say why the case moves, in 1 to 500 characters (no personal "
                                "data).");
  }
  if (request.to == assigned_to || !isCaseWorkerAmong(users, request.to)) {
    return domain::invalidField("to",
                                "Choose another active case worker or supervisor of your "
                                "organisation.");
  }
  return {};
}

}  // namespace

awaitable<Result<CaseView>> requestTransfer(Context ctx, Actor actor, std::string case_id,
                                            TransferRequest request) {
  auto users = co_await readUsers(ctx, actor.principal.org_id);
  if (!users) {
    co_return tl::unexpected(users.error());
  }
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kAssign);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (auto ok = checkRequest(request, *users, loaded->kase.assigned_to); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto pending = co_await readPendingTransfer(ctx, loaded->kase.id);
  if (!pending) {
    co_return tl::unexpected(pending.error());
  }
  if (*pending) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "A transfer of this case already waits for an answer. Wait for it, "
                           "or ask a supervisor.",
                           "transfer");
  }
  const auto named = std::find_if(users->begin(), users->end(),
                                  [&](const store::UserListing& u) { return u.id == request.to; });
  store::CaseTransferRow row;
  row.id = crypto::newId();
  row.case_id = loaded->kase.id;
  row.org_id = loaded->kase.org_id;
  row.from_user = loaded->kase.assigned_to;
  row.to_user = request.to;
  row.reason = std::move(request.reason);
  row.requested_by = actor.principal.user_id;
  row.requested_at = ctx.clock();
  store::WriteJob insert = [row](store::WriteContext& w) {
    return store::insertCaseTransfer(w, row);
  };
  domain::Case same = loaded->kase;
  auto entry = transferEntry(same, "transfer_request", named->name);
  co_return co_await commitCaseChange(ctx, std::move(actor), std::move(*loaded), std::move(same),
                                      request.version, std::move(entry),
                                      AuditAction::kCaseTransferRequest, std::move(insert));
}

awaitable<Result<TransferOutcome>> decideTransfer(Context ctx, Actor actor, std::string case_id,
                                                  TransferDecision decision) {
  if (utf8Length(decision.reason) > kMaxReasonChars) {
    co_return domain::invalidField("reason", "Keep the reason under 500 characters.");
  }
  // Read before the case is loaded: answered only once the case proves the actor's to see.
  auto pending = co_await readPendingTransfer(ctx, case_id);
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kExist);
  if (!loaded || !pending) {
    co_return tl::unexpected(!loaded ? loaded.error() : pending.error());
  }
  if (auto may = mayDecide(actor.principal, *loaded, *pending); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!decision.accept) {
    co_return co_await declineTransfer(ctx, std::move(actor), std::move(*loaded),
                                       std::move(**pending), std::move(decision.reason));
  }
  const std::string id = loaded->kase.id;
  const std::int32_t version = loaded->kase.version;
  domain::Case revised = transferred(loaded->kase, **pending);
  auto entry = transferEntry(revised, "transfer_accept", "");
  store::WriteJob decide = [transfer_id = (*pending)->id, by = actor.principal.user_id,
                            reason = decision.reason](store::WriteContext& w) {
    return store::decideCaseTransfer(w, transfer_id, "accepted", by, reason);
  };
  auto view = co_await commitCaseChange(ctx, std::move(actor), std::move(*loaded),
                                        std::move(revised), version, std::move(entry),
                                        AuditAction::kCaseTransferAccept, std::move(decide));
  if (!view) {
    co_return tl::unexpected(view.error());
  }
  co_return TransferOutcome{id, true, view->kase.assigned_to};
}

awaitable<Result<TransferList>> myTransfers(Context ctx, Actor actor) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kTaskListMine); !may) {
    co_return tl::unexpected(may.error());
  }
  auto read = [org_id = who.org_id, user_id = who.user_id](soci::session& sql) {
    return store::listPendingTransfersTo(sql, org_id, user_id);
  };
  auto rows = co_await store::awaitRead<Result<std::vector<store::CaseTransferRow>>>(
      ctx.db, std::move(read));
  auto users = co_await readUsers(ctx, who.org_id);
  if (!rows || !users) {
    co_return tl::unexpected(!rows ? rows.error() : users.error());
  }
  TransferList list{std::move(*rows), {}};
  for (const auto& u : *users) {
    list.names[u.id] = u.name;
  }
  auto entry =
      actor.entry(AuditAction::kTransferListMine, "rows=" + std::to_string(list.items.size()));
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return list;
}

awaitable<Result<std::vector<AssignableUser>>> assignableUsers(Context ctx, Actor actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kCaseUpdate); !may) {
    co_return tl::unexpected(may.error());
  }
  auto users = co_await readUsers(ctx, actor.principal.org_id);
  if (!users) {
    co_return tl::unexpected(users.error());
  }
  std::vector<AssignableUser> out;
  for (const auto& u : *users) {
    if (isCaseWorkerAmong(*users, u.id)) {
      out.push_back({u.id, u.name});
    }
  }
  co_return out;
}

}  // namespace strada::cases
