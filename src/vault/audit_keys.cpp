#include "vault/audit_keys.h"

#include <string>
#include <utility>

#include "audit/audit_action.h"
#include "crypto/public_key.h"
#include "store/audit_repository.h"
#include "vault/data_keys.h"

namespace strada::vault {
namespace {

// The stored trail chained again under the new MAC key; the job's further events (its own
// data_key.create first) are keyed.
domain::Status upgradeTrail(store::WriteContext& w, const SharedKey& mac) {
  auto rechained = store::rechainAuditEvents(w, mac->bytes());
  if (!rechained) {
    return tl::unexpected(rechained.error());
  }
  w.useAuditKey(mac);
  if (rechained->events == 0) {
    return {};
  }
  return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kAuditRechain,
                                   "events=" + std::to_string(rechained->events), ""});
}

}  // namespace

domain::Result<AuditKeys> loadOrCreateAuditKeys(store::Database& db,
                                                const crypto::MasterKey& master) {
  auto mac = loadOrCreateDataKey(db, master, std::string(kAuditMacKeyId),
                                 crypto::SecretKey::generate, upgradeTrail);
  if (!mac) {
    return tl::unexpected(mac.error());
  }
  db.setAuditKey(*mac);
  auto anchor =
      loadOrCreateDataKey(db, master, std::string(kAuditAnchorKeyId), crypto::SecretKey::generate);
  if (!anchor) {
    return tl::unexpected(anchor.error());
  }
  AuditKeys keys;
  keys.mac = std::move(*mac);
  keys.anchor_public_key = crypto::signingPublicKey(**anchor);
  keys.anchor_seed = std::move(*anchor);
  return keys;
}

}  // namespace strada::vault
