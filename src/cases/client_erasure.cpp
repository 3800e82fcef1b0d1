// Erasing a person (clients.h; the API limits the reason to kMaxErasureReason characters): the
// person's key is destroyed, so nothing sealed under it opens again; the data folder's erasure
// ledger names the person, so a backup made before and restored later is erased again at start
// (cases/erasure_reconcile.h); the coded fields stay for statistics. The reason is sealed under
// the organisation's clients key (it may name the person).
#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "cases/clients.h"
#include "hotline/use_case_steps.h"
#include "store/client_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

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
  audit::AuditEntry entry = actor.entry(audit::AuditAction::kClientKeyDestroy, client.id);
  auto erase = [org = client.org_id, client_id = client.id, by = client.erased_by,
                reason = ctx.vault.seal({vault::SealedField::kErasureReason, client.id},
                                        erasure.reason)](store::WriteContext& w) {
    return store::eraseClient(w, org, client_id, by, reason);
  };
  if (auto status = co_await hotline::writeAudited(ctx, std::move(erase), std::move(entry));
      !status) {
    co_return tl::unexpected(status.error());
  }
  // Outside the database, so that a backup made before cannot bring the person back. Should this
  // write fail, the erasure stands and the next start adds it (cases/erasure_reconcile.h).
  if (const vault::ErasureLedger* ledger = ctx.vault.erasureLedger(); ledger != nullptr) {
    (void)ledger->append({client.id});
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
