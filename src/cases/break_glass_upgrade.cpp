#include "cases/break_glass_upgrade.h"

#include <string>
#include <utility>
#include <vector>

#include "store/async.h"
#include "store/case_repository.h"

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

awaitable<Result<std::int64_t>> sealClearBreakGlassReasons(hotline::Context ctx) {
  constexpr std::int32_t kBatch = 500;
  using Found = std::vector<std::pair<std::string, std::string>>;
  std::int64_t sealed_count = 0;
  for (;;) {
    auto found = co_await store::awaitRead<Result<Found>>(
        ctx.db, [](soci::session& sql) { return store::listClearBreakGlassReasons(sql, kBatch); });
    if (!found) {
      co_return tl::unexpected(found.error());
    }
    if (found->empty()) {
      co_return sealed_count;
    }
    Found sealed;
    for (const auto& [id, reason] : *found) {
      sealed.emplace_back(id, ctx.vault.seal({vault::SealedField::kBreakGlassReason, id}, reason));
    }
    sealed_count += static_cast<std::int64_t>(sealed.size());
    store::WriteJob job = [sealed = std::move(sealed)](store::WriteContext& w) -> domain::Status {
      for (const auto& [id, reason_sealed] : sealed) {
        if (auto ok = store::sealBreakGlassReason(w, id, reason_sealed); !ok) {
          return ok;
        }
      }
      return {};
    };
    if (auto written = co_await store::awaitWrite(ctx.db, std::move(job)); !written) {
      co_return tl::unexpected(written.error());
    }
  }
}

}  // namespace strada::cases
