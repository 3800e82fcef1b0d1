#include "vault/data_keys.h"

#include <optional>
#include <utility>

#include "audit/audit_action.h"
#include "store/data_key_repository.h"

namespace strada::vault {

domain::Result<SharedKey> loadOrCreateDataKey(store::Database& db, const crypto::MasterKey& master,
                                              const std::string& key_id,
                                              const std::function<crypto::SecretKey()>& make,
                                              const OnDataKeyCreate& on_create) {
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
    auto fresh = std::make_shared<const crypto::SecretKey>(make());
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

}  // namespace strada::vault
