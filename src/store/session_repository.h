// Sign-in sessions in the store, shared by every server on one database.
//
// Errors: Conflict when a session id exists; NotFound when a touched session is gone; Internal
// for anything else, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct SessionRecord {
  std::string id;  // SHA-256 hex of the session token; the token itself is never stored
  std::string user_id;
  std::string org_id;
  domain::UnixMillis created_at = 0;
  domain::UnixMillis last_seen_at = 0;
  // "full" (signed in), "code" (the second factor's code is due), "enrol" (a second factor must
  // be set up first): see api/auth.h.
  std::string stage = "full";
  std::int32_t factor_failures = 0;  // wrong codes on this session
  std::string agent{};               // the browser's User-Agent, at most 200 characters
};
[[nodiscard]] domain::Status insertSession(WriteContext& w, const SessionRecord& s);
[[nodiscard]] domain::Result<std::optional<SessionRecord>> findSession(soci::session& sql,
                                                                       const std::string& id);
[[nodiscard]] domain::Status touchSession(WriteContext& w, const std::string& id,
                                          domain::UnixMillis at);
[[nodiscard]] domain::Status deleteSession(WriteContext& w, const std::string& id);
// Deletes sessions idle since before `idle_before` or created before `created_before`.
[[nodiscard]] domain::Result<std::int64_t> deleteExpiredSessions(WriteContext& w,
                                                                 domain::UnixMillis idle_before,
                                                                 domain::UnixMillis created_before);

}  // namespace strada::store
