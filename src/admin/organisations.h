// Use cases of the installation itself: its member organisations and their users. The command
// line runs them as the installation's operator (who holds the master key), so no role is asked;
// each validates like any other use case and records its typed audit event with the work.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/user.h"
#include "store/database.h"

namespace strada::admin {

// A user to add, as the operator typed it: roles by name, the password in clear (wiped by the
// caller), or an Argon2id hash already computed (the demo shares one hash among its users).
struct NewUser {
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  std::string password;
  std::optional<std::string> password_hash;
  std::string agency_id;  // a partner account's active directory agency; "" for the others
};

// An organisation as stored, with its first users in the order given.
struct AddedOrganisation {
  domain::Organisation organisation;
  std::vector<domain::User> users;
};

// Adds `org` (id and created_at are set here) with `users`, in one transaction with an
// organisation.create event and a user.create event per user. InvalidArgument naming the field
// when the organisation or a user does not validate, Conflict when the code or an e-mail is
// taken.
[[nodiscard]] domain::Result<AddedOrganisation> addOrganisation(
    store::Database& db, domain::Organisation org, const std::vector<NewUser>& users = {});

// Adds one user to the organisation with code `org_code`: the password must be strong enough
// for this user (crypto::checkPasswordStrength). A partner account names an active agency of
// that organisation's directory (InvalidArgument "agency_id" otherwise). Returns the stored user.
[[nodiscard]] domain::Result<domain::User> addUser(store::Database& db, const std::string& org_code,
                                                   NewUser user);

}  // namespace strada::admin
