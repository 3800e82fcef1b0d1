// Loading a data key, or making it once: the one way the vault and the audit trail's keys come
// out of `data_keys` (random keys, stored wrapped by the master key, so that `strada keys rotate`
// re-wraps them without touching what they sealed, chained or signed).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "crypto/keyring.h"
#include "crypto/secret.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::vault {

using SharedKey = std::shared_ptr<const crypto::SecretKey>;
// Runs in the transaction that stores a new key, after its row is inserted.
using OnDataKeyCreate = std::function<domain::Status(store::WriteContext&, const SharedKey&)>;

// The data key `key_id`, unwrapped with `master`. When there is none, `make()` gives it; it is
// stored wrapped, with the audit event data_key.create and `on_create` (when given) in the same
// transaction. When another server stored one first, theirs is loaded. Unavailable when the
// stored key does not open with this master key.
[[nodiscard]] domain::Result<SharedKey> loadOrCreateDataKey(
    store::Database& db, const crypto::MasterKey& master, const std::string& key_id,
    const std::function<crypto::SecretKey()>& make, const OnDataKeyCreate& on_create = nullptr);

}  // namespace strada::vault
