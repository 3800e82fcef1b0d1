#include "store/login_throttle_repository.h"

#include <soci/soci.h>

#include <algorithm>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;
using domain::UnixMillis;

namespace {

bool windowOpen(const ThrottleState& s, UnixMillis now, const ThrottleRule& rule) {
  return s.window_start != 0 && now - s.window_start <= rule.window_ms;
}

// The state after one more failure at `now`: a closed window starts again at this failure.
ThrottleState afterFailure(ThrottleState s, UnixMillis now, const ThrottleRule& rule) {
  if (!windowOpen(s, now, rule)) {
    s.window_start = now;
    s.failures = 0;
  }
  s.failures += 1;
  if (s.failures >= rule.lock_after) {
    s.locked_until = now + rule.lock_ms;
  }
  return s;
}

}  // namespace

domain::Result<ThrottleState> findThrottle(soci::session& sql, const std::string& key) {
  return guarded("find throttle", [&]() -> domain::Result<ThrottleState> {
    int failures = 0;
    long long window_start = 0;
    long long locked_until = 0;
    sql << "SELECT failures, window_start, locked_until FROM login_throttle WHERE \"key\" = :key",
        soci::into(failures), soci::into(window_start), soci::into(locked_until), soci::use(key);
    if (!sql.got_data()) {
      return ThrottleState{};
    }
    return ThrottleState{failures, window_start, locked_until};
  });
}

domain::Status saveThrottle(WriteContext& w, const std::string& key, const ThrottleState& state) {
  return guarded("save throttle", [&]() -> domain::Status {
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
  });
}

domain::Status clearThrottle(WriteContext& w, const std::string& key) {
  return guarded("clear throttle", [&]() -> domain::Status {
    w.sql() << "DELETE FROM login_throttle WHERE \"key\" = :key", soci::use(key);
    return {};
  });
}

domain::Result<SignInClaim> claimSignInAttempt(WriteContext& w,
                                               const std::vector<ThrottledKey>& keys) {
  const UnixMillis now = w.now();
  std::vector<ThrottleState> states;
  states.reserve(keys.size());
  SignInClaim claim;
  for (const ThrottledKey& k : keys) {
    auto state = findThrottle(w.sql(), k.key);
    if (!state) {
      return tl::unexpected(state.error());
    }
    if (state->locked_until > now) {
      claim.retry_after_ms = std::max(claim.retry_after_ms, state->locked_until - now);
    }
    states.push_back(*state);
  }
  if (claim.retry_after_ms > 0) {
    return claim;  // refused: a locked key counts nothing more until its lock ends
  }
  for (std::size_t i = 0; i < keys.size(); ++i) {
    claim.earlier_failures.push_back(windowOpen(states[i], now, keys[i].rule) ? states[i].failures
                                                                              : 0);
    if (auto saved = saveThrottle(w, keys[i].key, afterFailure(states[i], now, keys[i].rule));
        !saved) {
      return tl::unexpected(saved.error());
    }
  }
  claim.allowed = true;
  return claim;
}

domain::Status withdrawFailure(WriteContext& w, const ThrottledKey& key) {
  auto state = findThrottle(w.sql(), key.key);
  if (!state) {
    return tl::unexpected(state.error());
  }
  if (state->window_start == 0) {
    return {};  // cleared meanwhile (a success on the same key)
  }
  state->failures = std::max(0, state->failures - 1);
  if (state->failures < key.rule.lock_after) {
    state->locked_until = 0;
  }
  return saveThrottle(w, key.key, *state);
}

}  // namespace strada::store
