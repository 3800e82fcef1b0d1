#include "store/session_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;

domain::Status insertSession(WriteContext& w, const SessionRecord& s) {
  return detail::guardedWrite(
      "insert session", "sessions", {{"", "This session already exists.", "id"}},
      [&]() -> domain::Status {
        detail::insertRow(w.sql(), "sessions",
                          "id, user_id, org_id, created_at, last_seen_at, stage, agent", s.id,
                          s.user_id, s.org_id, s.created_at, s.last_seen_at, s.stage, s.agent);
        return {};
      });
}

domain::Result<std::optional<SessionRecord>> findSession(soci::session& sql,
                                                         const std::string& id) {
  return guarded("find session", [&]() -> domain::Result<std::optional<SessionRecord>> {
    SessionRecord r;
    long long created_at = 0;
    long long last_seen_at = 0;
    int failures = 0;
    sql << "SELECT id, user_id, org_id, created_at, last_seen_at, stage, factor_failures, agent "
           "FROM sessions WHERE id = :id",
        soci::into(r.id), soci::into(r.user_id), soci::into(r.org_id), soci::into(created_at),
        soci::into(last_seen_at), soci::into(r.stage), soci::into(failures), soci::into(r.agent),
        soci::use(id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    r.created_at = created_at;
    r.last_seen_at = last_seen_at;
    r.factor_failures = failures;
    return r;
  });
}

domain::Status touchSession(WriteContext& w, const std::string& id, domain::UnixMillis at) {
  return guarded("touch session", [&]() -> domain::Status {
    const long long when = at;
    soci::statement st =
        (w.sql().prepare << "UPDATE sessions SET last_seen_at = :at WHERE id = :id",
         soci::use(when), soci::use(id));
    return detail::changeOneRow(st, "The session has ended.");
  });
}

domain::Status deleteSession(WriteContext& w, const std::string& id) {
  return guarded("delete session", [&]() -> domain::Status {
    w.sql() << "DELETE FROM sessions WHERE id = :id", soci::use(id);
    return {};
  });
}

domain::Result<std::int64_t> deleteExpiredSessions(WriteContext& w, domain::UnixMillis idle_before,
                                                   domain::UnixMillis created_before) {
  return guarded("delete expired sessions", [&]() -> domain::Result<std::int64_t> {
    const long long idle = idle_before;
    const long long created = created_before;
    soci::statement st = (w.sql().prepare << "DELETE FROM sessions WHERE last_seen_at < :idle "
                                             "OR created_at < :created",
                          soci::use(idle), soci::use(created));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

}  // namespace strada::store
