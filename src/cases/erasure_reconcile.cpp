#include "cases/erasure_reconcile.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "store/async.h"
#include "store/client_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::string_view kReappliedReason =
    "Re-applied from the erasure ledger: the database was restored from a backup made before "
    "this person was erased.";

struct Plan {
  std::vector<std::pair<std::string, std::string>> seal;  // client id, sealed reason
  std::vector<std::string> to_ledger;
  std::vector<store::ErasureState> reapply;
};

Plan planOf(const hotline::Context& ctx, const std::vector<store::ErasureState>& states,
            const std::set<std::string>& in_ledger, bool has_ledger) {
  Plan plan;
  for (const store::ErasureState& s : states) {
    const bool named = in_ledger.contains(s.client_id);
    if (named && (s.key_present || !s.erased)) {
      plan.reapply.push_back(s);
      continue;  // erased again below, with its own sealed reason
    }
    if (!s.reason_in_clear.empty()) {
      plan.seal.emplace_back(
          s.client_id,
          ctx.vault.seal({vault::SealedField::kErasureReason, s.client_id}, s.reason_in_clear));
    }
    if (has_ledger && s.erased && !named) {
      plan.to_ledger.push_back(s.client_id);
    }
  }
  return plan;
}

store::WriteJob jobOf(const hotline::Context& ctx, const Plan& plan) {
  std::vector<std::pair<store::ErasureState, std::string>> reapply;
  for (const store::ErasureState& s : plan.reapply) {
    reapply.emplace_back(
        s, ctx.vault.seal({vault::SealedField::kErasureReason, s.client_id}, kReappliedReason));
  }
  return
      [seal = plan.seal, reapply = std::move(reapply)](store::WriteContext& w) -> domain::Status {
        for (const auto& [id, sealed] : seal) {
          if (auto ok = store::sealErasureReason(w, id, sealed); !ok) {
            return ok;
          }
        }
        for (const auto& [state, sealed] : reapply) {
          if (auto ok = store::eraseClient(w, state.org_id, state.client_id, "", sealed); !ok) {
            return ok;
          }
          auto audited = w.audit(audit::AuditEntry{
              "", state.org_id, audit::AuditAction::kClientKeyDestroy, state.client_id, ""});
          if (!audited) {
            return audited;
          }
        }
        return {};
      };
}

}  // namespace

awaitable<Result<ErasureReconciliation>> reconcileErasures(hotline::Context ctx) {
  const vault::ErasureLedger* ledger = ctx.vault.erasureLedger();
  std::set<std::string> in_ledger;
  if (ledger != nullptr) {
    auto read = ledger->read();
    if (!read) {
      co_return tl::unexpected(read.error());
    }
    in_ledger = std::move(*read);
  }
  const std::vector<std::string> ids(in_ledger.begin(), in_ledger.end());
  auto states = co_await store::awaitRead<Result<std::vector<store::ErasureState>>>(
      ctx.db, [&ids](soci::session& sql) { return store::erasureStates(sql, ids); });
  if (!states) {
    co_return tl::unexpected(states.error());
  }
  Plan plan = planOf(ctx, *states, in_ledger, ledger != nullptr);
  ErasureReconciliation done{static_cast<std::int64_t>(plan.seal.size()),
                             static_cast<std::int64_t>(plan.to_ledger.size()),
                             static_cast<std::int64_t>(plan.reapply.size())};
  if (!plan.seal.empty() || !plan.reapply.empty()) {
    if (auto written = co_await store::awaitWrite(ctx.db, jobOf(ctx, plan)); !written) {
      co_return tl::unexpected(written.error());
    }
  }
  if (ledger != nullptr) {
    if (auto appended = ledger->append(plan.to_ledger); !appended) {
      co_return tl::unexpected(appended.error());
    }
  }
  co_return done;
}

}  // namespace strada::cases
