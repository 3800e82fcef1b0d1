#include "store/audit_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::collectRows;
using detail::guarded;
using detail::guardedWrite;
using detail::prepareAndExecute;

namespace {

constexpr long long kAuditPageSize = 1000;

// Holders for one audit_events row: the text columns are read straight into `event`.
struct AuditRow {
  long long seq = 0;
  long long at = 0;
  audit::AuditEvent event;

  void bindInto(soci::statement& st) {
    audit::AuditEventInput& in = event.input;
    detail::intoEach(st, seq, at, in.actor_user_id, in.org_id, in.action, in.object_type,
                     in.object_id, in.request_id, event.prev_hash, event.hash);
  }

  audit::AuditEvent toRow() const {
    audit::AuditEvent e = event;
    e.seq = seq;
    e.at = at;
    return e;
  }
};

constexpr const char* kAuditColumns =
    "SELECT seq, at, actor_user_id, org_id, action, object_type, object_id, request_id, "
    "prev_hash, hash FROM audit_events";

}  // namespace

domain::Result<std::optional<audit::AuditEvent>> lastAuditEvent(soci::session& sql) {
  AuditRow r;
  return detail::selectRow(sql, "last audit event", r,
                           std::string(kAuditColumns) + " ORDER BY seq DESC LIMIT 1");
}

domain::Status appendAuditEvent(soci::session& sql, const audit::AuditEvent& e) {
  // A unique violation: two writers appended at once, the write lock was not held.
  return guardedWrite(
      "append audit event", "audit_events",
      {{"", "The audit log changed meanwhile. Please retry.", "", "audit seq taken"}},
      [&]() -> domain::Status {
        const long long seq = e.seq;
        const long long at = e.at;
        const audit::AuditEventInput& in = e.input;
        sql << "INSERT INTO audit_events (seq, at, actor_user_id, org_id, action, object_type, "
               "object_id, request_id, prev_hash, hash) VALUES (:seq, :at, :actor_user_id, "
               ":org_id, :action, :object_type, :object_id, :request_id, :prev_hash, :hash)",
            soci::use(seq), soci::use(at), soci::use(in.actor_user_id), soci::use(in.org_id),
            soci::use(in.action), soci::use(in.object_type), soci::use(in.object_id),
            soci::use(in.request_id), soci::use(e.prev_hash), soci::use(e.hash);
        return {};
      });
}

domain::Status forEachAuditEvent(soci::session& sql,
                                 const std::function<bool(const audit::AuditEvent&)>& fn) {
  return guarded("read audit events", [&]() -> domain::Status {
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
      const std::vector<audit::AuditEvent> page = collectRows(st, [&] { return r.toRow(); });
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
  });
}

domain::Result<RechainOutcome> rechainAuditEvents(WriteContext& w, std::string_view mac_key) {
  soci::session& sql = w.sql();
  struct Link {
    long long seq;
    std::string prev_hash;
    std::string hash;
  };
  std::vector<Link> links;
  audit::ChainVerifier legacy;
  std::string prev = audit::genesisHash();
  auto walked = forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
    if (!legacy.feed(e)) {
      return false;
    }
    audit::AuditEvent keyed = e;
    keyed.prev_hash = prev;
    keyed.hash = audit::computeMac(mac_key, keyed);
    prev = keyed.hash;
    links.push_back(Link{e.seq, std::move(keyed.prev_hash), std::move(keyed.hash)});
    return true;
  });
  if (!walked) {
    return tl::unexpected(walked.error());
  }
  if (!legacy.intact()) {
    return domain::fail(
        domain::ErrorCode::kUnavailable,
        "The audit trail is broken at event " + std::to_string(legacy.firstBrokenSeq()) + " (" +
            legacy.problem() +
            "), so it cannot be chained under the audit key. Keep a copy of the database as "
            "evidence and restore a backup taken before the break.");
  }
  auto updated = guarded("rechain audit events", [&]() -> domain::Status {
    long long seq = 0;
    std::string prev_hash;
    std::string hash;
    soci::statement st =
        (sql.prepare << "UPDATE audit_events SET prev_hash = :prev_hash, hash = :hash "
                        "WHERE seq = :seq",
         soci::use(prev_hash), soci::use(hash), soci::use(seq));
    for (Link& link : links) {
      seq = link.seq;
      prev_hash = std::move(link.prev_hash);
      hash = std::move(link.hash);
      st.execute(true);
    }
    return {};
  });
  if (!updated) {
    return tl::unexpected(updated.error());
  }
  return RechainOutcome{static_cast<std::int64_t>(links.size())};
}

domain::Result<std::vector<audit::AuditEvent>> auditEventsFor(soci::session& sql,
                                                              const std::string& object_type,
                                                              const std::string& object_id) {
  AuditRow r;
  return detail::selectRows(sql, "audit events for object", r,
                            std::string(kAuditColumns) +
                                " WHERE object_type = :object_type AND object_id = :object_id "
                                "ORDER BY seq DESC",
                            object_type, object_id);
}

}  // namespace strada::store
