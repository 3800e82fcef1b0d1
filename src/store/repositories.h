// Repositories: every SQL statement of Strada lives in store/. Reads take a pooled session;
// writes take the WriteContext of a group commit. Sealed columns are opaque bytes here: sealing
// and opening happen above the store.
//
// Errors: Conflict for a unique violation (the message names what exists, `field` the input
// field); Internal for anything else, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_event.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "domain/user.h"
#include "store/contact_repository.h"  // contacts moved there; included so callers compile
#include "store/database.h"

namespace strada::store {

// --- organisations ---
[[nodiscard]] domain::Status insertOrganisation(WriteContext& w, const domain::Organisation& org);
[[nodiscard]] domain::Result<std::optional<domain::Organisation>> findOrganisationByCode(
    soci::session& sql, const std::string& code);
[[nodiscard]] domain::Result<std::optional<domain::Organisation>> findOrganisationById(
    soci::session& sql, const std::string& id);
[[nodiscard]] domain::Result<std::vector<domain::Organisation>> listOrganisations(
    soci::session& sql);

// --- users ---
struct UserRecord {
  domain::User user;
  std::string password_hash;  // Argon2id encoded
};
// Conflict (field "email") when the e-mail is taken.
[[nodiscard]] domain::Status insertUser(WriteContext& w, const UserRecord& record);
[[nodiscard]] domain::Result<std::optional<UserRecord>> findUserByEmail(soci::session& sql,
                                                                        const std::string& email);
[[nodiscard]] domain::Result<std::optional<domain::User>> findUserById(soci::session& sql,
                                                                       const std::string& id);

// What a colleague may see of a user (to pick a consultant in a filter, or to name who logged a
// contact): never the e-mail address or the password hash.
struct UserListing {
  std::string id;
  std::string name;  // may be empty
  std::vector<domain::Role> roles;
  bool active = true;
};
// Every user of `org_id`, active or not, ordered by name then id (byte-wise, so the order is the
// same on every backend). Users of other organisations are never part of it.
[[nodiscard]] domain::Result<std::vector<UserListing>> listOrganisationUsers(
    soci::session& sql, const std::string& org_id);

// --- sessions (shared by every server on one database) ---
struct SessionRecord {
  std::string id;  // SHA-256 hex of the session token; the token itself is never stored
  std::string user_id;
  std::string org_id;
  domain::UnixMillis created_at = 0;
  domain::UnixMillis last_seen_at = 0;
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

// --- failed-login throttle, keyed by "acct:<sha256 of e-mail>" or "addr:<ip>" ---
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

// --- wrapped data keys ---
[[nodiscard]] domain::Result<std::optional<std::string>> findWrappedKey(soci::session& sql,
                                                                        const std::string& key_id);
// Conflict when the key id exists.
[[nodiscard]] domain::Status insertWrappedKey(WriteContext& w, const std::string& key_id,
                                              const std::string& wrapped);

// --- audit ---
// The newest event, if any.
[[nodiscard]] domain::Result<std::optional<audit::AuditEvent>> lastAuditEvent(soci::session& sql);
[[nodiscard]] domain::Status appendAuditEvent(soci::session& sql, const audit::AuditEvent& e);
// Calls `fn` for every event in seq order; stops early when fn returns false.
[[nodiscard]] domain::Status forEachAuditEvent(
    soci::session& sql, const std::function<bool(const audit::AuditEvent&)>& fn);
// Events about one object, newest first (for tests and, later, the audit screen).
[[nodiscard]] domain::Result<std::vector<audit::AuditEvent>> auditEventsFor(
    soci::session& sql, const std::string& object_type, const std::string& object_id);

}  // namespace strada::store
