#include "store/audit_repository.h"

#include <soci/soci.h>

#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using detail::prepareAndExecute;
using domain::ErrorCode;

namespace {

constexpr long long kAuditPageSize = 1000;

struct AuditRow {
  long long seq = 0;
  long long at = 0;
  std::string actor_user_id, org_id, action, object_type, object_id, request_id, prev_hash, hash;

  template <class Stmt>
  void bindInto(Stmt& st) {
    st.exchange(soci::into(seq));
    st.exchange(soci::into(at));
    st.exchange(soci::into(actor_user_id));
    st.exchange(soci::into(org_id));
    st.exchange(soci::into(action));
    st.exchange(soci::into(object_type));
    st.exchange(soci::into(object_id));
    st.exchange(soci::into(request_id));
    st.exchange(soci::into(prev_hash));
    st.exchange(soci::into(hash));
  }

  audit::AuditEvent toEvent() const {
    audit::AuditEvent e;
    e.seq = seq;
    e.at = at;
    e.input.actor_user_id = actor_user_id;
    e.input.org_id = org_id;
    e.input.action = action;
    e.input.object_type = object_type;
    e.input.object_id = object_id;
    e.input.request_id = request_id;
    e.prev_hash = prev_hash;
    e.hash = hash;
    return e;
  }
};

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor_user_id, org_id, action, object_type, object_id, request_id, "
    "prev_hash, hash FROM audit_events";

}  // namespace

domain::Result<std::optional<audit::AuditEvent>> lastAuditEvent(soci::session& sql) {
  try {
    AuditRow r;
    soci::statement st(sql);
    r.bindInto(st);
    prepareAndExecute(st, std::string(kAuditColumns) + " ORDER BY seq DESC LIMIT 1");
    if (!st.fetch()) {
      return std::nullopt;
    }
    return r.toEvent();
  } catch (const std::exception& e) {
    return internalFrom("last audit event", e);
  }
}

domain::Status appendAuditEvent(soci::session& sql, const audit::AuditEvent& e) {
  try {
    const long long seq = e.seq;
    const long long at = e.at;
    const audit::AuditEventInput& in = e.input;
    sql << "INSERT INTO audit_events (seq, at, actor_user_id, org_id, action, object_type, "
           "object_id, request_id, prev_hash, hash) VALUES (:seq, :at, :actor_user_id, :org_id, "
           ":action, :object_type, :object_id, :request_id, :prev_hash, :hash)",
        soci::use(seq), soci::use(at), soci::use(in.actor_user_id), soci::use(in.org_id),
        soci::use(in.action), soci::use(in.object_type), soci::use(in.object_id),
        soci::use(in.request_id), soci::use(e.prev_hash), soci::use(e.hash);
    return {};
  } catch (const std::exception& ex) {
    if (isUniqueViolation(ex)) {
      // Two writers appended at once: the write lock was not held.
      return domain::fail(ErrorCode::kConflict, "The audit log changed meanwhile. Please retry.",
                          {}, "audit seq taken");
    }
    return internalFrom("append audit event", ex);
  }
}

domain::Status forEachAuditEvent(soci::session& sql,
                                 const std::function<bool(const audit::AuditEvent&)>& fn) {
  try {
    // Pages by seq so a long log never sits in memory at once (libpq buffers whole results).
    long long after = 0;
    for (;;) {
      AuditRow r;
      soci::statement st(sql);
      r.bindInto(st);
      st.exchange(soci::use(after, "after"));
      st.exchange(soci::use(kAuditPageSize, "page"));
      prepareAndExecute(
          st, std::string(kAuditColumns) + " WHERE seq > :after ORDER BY seq LIMIT :page");
      std::vector<audit::AuditEvent> page;
      while (st.fetch()) {
        page.push_back(r.toEvent());
      }
      for (const audit::AuditEvent& e : page) {
        if (!fn(e)) {
          return {};
        }
      }
      if (static_cast<long long>(page.size()) < kAuditPageSize) {
        return {};
      }
      after = page.back().seq;
    }
  } catch (const std::exception& e) {
    return internalFrom("read audit events", e);
  }
}

domain::Result<std::vector<audit::AuditEvent>> auditEventsFor(soci::session& sql,
                                                              const std::string& object_type,
                                                              const std::string& object_id) {
  try {
    AuditRow r;
    soci::statement st(sql);
    r.bindInto(st);
    st.exchange(soci::use(object_type, "object_type"));
    st.exchange(soci::use(object_id, "object_id"));
    prepareAndExecute(st, std::string(kAuditColumns) +
                              " WHERE object_type = :object_type AND object_id = :object_id "
                              "ORDER BY seq DESC");
    std::vector<audit::AuditEvent> out;
    while (st.fetch()) {
      out.push_back(r.toEvent());
    }
    return out;
  } catch (const std::exception& e) {
    return internalFrom("audit events for object", e);
  }
}

}  // namespace strada::store
