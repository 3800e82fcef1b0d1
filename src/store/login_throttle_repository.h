// Failed sign-in counters in the store, keyed by "acct:<sha256 of e-mail>" or "addr:<ip>": the
// keys hold no personal data.
//
// Errors: Internal, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <string>

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

}  // namespace strada::store
