#include "store/repositories.h"

#include <soci/soci.h>

#include <algorithm>
#include <tuple>

#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using detail::prepareAndExecute;
using detail::uniqueViolationNames;
using domain::ErrorCode;

namespace {

constexpr long long kAuditPageSize = 1000;

std::string rolesToText(const std::vector<domain::Role>& roles) {
  std::vector<std::string> names;
  names.reserve(roles.size());
  for (const domain::Role role : roles) {
    names.emplace_back(domain::roleName(role));
  }
  return detail::joinList(names);
}

// A role name this binary no longer knows grants nothing (least privilege) rather than locking
// the user out.
std::vector<domain::Role> rolesFromText(const std::string& text) {
  std::vector<domain::Role> roles;
  for (const std::string& name : detail::splitList(text)) {
    if (auto role = domain::parseRole(name)) {
      roles.push_back(*role);
    }
  }
  return roles;
}

// Column holders for one organisations row.
struct OrgRow {
  std::string id, code, name, country, languages;
  long long created_at = 0;

  domain::Organisation toDomain() const {
    domain::Organisation org;
    org.id = id;
    org.code = code;
    org.name = name;
    org.country = country;
    org.languages = detail::splitList(languages);
    org.created_at = created_at;
    return org;
  }
};

constexpr const char* kOrgColumns =
    "SELECT id, code, name, country, languages, created_at FROM organisations";

struct UserRow {
  std::string id, org_id, email, name, roles, password_hash;
  int active = 0;
  long long created_at = 0;

  UserRecord toRecord() const {
    UserRecord r;
    r.user.id = id;
    r.user.org_id = org_id;
    r.user.email = email;
    r.user.name = name;
    r.user.roles = rolesFromText(roles);
    r.user.active = active != 0;
    r.user.created_at = created_at;
    r.password_hash = password_hash;
    return r;
  }
};

domain::Result<std::optional<UserRecord>> findUserWhere(soci::session& sql, const char* column,
                                                        const std::string& value) {
  try {
    UserRow r;
    const std::string query = std::string(
                                  "SELECT id, org_id, email, name, roles, password_hash, "
                                  "active, created_at FROM users WHERE ") +
                              column + " = :value";
    sql << query, soci::into(r.id), soci::into(r.org_id), soci::into(r.email), soci::into(r.name),
        soci::into(r.roles), soci::into(r.password_hash), soci::into(r.active),
        soci::into(r.created_at), soci::use(value);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toRecord();
  } catch (const std::exception& e) {
    return internalFrom("find user", e);
  }
}

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

// --- organisations ---

domain::Status insertOrganisation(WriteContext& w, const domain::Organisation& org) {
  try {
    const std::string languages = detail::joinList(org.languages);
    const long long created_at = org.created_at;
    w.sql() << "INSERT INTO organisations (id, code, name, country, languages, created_at) "
               "VALUES (:id, :code, :name, :country, :languages, :created_at)",
        soci::use(org.id), soci::use(org.code), soci::use(org.name), soci::use(org.country),
        soci::use(languages), soci::use(created_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      if (uniqueViolationNames(e, "organisations", "code")) {
        return domain::fail(ErrorCode::kConflict, "An organisation with this code already exists.",
                            "code");
      }
      return domain::fail(ErrorCode::kConflict, "An organisation with this id already exists.",
                          "id");
    }
    return internalFrom("insert organisation", e);
  }
}

domain::Result<std::optional<domain::Organisation>> findOrganisationByCode(
    soci::session& sql, const std::string& code) {
  try {
    OrgRow r;
    sql << std::string(kOrgColumns) + " WHERE code = :code", soci::into(r.id), soci::into(r.code),
        soci::into(r.name), soci::into(r.country), soci::into(r.languages),
        soci::into(r.created_at), soci::use(code);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toDomain();
  } catch (const std::exception& e) {
    return internalFrom("find organisation by code", e);
  }
}

domain::Result<std::optional<domain::Organisation>> findOrganisationById(soci::session& sql,
                                                                         const std::string& id) {
  try {
    OrgRow r;
    sql << std::string(kOrgColumns) + " WHERE id = :id", soci::into(r.id), soci::into(r.code),
        soci::into(r.name), soci::into(r.country), soci::into(r.languages),
        soci::into(r.created_at), soci::use(id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toDomain();
  } catch (const std::exception& e) {
    return internalFrom("find organisation by id", e);
  }
}

domain::Result<std::vector<domain::Organisation>> listOrganisations(soci::session& sql) {
  try {
    OrgRow r;
    soci::statement st = (sql.prepare << std::string(kOrgColumns) + " ORDER BY code, id",
                          soci::into(r.id), soci::into(r.code), soci::into(r.name),
                          soci::into(r.country), soci::into(r.languages), soci::into(r.created_at));
    st.execute();
    std::vector<domain::Organisation> out;
    while (st.fetch()) {
      out.push_back(r.toDomain());
    }
    return out;
  } catch (const std::exception& e) {
    return internalFrom("list organisations", e);
  }
}

// --- users ---

domain::Status insertUser(WriteContext& w, const UserRecord& record) {
  const domain::User& u = record.user;
  try {
    const std::string roles = rolesToText(u.roles);
    const int active = u.active ? 1 : 0;
    const long long created_at = u.created_at;
    w.sql() << "INSERT INTO users (id, org_id, email, name, roles, password_hash, active, "
               "created_at) VALUES (:id, :org_id, :email, :name, :roles, :password_hash, :active, "
               ":created_at)",
        soci::use(u.id), soci::use(u.org_id), soci::use(u.email), soci::use(u.name),
        soci::use(roles), soci::use(record.password_hash), soci::use(active), soci::use(created_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      if (uniqueViolationNames(e, "users", "email")) {
        return domain::fail(ErrorCode::kConflict, "A user with this e-mail address already exists.",
                            "email");
      }
      return domain::fail(ErrorCode::kConflict, "A user with this id already exists.", "id");
    }
    return internalFrom("insert user", e);
  }
}

domain::Result<std::optional<UserRecord>> findUserByEmail(soci::session& sql,
                                                          const std::string& email) {
  return findUserWhere(sql, "email", email);
}

domain::Result<std::optional<domain::User>> findUserById(soci::session& sql,
                                                         const std::string& id) {
  auto found = findUserWhere(sql, "id", id);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return std::nullopt;
  }
  return (*found)->user;
}

domain::Result<std::vector<UserListing>> listOrganisationUsers(soci::session& sql,
                                                               const std::string& org_id) {
  try {
    // Only the columns a listing shows are read: the e-mail address and the password hash never
    // leave the database for it.
    std::string id, name, roles;
    int active = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, name, roles, active FROM users WHERE org_id = :org_id",
         soci::into(id), soci::into(name), soci::into(roles), soci::into(active),
         soci::use(org_id));
    st.execute();
    std::vector<UserListing> out;
    while (st.fetch()) {
      out.push_back(UserListing{id, name, rolesFromText(roles), active != 0});
    }
    // Sorted here rather than in SQL: the backends' collations order names differently.
    std::sort(out.begin(), out.end(), [](const UserListing& a, const UserListing& b) {
      return std::tie(a.name, a.id) < std::tie(b.name, b.id);
    });
    return out;
  } catch (const std::exception& e) {
    return internalFrom("list organisation users", e);
  }
}

