// Failed sign-in counters in the store, keyed by "acct:<sha256 of e-mail>" or "addr:<ip>": the
// keys hold no personal data.
//
// Errors: Internal, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct ThrottleState {
  std::int32_t failures = 0;            // failures in the current window
  domain::UnixMillis window_start = 0;  // 0 when there is no record
  domain::UnixMillis locked_until = 0;  // 0 when not locked
};
[[nodiscard]] domain::Result<ThrottleState> findThrottle(soci::session& sql,
                                                         const std::string& key);
[[nodiscard]] domain::Status saveThrottle(WriteContext& w, const std::string& key,
                                          const ThrottleState& state);
[[nodiscard]] domain::Status clearThrottle(WriteContext& w, const std::string& key);

// How one key counts failed sign-ins.
struct ThrottleRule {
  std::int32_t lock_after = 10;  // the failure that makes this many in a window locks the key
  std::int64_t window_ms = 15LL * 60 * 1000;
  std::int64_t lock_ms = 15LL * 60 * 1000;
};
struct ThrottledKey {
  std::string key;
  ThrottleRule rule;
};

// What claimSignInAttempt decided.
struct SignInClaim {
  bool allowed = false;
  // When refused: how long the longest lock of the keys still holds.
  std::int64_t retry_after_ms = 0;
  // When allowed: each key's failures in its window before this attempt, in the keys' order.
  std::vector<std::int32_t> earlier_failures;
};

// Counts one sign-in attempt before its password is checked, in one read-modify-write of the
// batch transaction: refused (nothing recorded) while any key is locked at w.now(); otherwise
// counted as a failure of every key, locking a key whose rule's `lock_after` it reaches, and
// allowed. Jobs of the writer run one after another (on PostgreSQL under the batch's advisory
// lock), so parallel attempts are counted one by one: at most `lock_after` attempts per key and
// window get through, however many arrive at once.
[[nodiscard]] domain::Result<SignInClaim> claimSignInAttempt(WriteContext& w,
                                                             const std::vector<ThrottledKey>& keys);

// A claimed attempt turned out right: takes its failure back from `key`, and lifts the lock if
// the failures left stay under the rule's `lock_after`.
[[nodiscard]] domain::Status withdrawFailure(WriteContext& w, const ThrottledKey& key);

}  // namespace strada::store
