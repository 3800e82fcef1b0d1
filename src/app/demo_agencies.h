// `strada demo`: the partner-agency directory of one demo organisation.
#pragma once

#include <string>

#include "domain/error.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::app {

// Adds about ten clearly fictional partner agencies (names end in "(demo)", phone numbers from
// fictional 555 ranges), two of them with a confidential, sealed address, in `country`.
[[nodiscard]] domain::Status addDemoAgencies(store::Database& db, const vault::Vault& keys,
                                             const std::string& org_id,
                                             const std::string& author_id,
                                             const std::string& country);

}  // namespace strada::app
