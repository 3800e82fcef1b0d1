// Users in the store: their record with the Argon2id hash for sign-in, and what a colleague may
// see of them.
//
// Errors: Conflict for a unique violation (the message names what exists, `field` the input
// field); Internal for anything else, with the database's text in `detail` only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/user.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

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
// The user `id` with their password hash.
[[nodiscard]] domain::Result<std::optional<UserRecord>> findUserRecordById(soci::session& sql,
                                                                           const std::string& id);

namespace detail {
// The roles of a stored `roles` column. A role name this binary no longer knows grants nothing
// (least privilege) rather than locking the user out.
[[nodiscard]] std::vector<domain::Role> rolesFromText(const std::string& text);
}  // namespace detail

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

}  // namespace strada::store
