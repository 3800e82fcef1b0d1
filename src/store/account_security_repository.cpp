#include "store/account_security_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <tuple>

#include "store/guarded.h"
#include "store/user_repository.h"

namespace strada::store {

using detail::guarded;

domain::Result<std::optional<SecondFactorRow>> findSecondFactor(soci::session& sql,
                                                                const std::string& user_id) {
  return guarded("find second factor", [&]() -> domain::Result<std::optional<SecondFactorRow>> {
    SecondFactorRow r;
    long long enabled_at = 0;
    long long last_step = 0;
    long long updated_at = 0;
    sql << "SELECT user_id, secret_sealed, pending_sealed, enabled_at, last_step, updated_at "
           "FROM user_second_factors WHERE user_id = :id",
        soci::into(r.user_id), soci::into(r.secret_sealed), soci::into(r.pending_sealed),
        soci::into(enabled_at), soci::into(last_step), soci::into(updated_at), soci::use(user_id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    r.enabled_at = enabled_at;
    r.last_step = last_step;
    r.updated_at = updated_at;
    return r;
  });
}

domain::Status saveSecondFactor(WriteContext& w, const SecondFactorRow& row) {
  return guarded("save second factor", [&]() -> domain::Status {
    w.sql() << "DELETE FROM user_second_factors WHERE user_id = :id", soci::use(row.user_id);
    detail::insertRow(w.sql(), "user_second_factors",
                      "user_id, secret_sealed, pending_sealed, enabled_at, last_step, updated_at",
                      row.user_id, row.secret_sealed, row.pending_sealed, row.enabled_at,
                      row.last_step, row.updated_at);
    return {};
  });
}

domain::Status deleteSecondFactor(WriteContext& w, const std::string& user_id) {
  return guarded("delete second factor", [&]() -> domain::Status {
    w.sql() << "DELETE FROM user_second_factors WHERE user_id = :id", soci::use(user_id);
    w.sql() << "DELETE FROM user_recovery_codes WHERE user_id = :id", soci::use(user_id);
    return {};
  });
}

domain::Status replaceRecoveryCodes(WriteContext& w, const std::string& user_id,
                                    const std::vector<std::string>& hashes) {
  return guarded("replace recovery codes", [&]() -> domain::Status {
    w.sql() << "DELETE FROM user_recovery_codes WHERE user_id = :id", soci::use(user_id);
    for (const std::string& hash : hashes) {
      detail::insertRow(w.sql(), "user_recovery_codes", "user_id, code_hash, used_at", user_id,
                        hash, 0LL);
    }
    return {};
  });
}

domain::Result<bool> useRecoveryCode(WriteContext& w, const std::string& user_id,
                                     const std::string& hash, domain::UnixMillis at) {
  return guarded("use recovery code", [&]() -> domain::Result<bool> {
    const long long when = at;
    soci::statement st = (w.sql().prepare << "UPDATE user_recovery_codes SET used_at = :at "
                                             "WHERE user_id = :id AND code_hash = :hash "
                                             "AND used_at = 0",
                          soci::use(when), soci::use(user_id), soci::use(hash));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
}

domain::Result<std::int64_t> unusedRecoveryCodes(soci::session& sql, const std::string& user_id) {
  return guarded("count recovery codes", [&]() -> domain::Result<std::int64_t> {
    long long count = 0;
    sql << "SELECT COUNT(*) FROM user_recovery_codes WHERE user_id = :id AND used_at = 0",
        soci::into(count), soci::use(user_id);
    return count;
  });
}

domain::Status setSessionStage(WriteContext& w, const std::string& id, const std::string& stage) {
  return guarded("set session stage", [&]() -> domain::Status {
    soci::statement st = (w.sql().prepare << "UPDATE sessions SET stage = :stage, "
                                             "factor_failures = 0 WHERE id = :id",
                          soci::use(stage), soci::use(id));
    return detail::changeOneRow(st, "The session has ended. Please sign in again.");
  });
}

domain::Result<std::int32_t> countFactorFailure(WriteContext& w, const std::string& id) {
  return guarded("count factor failure", [&]() -> domain::Result<std::int32_t> {
    w.sql() << "UPDATE sessions SET factor_failures = factor_failures + 1 WHERE id = :id",
        soci::use(id);
    int failures = 0;
    w.sql() << "SELECT factor_failures FROM sessions WHERE id = :id", soci::into(failures),
        soci::use(id);
    return failures;
  });
}

domain::Result<std::vector<SessionRecord>> listUserSessions(soci::session& sql,
                                                            const std::string& user_id) {
  return guarded("list user sessions", [&]() -> domain::Result<std::vector<SessionRecord>> {
    SessionRecord r;
    long long created_at = 0;
    long long last_seen_at = 0;
    int failures = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, user_id, org_id, created_at, last_seen_at, stage, "
                        "factor_failures, agent FROM sessions WHERE user_id = :id",
         soci::into(r.id), soci::into(r.user_id), soci::into(r.org_id), soci::into(created_at),
         soci::into(last_seen_at), soci::into(r.stage), soci::into(failures), soci::into(r.agent),
         soci::use(user_id));
    st.execute();
    std::vector<SessionRecord> out = detail::collectRows(st, [&] {
      SessionRecord copy = r;
      copy.created_at = created_at;
      copy.last_seen_at = last_seen_at;
      copy.factor_failures = failures;
      return copy;
    });
    std::sort(out.begin(), out.end(), [](const SessionRecord& a, const SessionRecord& b) {
      return std::tie(b.last_seen_at, b.id) < std::tie(a.last_seen_at, a.id);
    });
    return out;
  });
}

domain::Result<std::int64_t> deleteUserSessions(WriteContext& w, const std::string& user_id,
                                                const std::string& keep) {
  return guarded("delete user sessions", [&]() -> domain::Result<std::int64_t> {
    soci::statement st =
        (w.sql().prepare << "DELETE FROM sessions WHERE user_id = :user AND id <> :keep",
         soci::use(user_id), soci::use(keep));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

domain::Status setUserPassword(WriteContext& w, const std::string& user_id,
                               const std::string& password_hash, bool must_change,
                               domain::UnixMillis at) {
  return guarded("set user password", [&]() -> domain::Status {
    const int must = must_change ? 1 : 0;
    const long long when = at;
    soci::statement st =
        (w.sql().prepare << "UPDATE users SET password_hash = :hash, "
                            "must_change_password = :must, "
                            "password_changed_at = :at WHERE id = :id",
         soci::use(password_hash), soci::use(must), soci::use(when), soci::use(user_id));
    return detail::changeOneRow(st, "No such user.", "id");
  });
}

domain::Result<std::string> findPasswordHash(soci::session& sql, const std::string& user_id) {
  return guarded("find password hash", [&]() -> domain::Result<std::string> {
    std::string hash;
    sql << "SELECT password_hash FROM users WHERE id = :id", soci::into(hash), soci::use(user_id);
    return hash;
  });
}

domain::Result<bool> secondFactorForAll(soci::session& sql, const std::string& org_id) {
  return guarded("read second factor rule", [&]() -> domain::Result<bool> {
    int all = 0;
    sql << "SELECT second_factor_all FROM organisations WHERE id = :id", soci::into(all),
        soci::use(org_id);
    return all != 0;
  });
}

domain::Status setSecondFactorForAll(WriteContext& w, const std::string& org_id, bool all) {
  return guarded("set second factor rule", [&]() -> domain::Status {
    const int value = all ? 1 : 0;
    soci::statement st =
        (w.sql().prepare << "UPDATE organisations SET second_factor_all = :all WHERE id = :id",
         soci::use(value), soci::use(org_id));
    return detail::changeOneRow(st, "No such organisation.");
  });
}

domain::Result<std::vector<ManagedUser>> listManagedUsers(soci::session& sql,
                                                          const std::string& org_id) {
  return guarded("list managed users", [&]() -> domain::Result<std::vector<ManagedUser>> {
    ManagedUser u;
    std::string roles;
    int active = 0;
    long long factor = 0;
    int must = 0;
    long long sessions = 0;
    soci::statement st =
        (sql.prepare << "SELECT u.id, u.email, u.name, u.roles, u.active, "
                        "(SELECT COUNT(*) FROM user_second_factors f WHERE f.user_id = u.id "
                        "AND f.enabled_at > 0), u.must_change_password, "
                        "(SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id) "
                        "FROM users u WHERE u.org_id = :org",
         soci::into(u.id), soci::into(u.email), soci::into(u.name), soci::into(roles),
         soci::into(active), soci::into(factor), soci::into(must), soci::into(sessions),
         soci::use(org_id));
    st.execute();
    std::vector<ManagedUser> out = detail::collectRows(st, [&] {
      ManagedUser copy = u;
      copy.roles = detail::rolesFromText(roles);
      copy.active = active != 0;
      copy.second_factor = factor != 0;
      copy.must_change_password = must != 0;
      copy.sessions = sessions;
      return copy;
    });
    std::sort(out.begin(), out.end(), [](const ManagedUser& a, const ManagedUser& b) {
      return std::tie(a.name, a.id) < std::tie(b.name, b.id);
    });
    return out;
  });
}

}  // namespace strada::store
