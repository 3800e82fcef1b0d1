// Erasing a person (clients.h; the API limits the reason to kMaxErasureReason characters): the
// person's key is destroyed, so nothing sealed under it opens again; the data folder's erasure
// ledger names the person, so a backup made before and restored later is erased again at start
// (cases/erasure_reconcile.h); the coded fields stay for statistics. The reason is sealed under
// the organisation's clients key (it may name the person).
#include <utility>
#include <vector>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "cases/clients.h"
#include "hotline/use_case_steps.h"
#include "store/async.h"
#include "store/client_merge_repository.h"
#include "store/client_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

// The clients merged into `survivor_id` (cases/client_merge.h): erased with it.
awaitable<Result<std::vector<std::string>>> mergedIds(Context ctx, std::string survivor_id) {
  auto job = [id = std::move(survivor_id)](soci::session& sql) -> Result<std::vector<std::string>> {
    auto merged = store::mergedInto(sql, id);
    if (!merged) {
      return tl::unexpected(merged.error());
    }
    std::vector<std::string> out;
    for (auto& m : *merged) {
      out.push_back(std::move(m.id));
    }
    return out;
  };
  co_return co_await store::awaitRead<Result<std::vector<std::string>>>(ctx.db, std::move(job));
}

domain::Status checkReason(const std::string& reason) {
  if (domain::normaliseName(reason).empty()) {
    return domain::invalidField("reason", "Give the reason for erasing this person.");
  }
  return {};
}

}  // namespace

awaitable<Result<ClientView>> eraseClient(Context ctx, Actor actor, std::string id,
                                          ClientErasure erasure) {
  if (auto may = policy::require(actor.principal, policy::Permission::kClientErase); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto ok = checkReason(erasure.reason); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto loaded = co_await allowedClient(ctx, actor, std::move(id), policy::Permission::kClientErase,
                                       CaseUse::kExist);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  domain::Client& client = loaded->row.client;
  if (client.erased_at != 0 || loaded->row.wrapped_key.empty()) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "This person is already erased: there is nothing left to erase.", "id");
  }
  if (erasure.confirm_client_code != client.client_code) {
    co_return domain::invalidField(
        "confirm_client_code",
        "Type the client code of this person exactly to confirm the erasure.");
  }
  client.erased_at = ctx.clock();
  client.erased_by = actor.principal.user_id;
  auto merged = co_await mergedIds(ctx, client.id);
  if (!merged) {
    co_return tl::unexpected(merged.error());
  }
  std::vector<std::string> ids{client.id};
  ids.insert(ids.end(), merged->begin(), merged->end());
  std::vector<std::pair<std::string, std::string>> sealed;  // id, its sealed reason
  sealed.reserve(ids.size());
  for (const auto& erased_id : ids) {
    sealed.emplace_back(
        erased_id, ctx.vault.seal({vault::SealedField::kErasureReason, erased_id}, erasure.reason));
  }
  auto erase = [org = client.org_id, by = client.erased_by, sealed = std::move(sealed),
                entry = actor.entry(audit::AuditAction::kClientKeyDestroy, "")](
                   store::WriteContext& w) -> domain::Status {
    for (const auto& [erased_id, reason] : sealed) {
      if (auto done = store::eraseClient(w, org, erased_id, by, reason); !done) {
        return done;
      }
      audit::AuditEntry of_this = entry;
      of_this.object_id = erased_id;
      if (auto audited = w.audit(of_this); !audited) {
        return audited;
      }
    }
    return {};
  };
  if (auto status = co_await store::awaitWrite(ctx.db, std::move(erase)); !status) {
    co_return tl::unexpected(status.error());
  }
  // Outside the database, so that a backup made before cannot bring the person back. Should this
  // write fail, the erasure stands and the next start adds it (cases/erasure_reconcile.h).
  if (const vault::ErasureLedger* ledger = ctx.vault.erasureLedger(); ledger != nullptr) {
    (void)ledger->append(ids);
  }
  ClientView view;
  view.client = std::move(client);
  view.client.person = {};
  if (loaded->kase) {
    view.case_id = loaded->kase->id;
    view.case_status = loaded->kase->status;
  }
  co_return view;
}

}  // namespace strada::cases
