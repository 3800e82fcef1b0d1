// Wrapped data keys in the store: the bytes are stored as hex and come back exactly as given.
//
// Errors: Conflict for a unique violation (the message names what exists, `field` the input
// field); Internal for anything else, with the database's text in `detail` only.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

// A wrapped key and what it belongs to: a data key's id, or a client's id for a person key.
struct StoredWrappedKey {
  std::string owner_id;
  std::string wrapped;  // raw bytes
};

// Every data key (data_keys), for a master key rotation. Inside the rotation's transaction.
[[nodiscard]] domain::Result<std::vector<StoredWrappedKey>> listWrappedKeys(soci::session& sql);
// Replaces a data key's wrapped bytes (its row's other columns stay). NotFound when absent.
[[nodiscard]] domain::Status updateWrappedKey(WriteContext& w, const std::string& key_id,
                                              const std::string& wrapped);
// Every person key not destroyed (client_keys with a wrapped key), for a rotation.
[[nodiscard]] domain::Result<std::vector<StoredWrappedKey>> listPersonKeys(soci::session& sql);
// Replaces a person's wrapped key; a destroyed key (empty) is never brought back. NotFound when
// the client has no live key.
[[nodiscard]] domain::Status updatePersonKey(WriteContext& w, const std::string& client_id,
                                             const std::string& wrapped);

}  // namespace strada::store
