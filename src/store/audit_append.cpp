#include "store/audit_append.h"

#include <soci/soci.h>

#include <cstddef>
#include <string>

#include "store/repositories.h"
#include "store/sql_errors.h"
#include "store/statement_cache.h"

namespace strada::store::detail {

namespace {

// INSERT INTO audit_events, bound once to its own copy of an event.
class PreparedAuditInsert final : public CachedStatement {
 public:
  PreparedAuditInsert(soci::session& sql, std::size_t /*key*/)
      : st_((sql.prepare << "INSERT INTO audit_events (seq, at, actor_user_id, org_id, action, "
                            "object_type, object_id, request_id, prev_hash, hash) VALUES (:seq, "
                            ":at, :actor_user_id, :org_id, :action, :object_type, :object_id, "
                            ":request_id, :prev_hash, :hash)",
             soci::use(seq_), soci::use(at_), soci::use(in_.actor_user_id), soci::use(in_.org_id),
             soci::use(in_.action), soci::use(in_.object_type), soci::use(in_.object_id),
             soci::use(in_.request_id), soci::use(prev_hash_), soci::use(hash_))) {}

  void run(const audit::AuditEvent& e) {
    seq_ = e.seq;
    at_ = e.at;
    in_ = e.input;
    prev_hash_ = e.prev_hash;
    hash_ = e.hash;
    st_.execute(true);
  }

 private:
  // Declared before st_: the statement binds them when it is made.
  long long seq_ = 0;
  long long at_ = 0;
  audit::AuditEventInput in_;
  std::string prev_hash_;
  std::string hash_;
  soci::statement st_;
};

}  // namespace

void appendAuditEventNow(StatementCache& cache, const audit::AuditEvent& event) {
  cache.get<PreparedAuditInsert>().run(event);
}

domain::Error auditAppendError(const std::exception& e) {
  if (isUniqueViolation(e)) {
    // Two writers appended at once: the write lock was not held.
    return domain::Error{domain::ErrorCode::kConflict,
                         "The audit log changed meanwhile. Please retry.", "", "audit seq taken"};
  }
  return internalFrom("append audit event", e).value();
}

domain::Status appendAuditEventPrepared(WriteContext& w, const audit::AuditEvent& event) {
  StatementCache* cache = w.statements();
  if (cache == nullptr) {
    return appendAuditEvent(w.sql(), event);
  }
  try {
    appendAuditEventNow(*cache, event);
    return {};
  } catch (const std::exception& ex) {
    return tl::unexpected(auditAppendError(ex));
  }
}

}  // namespace strada::store::detail
