#include "vault/vault.h"

#include <optional>
#include <utility>

#include "audit/audit_action.h"
#include "crypto/crypto.h"
#include "store/repositories.h"

namespace strada::vault {
namespace {

// The data keys, one per record kind. Their ids are stored: never change one.
constexpr std::string_view kContactsKeyId = "contacts.v1";
constexpr std::string_view kAgenciesKeyId = "agencies.v1";
constexpr std::string_view kTelephonyKeyId = "telephony.v1";
// Subkeys derived from the master key, so that every server agrees without storing them.
constexpr std::uint64_t kCsrfSubkeyId = 1;
constexpr std::uint64_t kBlindIndexSubkeyId = 2;

enum class KeyKind { kContacts, kAgencies, kTelephony };

struct FieldInfo {
  std::string_view aad_prefix;  // associated data: prefix + record id
  KeyKind key;
};

FieldInfo fieldInfo(SealedField field) {
  switch (field) {
    case SealedField::kContactSummary:
      return {"contacts.summary:", KeyKind::kContacts};
    case SealedField::kContactCaller:
      return {"contacts.caller:", KeyKind::kContacts};
    case SealedField::kContactRegion:
      return {"contacts.region:", KeyKind::kContacts};
    case SealedField::kSafetyPlan:
      // Safety plans are about a contact's caller: sealed under the contacts' key.
      return {"safety_plans:", KeyKind::kContacts};
    case SealedField::kAgencyAddress:
      return {"agencies.address:", KeyKind::kAgencies};
    case SealedField::kTelephonySecret:
      return {"telephony.secret:", KeyKind::kTelephony};
  }
  return {"invalid:", KeyKind::kContacts};
}

domain::Result<crypto::SecretKey> loadOrCreateKey(store::Database& db,
                                                  const crypto::MasterKey& master,
                                                  const std::string& key_id) {
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
      return key;
    }
    auto fresh = crypto::SecretKey::generate();
    const std::string sealed = master.wrap(fresh, key_id);
    auto status = db.write([&](store::WriteContext& w) -> domain::Status {
      if (auto inserted = store::insertWrappedKey(w, key_id, sealed); !inserted) {
        return inserted;
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

}  // namespace

struct Vault::Keys {
  crypto::FieldSealer contacts;
  crypto::FieldSealer agencies;
  crypto::FieldSealer telephony;
  crypto::SecretKey blind_index;

  [[nodiscard]] const crypto::FieldSealer& sealer(KeyKind kind) const {
    switch (kind) {
      case KeyKind::kAgencies:
        return agencies;
      case KeyKind::kTelephony:
        return telephony;
      case KeyKind::kContacts:
        break;
    }
    return contacts;
  }
};

Vault::Vault(std::unique_ptr<Keys> keys, crypto::SecretKey csrf)
    : keys_(std::move(keys)), csrf_(std::move(csrf)) {}

Vault::~Vault() = default;

domain::Result<std::unique_ptr<Vault>> Vault::loadOrCreate(store::Database& db,
                                                           const crypto::MasterKey& master) {
  auto contacts = loadOrCreateKey(db, master, std::string(kContactsKeyId));
  if (!contacts) {
    return tl::unexpected(contacts.error());
  }
  auto agencies = loadOrCreateKey(db, master, std::string(kAgenciesKeyId));
  if (!agencies) {
    return tl::unexpected(agencies.error());
  }
  auto telephony = loadOrCreateKey(db, master, std::string(kTelephonyKeyId));
  if (!telephony) {
    return tl::unexpected(telephony.error());
  }
  auto keys = std::unique_ptr<Keys>(new Keys{crypto::FieldSealer(std::move(*contacts)),
                                             crypto::FieldSealer(std::move(*agencies)),
                                             crypto::FieldSealer(std::move(*telephony)),
                                             master.deriveSubkey(kBlindIndexSubkeyId, "blindidx")});
  return std::unique_ptr<Vault>(
      new Vault(std::move(keys), master.deriveSubkey(kCsrfSubkeyId, "csrf____")));
}

std::string associatedData(SealTarget target) {
  return std::string(fieldInfo(target.field).aad_prefix) + std::string(target.record_id);
}

std::string Vault::seal(SealTarget target, std::string_view plaintext) const {
  return keys_->sealer(fieldInfo(target.field).key).seal(plaintext, associatedData(target));
}

domain::Result<std::string> Vault::open(SealTarget target, std::string_view sealed) const {
  return keys_->sealer(fieldInfo(target.field).key).open(sealed, associatedData(target));
}

domain::Status Vault::openInto(SealTarget target, std::string_view sealed, std::string& out) const {
  if (sealed.empty()) {
    return {};
  }
  auto opened = open(target, sealed);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  out = std::move(*opened);
  return {};
}

std::string Vault::blindIndex(BlindIndex purpose, std::string_view scope,
                              std::string_view value) const {
  // One purpose today; a new purpose gets its own subkey so indexes of different kinds of value
  // never match.
  (void)purpose;
  std::string message;
  message.reserve(scope.size() + 1 + value.size());
  message.append(scope);
  message.push_back('\0');
  message.append(value);
  return crypto::toHex(crypto::hmacSha256(keys_->blind_index.bytes(), message));
}

}  // namespace strada::vault
