// The audit trail's own keys (issue 10 section 3): the MAC key that chains the trail
// (audit/audit_event.h) and the Ed25519 seed that signs its anchors (app/audit_anchor.h).
//
// Both are data keys like the vault's others: random, stored wrapped by the master key in
// data_keys ("audit_mac.v1", "audit_anchor.v1"). They are not derived from the master key, so a
// new master key (which re-wraps every data key) leaves every stored MAC and every signed anchor
// valid.
#pragma once

#include <memory>
#include <string>

#include "crypto/keyring.h"
#include "crypto/secret.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::vault {

struct AuditKeys {
  std::shared_ptr<const crypto::SecretKey> mac;          // chains the trail
  std::shared_ptr<const crypto::SecretKey> anchor_seed;  // signs anchors (Ed25519 seed)
  std::string anchor_public_key;                         // 32 raw bytes
};

// The data key ids (stored: never change them).
inline constexpr std::string_view kAuditMacKeyId = "audit_mac.v1";
inline constexpr std::string_view kAuditAnchorKeyId = "audit_anchor.v1";

// Loads both keys, making any that is missing, and has `db` chain every later event under the
// MAC key (store::Database::setAuditKey). The MAC key is made in one transaction with the upgrade
// of the stored trail: the plain SHA-256 chain is checked and chained again under the new key
// (store::rechainAuditEvents), and the events data_key.create and, when there were events,
// audit.rechain record it. A fresh database is thus keyed from its first event. Unavailable when
// a stored key does not open with this master key, or when the stored SHA-256 trail is broken
// (it is never made to verify again). Safe when several servers start at once on one database.
[[nodiscard]] domain::Result<AuditKeys> loadOrCreateAuditKeys(store::Database& db,
                                                              const crypto::MasterKey& master);

}  // namespace strada::vault
