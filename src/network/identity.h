// This instance's identity in the network: its code and role (network_instance) and its key
// pairs (network_keys): an Ed25519 signing key and an X25519 box key, made together and named by
// one key id (network/envelope.h: keyIdOf). The secret halves are sealed by the vault
// (SealedField::kNetworkSecretKey) and opened only into guarded memory; they are never logged.
//
// Thread safety: the functions are; an Identity is one thread's.
#pragma once

#include <string>

#include "crypto/secret.h"
#include "domain/error.h"
#include "store/database.h"
#include "store/network_repository.h"
#include "vault/vault.h"

namespace strada::network {

struct Identity {
  store::NetworkInstance instance;
  std::string key_id;
  std::string signing_public, box_public;  // raw bytes
  crypto::SecretKey signing_seed, box_secret;
};

// Creates this instance's first key pair when it has none (network_key.create); true when it did.
// `strada init`, `migrate` and `serve` run it through app::openData.
[[nodiscard]] domain::Result<bool> ensureInstanceKeys(store::Database& db,
                                                      const vault::Vault& vault);

// The instance row and its current key pair (or, with `key_id`, that one, retired or not),
// opened. Internal when the sealed keys do not open; NotFound for an unknown key id.
[[nodiscard]] domain::Result<Identity> loadIdentity(store::Database& db, const vault::Vault& vault,
                                                    const std::string& key_id = {});

// The same read on `sql` (a reader's session, or a write job's).
[[nodiscard]] domain::Result<Identity> loadIdentity(soci::session& sql, const vault::Vault& vault,
                                                    const std::string& key_id = {});

// A new key pair, sealed, as the job's `network_keys` row (status "current").
store::OwnNetworkKey newSealedKey(const vault::Vault& vault, domain::UnixMillis now);

}  // namespace strada::network
