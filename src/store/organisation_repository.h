// Organisations (the hotlines) in the store.
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

[[nodiscard]] domain::Status insertOrganisation(WriteContext& w, const domain::Organisation& org);
[[nodiscard]] domain::Result<std::optional<domain::Organisation>> findOrganisationByCode(
    soci::session& sql, const std::string& code);
[[nodiscard]] domain::Result<std::optional<domain::Organisation>> findOrganisationById(
    soci::session& sql, const std::string& id);
[[nodiscard]] domain::Result<std::vector<domain::Organisation>> listOrganisations(
    soci::session& sql);

}  // namespace strada::store
