// Wrapped data keys in the store: the bytes are stored as hex and come back exactly as given.
//
// Errors: Conflict for a unique violation (the message names what exists, `field` the input
// field); Internal for anything else, with the database's text in `detail` only.
#pragma once

#include <optional>
#include <string>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

[[nodiscard]] domain::Result<std::optional<std::string>> findWrappedKey(soci::session& sql,
                                                                        const std::string& key_id);
// Conflict when the key id exists.
[[nodiscard]] domain::Status insertWrappedKey(WriteContext& w, const std::string& key_id,
                                              const std::string& wrapped);

}  // namespace strada::store
