#include "vault/audit_keys.h"

#include <functional>
#include <optional>
#include <utility>

#include "audit/audit_action.h"
#include "crypto/public_key.h"
#include "store/audit_repository.h"
#include "store/data_key_repository.h"

namespace strada::vault {
namespace {

using SharedKey = std::shared_ptr<const crypto::SecretKey>;
// Runs in the transaction that stores a new key, after its row is inserted.
using OnCreate = std::function<domain::Status(store::WriteContext&, const SharedKey&)>;

domain::Result<SharedKey> loadOrCreate(store::Database& db, const crypto::MasterKey& master,
                                       std::string_view key_id_view, const OnCreate& on_create) {
  const std::string key_id(key_id_view);
  for (int attempt = 0; attempt < 2; ++attempt) {
    domain::Result<std::optional<std::string>> wrapped;
    db.read([&](soci::session& sql) { wrapped = store::findWrappedKey(sql, key_id); });
    if (!wrapped) {
      return tl::unexpected(wrapped.error());
    }
    if (wrapped->has_value()) {
      auto key = master.unwrap(**wrapped, key_id);
      if (!key) {
        return domain::fail(domain::ErrorCode::kUnavailable,
                            "The data keys in this database do not open with this master key. "
                            "Use the master.key this database was created with.");
      }
      return std::make_shared<const crypto::SecretKey>(std::move(*key));
    }
    auto fresh = std::make_shared<const crypto::SecretKey>(crypto::SecretKey::generate());
    const std::string sealed = master.wrap(*fresh, key_id);
    auto status = db.write([&](store::WriteContext& w) -> domain::Status {
      if (auto inserted = store::insertWrappedKey(w, key_id, sealed); !inserted) {
        return inserted;
      }
      if (on_create) {
        if (auto done = on_create(w, fresh); !done) {
          return done;
        }
      }
      return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kDataKeyCreate, key_id, ""});
    });
    if (status) {
      return fresh;
    }
    if (status.error().code != domain::ErrorCode::kConflict) {
      return tl::unexpected(status.error());
    }
    // Another server created it first: load theirs.
  }
  return domain::internalError("data key " + key_id + " could not be loaded or created");
}

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
  auto mac = loadOrCreate(db, master, kAuditMacKeyId, upgradeTrail);
  if (!mac) {
    return tl::unexpected(mac.error());
  }
  db.setAuditKey(*mac);
  auto anchor = loadOrCreate(db, master, kAuditAnchorKeyId, nullptr);
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