// --- sessions ---

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

domain::Result<std::optional<SessionRecord>> findSession(soci::session& sql,
                                                         const std::string& id) {
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

// --- login throttle ---

domain::Result<ThrottleState> findThrottle(soci::session& sql, const std::string& key) {
  try {
    int failures = 0;
    long long window_start = 0;
    long long locked_until = 0;
    sql << "SELECT failures, window_start, locked_until FROM login_throttle WHERE \"key\" = :key",
        soci::into(failures), soci::into(window_start), soci::into(locked_until), soci::use(key);
    if (!sql.got_data()) {
      return ThrottleState{};
    }
    return ThrottleState{failures, window_start, locked_until};
  } catch (const std::exception& e) {
    return internalFrom("find throttle", e);
  }
}

domain::Status saveThrottle(WriteContext& w, const std::string& key, const ThrottleState& state) {
  try {
    const int failures = state.failures;
    const long long window_start = state.window_start;
    const long long locked_until = state.locked_until;
    // INSERT ... ON CONFLICT DO UPDATE: SQLite 3.24+ and PostgreSQL 9.5+ share this syntax.
    w.sql() << "INSERT INTO login_throttle (\"key\", failures, window_start, locked_until) "
               "VALUES (:key, :failures, :window_start, :locked_until) "
               "ON CONFLICT (\"key\") DO UPDATE SET failures = excluded.failures, "
               "window_start = excluded.window_start, locked_until = excluded.locked_until",
        soci::use(key), soci::use(failures), soci::use(window_start), soci::use(locked_until);
    return {};
  } catch (const std::exception& e) {
    return internalFrom("save throttle", e);
  }
}

domain::Status clearThrottle(WriteContext& w, const std::string& key) {
  try {
    w.sql() << "DELETE FROM login_throttle WHERE \"key\" = :key", soci::use(key);
    return {};
  } catch (const std::exception& e) {
    return internalFrom("clear throttle", e);
  }
}

// --- wrapped data keys ---

domain::Result<std::optional<std::string>> findWrappedKey(soci::session& sql,
                                                          const std::string& key_id) {
  try {
    std::string hex;
    sql << "SELECT wrapped FROM data_keys WHERE key_id = :key_id", soci::into(hex),
        soci::use(key_id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    auto bytes = detail::fromHex(hex);
    if (!bytes) {
      return domain::internalError("data_keys.wrapped is not hex");
    }
    return std::optional<std::string>(std::move(*bytes));
  } catch (const std::exception& e) {
    return internalFrom("find wrapped key", e);
  }
}

domain::Status insertWrappedKey(WriteContext& w, const std::string& key_id,
                                const std::string& wrapped) {
  try {
    const std::string hex = detail::toHex(wrapped);
    const long long created_at = w.now();
    w.sql() << "INSERT INTO data_keys (key_id, wrapped, created_at) "
               "VALUES (:key_id, :wrapped, :created_at)",
        soci::use(key_id), soci::use(hex), soci::use(created_at);
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "A data key with this id already exists.",
                          "key_id");
    }
    return internalFrom("insert wrapped key", e);
  }
}

// --- audit ---

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
