#include "hotline/use_case_steps.h"

namespace strada::hotline {

awaitable<domain::Status> recordAudit(Context ctx, audit::AuditEntry entry) {
  store::WriteJob record = [entry = std::move(entry)](store::WriteContext& w) {
    return w.audit(entry);
  };
  co_return co_await store::awaitWrite(ctx.db, std::move(record));
}

}  // namespace strada::hotline
