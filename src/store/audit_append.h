// Private to store/: appending an audit event with the writer connection's prepared INSERT.
// The same row and the same errors as store::appendAuditEvent (store/repositories.h), which
// stays the path for a context without prepared statements.
#pragma once

#include <exception>

#include "audit/audit_event.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::store::detail {

class StatementCache;

// Inserts `event` (seq, hash and prev_hash already computed) in w's transaction. Conflict when
// its seq is taken (the write lock was not held); Internal otherwise.
[[nodiscard]] domain::Status appendAuditEventPrepared(WriteContext& w,
                                                      const audit::AuditEvent& event);
// The same on `cache`'s connection; throws what SOCI throws.
void appendAuditEventNow(StatementCache& cache, const audit::AuditEvent& event);
// The error of a failed append, as appendAuditEventPrepared reports it.
[[nodiscard]] domain::Error auditAppendError(const std::exception& e);

}  // namespace strada::store::detail
