#include "store/session_repository.h"

#include <soci/soci.h>

#include <cstddef>

#include "store/sql_errors.h"
#include "store/statement_cache.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using domain::ErrorCode;

domain::Status insertSession(WriteContext& w, const SessionRecord& s) {
  try {
    const long long created_at = s.created_at;
    const long long last_seen_at = s.last_seen_at;
    w.sql() << "INSERT INTO sessions (id, user_id, org_id, created_at, last_seen_at) "
               "VALUES (:id, :user_id, :org_id, :created_at, :last_seen_at)",
        soci::use(s.id), soci::use(s.user_id), soci::use(s.org_id), soci::use(created_at),
        soci::use(last_seen_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "This session already exists.", "id");
    }
    return internalFrom("insert session", e);
  }
}

namespace {

// The session lookup of every signed-in request, prepared once per reader connection.
class PreparedSessionFind final : public detail::CachedStatement {
 public:
  PreparedSessionFind(soci::session& sql, std::size_t /*key*/)
      : st_((sql.prepare << "SELECT id, user_id, org_id, created_at, last_seen_at FROM sessions "
                            "WHERE id = :id",
             soci::into(found_.id), soci::into(found_.user_id), soci::into(found_.org_id),
             soci::into(created_at_), soci::into(last_seen_at_), soci::use(id_))) {}

  std::optional<SessionRecord> run(const std::string& id) {
    id_ = id;
    if (!st_.execute(true)) {
      return std::nullopt;
    }
    SessionRecord r = found_;
    r.created_at = created_at_;
    r.last_seen_at = last_seen_at_;
    return r;
  }

 private:
  // Declared before st_: the statement binds them when it is made.
  std::string id_;
  SessionRecord found_;
  long long created_at_ = 0;
  long long last_seen_at_ = 0;
  soci::statement st_;
};

}  // namespace

domain::Result<std::optional<SessionRecord>> findSession(soci::session& sql,
                                                         const std::string& id) {
  if (detail::StatementCache* cache = detail::readerStatementsFor(sql); cache != nullptr) {
    try {
      return cache->get<PreparedSessionFind>().run(id);
    } catch (const std::exception& e) {
      // A statement whose execution threw may keep the buffers it bound (SOCI's PostgreSQL
      // backend): drop the cache, the next lookup prepares it again.
      cache->clear();
      return internalFrom("find session", e);
    }
  }
  try {
    SessionRecord r;
    long long created_at = 0;
    long long last_seen_at = 0;
    sql << "SELECT id, user_id, org_id, created_at, last_seen_at FROM sessions WHERE id = :id",
        soci::into(r.id), soci::into(r.user_id), soci::into(r.org_id), soci::into(created_at),
        soci::into(last_seen_at), soci::use(id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    r.created_at = created_at;
    r.last_seen_at = last_seen_at;
    return r;
  } catch (const std::exception& e) {
    return internalFrom("find session", e);
  }
}

domain::Status touchSession(WriteContext& w, const std::string& id, domain::UnixMillis at) {
  try {
    const long long when = at;
    soci::statement st =
        (w.sql().prepare << "UPDATE sessions SET last_seen_at = :at WHERE id = :id",
         soci::use(when), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return domain::fail(ErrorCode::kNotFound, "The session has ended.");
    }
    return {};
  } catch (const std::exception& e) {
    return internalFrom("touch session", e);
  }
}

domain::Status deleteSession(WriteContext& w, const std::string& id) {
  try {
    w.sql() << "DELETE FROM sessions WHERE id = :id", soci::use(id);
    return {};
  } catch (const std::exception& e) {
    return internalFrom("delete session", e);
  }
}

domain::Result<std::int64_t> deleteExpiredSessions(WriteContext& w, domain::UnixMillis idle_before,
                                                   domain::UnixMillis created_before) {
  try {
    const long long idle = idle_before;
    const long long created = created_before;
    soci::statement st = (w.sql().prepare << "DELETE FROM sessions WHERE last_seen_at < :idle "
                                             "OR created_at < :created",
                          soci::use(idle), soci::use(created));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  } catch (const std::exception& e) {
    return internalFrom("delete expired sessions", e);
  }
}

}  // namespace strada::store
