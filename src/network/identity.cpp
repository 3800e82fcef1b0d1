#include "network/identity.h"

#include <algorithm>

#include "audit/audit_action.h"
#include "crypto/public_key.h"
#include "network/envelope.h"

namespace strada::network {
namespace {

std::string secretRecordId(const std::string& key_id, const char* use) {
  return key_id + "/" + use;
}

domain::Result<crypto::SecretKey> openSecret(const vault::Vault& vault, const std::string& key_id,
                                             const char* use, const std::string& sealed) {
  const std::string record_id = secretRecordId(key_id, use);
  auto opened = vault.open({vault::SealedField::kNetworkSecretKey, record_id}, sealed);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  domain::Result<crypto::SecretKey> key = crypto::SecretKey::fromBytes(*opened);
  crypto::wipe(*opened);
  return std::move(key).map_error([](const domain::Error&) {
    return domain::internalError("a network secret key is not 32 bytes").value();
  });
}

}  // namespace

store::OwnNetworkKey newSealedKey(const vault::Vault& vault, domain::UnixMillis now) {
  const crypto::KeyPair signing = crypto::generateSigningKeyPair();
  const crypto::KeyPair box = crypto::generateBoxKeyPair();
  store::OwnNetworkKey row;
  row.key_id = keyIdOf(signing.public_key);
  row.signing_public = signing.public_key;
  row.box_public = box.public_key;
  const std::string signing_id = secretRecordId(row.key_id, "signing");
  const std::string box_id = secretRecordId(row.key_id, "box");
  row.signing_secret_sealed =
      vault.seal({vault::SealedField::kNetworkSecretKey, signing_id}, signing.secret.bytes());
  row.box_secret_sealed =
      vault.seal({vault::SealedField::kNetworkSecretKey, box_id}, box.secret.bytes());
  row.status = "current";
  row.created_at = now;
  return row;
}

domain::Result<bool> ensureInstanceKeys(store::Database& db, const vault::Vault& vault) {
  bool created = false;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    auto keys = store::listOwnNetworkKeys(w.sql());
    if (!keys) {
      return tl::unexpected(keys.error());
    }
    if (!keys->empty()) {
      return {};
    }
    const store::OwnNetworkKey row = newSealedKey(vault, w.now());
    if (auto inserted = store::insertOwnNetworkKey(w, row); !inserted) {
      return inserted;
    }
    created = true;
    return w.audit(
        audit::AuditEntry{"", "", audit::AuditAction::kNetworkKeyCreate, row.key_id, ""});
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return created;
}

domain::Result<Identity> loadIdentity(store::Database& db, const vault::Vault& vault,
                                      const std::string& key_id) {
  domain::Result<Identity> out = domain::internalError("identity not read");
  db.read([&](soci::session& sql) { out = loadIdentity(sql, vault, key_id); });
  return out;
}

domain::Result<Identity> loadIdentity(soci::session& sql, const vault::Vault& vault,
                                      const std::string& key_id) {
  domain::Result<store::NetworkInstance> instance = store::loadNetworkInstance(sql);
  domain::Result<std::vector<store::OwnNetworkKey>> keys = store::listOwnNetworkKeys(sql);
  if (!instance) {
    return tl::unexpected(instance.error());
  }
  if (!keys) {
    return tl::unexpected(keys.error());
  }
  if (keys->empty() || keys->front().status != "current") {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "This instance has no network keys yet. Run `strada migrate --data DIR`.");
  }
  auto chosen = keys->begin();
  if (!key_id.empty()) {
    chosen = std::find_if(keys->begin(), keys->end(),
                          [&](const store::OwnNetworkKey& k) { return k.key_id == key_id; });
    if (chosen == keys->end()) {
      return domain::fail(domain::ErrorCode::kNotFound, "This instance has no such key.", "key_id");
    }
  }
  const store::OwnNetworkKey& current = *chosen;
  auto seed = openSecret(vault, current.key_id, "signing", current.signing_secret_sealed);
  if (!seed) {
    return tl::unexpected(seed.error());
  }
  auto box = openSecret(vault, current.key_id, "box", current.box_secret_sealed);
  if (!box) {
    return tl::unexpected(box.error());
  }
  return Identity{std::move(*instance), current.key_id,   current.signing_public,
                  current.box_public,   std::move(*seed), std::move(*box)};
}

}  // namespace strada::network
