#include "store/login_throttle_repository.h"

#include <soci/soci.h>

#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;

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

}  // namespace strada::store
