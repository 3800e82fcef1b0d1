// The sign-in's second factor, recovery codes, the stages and listing of sessions, and the
// password changes of users (issue 10, section 1; migration 0032). The secret is opaque text here
// (sealed above the store); recovery codes are stored as SHA-256 hex only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "domain/user.h"
#include "store/database.h"
#include "store/session_repository.h"

namespace soci {
class session;
}

namespace strada::store {

struct SecondFactorRow {
  std::string user_id;
  std::string secret_sealed;   // the confirmed secret; "" when none
  std::string pending_sealed;  // a secret being enrolled; "" when none
  domain::UnixMillis enabled_at = 0;
  std::int64_t last_step = 0;  // the last TOTP time step accepted
  domain::UnixMillis updated_at = 0;
};
[[nodiscard]] domain::Result<std::optional<SecondFactorRow>> findSecondFactor(
    soci::session& sql, const std::string& user_id);
// Inserts or replaces the user's row.
[[nodiscard]] domain::Status saveSecondFactor(WriteContext& w, const SecondFactorRow& row);
// Removes the user's second factor and recovery codes (an administrator's reset).
[[nodiscard]] domain::Status deleteSecondFactor(WriteContext& w, const std::string& user_id);

// Replaces the user's recovery codes by `hashes` (SHA-256 hex), all unused.
[[nodiscard]] domain::Status replaceRecoveryCodes(WriteContext& w, const std::string& user_id,
                                                  const std::vector<std::string>& hashes);
// Marks the unused code `hash` used at `at`: false when the user has no such unused code.
[[nodiscard]] domain::Result<bool> useRecoveryCode(WriteContext& w, const std::string& user_id,
                                                   const std::string& hash, domain::UnixMillis at);
[[nodiscard]] domain::Result<std::int64_t> unusedRecoveryCodes(soci::session& sql,
                                                               const std::string& user_id);

// Sessions: a stage change ("full", "code", "enrol"), a wrong code counted (the new count), the
// user's sessions newest first, and ending them all but `keep` ("" ends every one; the count).
[[nodiscard]] domain::Status setSessionStage(WriteContext& w, const std::string& id,
                                             const std::string& stage);
[[nodiscard]] domain::Result<std::int32_t> countFactorFailure(WriteContext& w,
                                                              const std::string& id);
[[nodiscard]] domain::Result<std::vector<SessionRecord>> listUserSessions(
    soci::session& sql, const std::string& user_id);
[[nodiscard]] domain::Result<std::int64_t> deleteUserSessions(WriteContext& w,
                                                              const std::string& user_id,
                                                              const std::string& keep);

// A new password hash; `must_change` when an administrator set it.
[[nodiscard]] domain::Status setUserPassword(WriteContext& w, const std::string& user_id,
                                             const std::string& password_hash, bool must_change,
                                             domain::UnixMillis at);
[[nodiscard]] domain::Result<std::string> findPasswordHash(soci::session& sql,
                                                           const std::string& user_id);

// Whether the organisation requires a second factor of every user (else: of the roles that reach
// sealed data only).
[[nodiscard]] domain::Result<bool> secondFactorForAll(soci::session& sql,
                                                      const std::string& org_id);
[[nodiscard]] domain::Status setSecondFactorForAll(WriteContext& w, const std::string& org_id,
                                                   bool all);

// One user of an organisation as its administrator manages them.
struct ManagedUser {
  std::string id, email, name;
  std::vector<domain::Role> roles;
  bool active = false;
  bool second_factor = false;
  bool must_change_password = false;
  std::int64_t sessions = 0;
};
[[nodiscard]] domain::Result<std::vector<ManagedUser>> listManagedUsers(soci::session& sql,
                                                                        const std::string& org_id);

}  // namespace strada::store
