#include "vault/vault.h"

#include <array>
#include <cstdio>
#include <cstdlib>
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
// Wraps every person's key (a subkey, so the vault never keeps the master key itself).
constexpr std::uint64_t kPersonKeyWrapSubkeyId = 3;
// One subkey per blind-index purpose after kCaller (which keeps kBlindIndexSubkeyId: stored
// indexes depend on it), so that indexes of different kinds of value never match.
constexpr std::uint64_t kClientNameIndexSubkeyId = 4;
constexpr std::uint64_t kClientBirthDateIndexSubkeyId = 5;
constexpr std::uint64_t kClientPhoneIndexSubkeyId = 6;
// The associated data of a wrapped person key: prefix + person id. Stored keys depend on it.
constexpr std::string_view kPersonKeyAadPrefix = "person_key:";

enum class KeyKind { kContacts, kAgencies, kTelephony, kPerson };

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
    case SealedField::kClientPerson:
      return {"clients.person:", KeyKind::kPerson};
    case SealedField::kCaseNote:
      return {"case_notes.text:", KeyKind::kPerson};
    case SealedField::kNeedNote:
      return {"case_need_domains.note:", KeyKind::kPerson};
    case SealedField::kPlanGoal:
      return {"case_plan_goals.goal:", KeyKind::kPerson};
    case SealedField::kPlanReason:
      return {"case_plan_reviews.reason:", KeyKind::kPerson};
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
  crypto::FieldSealer person_key_wrap;
  std::array<crypto::SecretKey, 3> client_indexes;  // kClientName, kClientBirthDate, kClientPhone

  [[nodiscard]] const crypto::FieldSealer& sealer(KeyKind kind) const {
    switch (kind) {
      case KeyKind::kAgencies:
        return agencies;
      case KeyKind::kTelephony:
        return telephony;
      case KeyKind::kPerson:
        // A person's field sealed without the person's key would be readable after erasure.
        std::fputs("strada: a person's field was sealed without the person's key\n", stderr);
        std::abort();
      case KeyKind::kContacts:
        break;
    }
    return contacts;
  }

  [[nodiscard]] std::string_view indexKey(BlindIndex purpose) const {
    switch (purpose) {
      case BlindIndex::kClientName:
        return client_indexes[0].bytes();
      case BlindIndex::kClientBirthDate:
        return client_indexes[1].bytes();
      case BlindIndex::kClientPhone:
        return client_indexes[2].bytes();
      case BlindIndex::kCaller:
        break;
    }
    return blind_index.bytes();
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
  auto keys = std::unique_ptr<Keys>(
      new Keys{crypto::FieldSealer(std::move(*contacts)),
               crypto::FieldSealer(std::move(*agencies)),
               crypto::FieldSealer(std::move(*telephony)),
               master.deriveSubkey(kBlindIndexSubkeyId, "blindidx"),
               crypto::FieldSealer(master.deriveSubkey(kPersonKeyWrapSubkeyId, "personkw")),
               {master.deriveSubkey(kClientNameIndexSubkeyId, "bi_cname"),
                master.deriveSubkey(kClientBirthDateIndexSubkeyId, "bi_cbrth"),
                master.deriveSubkey(kClientPhoneIndexSubkeyId, "bi_cphon")}});
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
  // kCaller keeps the original subkey and message (stored indexes depend on them); every other
  // purpose has its own subkey, so indexes of different kinds of value never match.
  std::string message;
  message.reserve(scope.size() + 1 + value.size());
  message.append(scope);
  message.push_back('\0');
  message.append(value);
  return crypto::toHex(crypto::hmacSha256(keys_->indexKey(purpose), message));
}

PersonKey::PersonKey(std::string person_id, crypto::SecretKey key)
    : person_id_(std::move(person_id)),
      sealer_(std::make_unique<crypto::FieldSealer>(std::move(key))) {}

PersonKey::~PersonKey() = default;

NewPersonKey Vault::createPersonKey(std::string_view person_id) const {
  auto fresh = crypto::SecretKey::generate();
  std::string wrapped = keys_->person_key_wrap.seal(
      fresh.bytes(), std::string(kPersonKeyAadPrefix) + std::string(person_id));
  return NewPersonKey{PersonKey(std::string(person_id), std::move(fresh)), std::move(wrapped)};
}

domain::Result<PersonKey> Vault::openPersonKey(std::string_view person_id,
                                               std::string_view wrapped) const {
  if (wrapped.empty()) {
    return domain::fail(domain::ErrorCode::kNotFound, "The person's data was erased.", {},
                        "person key destroyed");
  }
  auto raw = keys_->person_key_wrap.open(wrapped,
                                         std::string(kPersonKeyAadPrefix) + std::string(person_id));
  if (!raw) {
    return tl::unexpected(raw.error());
  }
  auto key = crypto::SecretKey::fromBytes(*raw);
  crypto::wipe(*raw);
  if (!key) {
    return domain::internalError("a person key has the wrong length");
  }
  return PersonKey(std::string(person_id), std::move(*key));
}

std::string Vault::seal(const PersonKey& key, SealTarget target, std::string_view plaintext) const {
  return key.sealer_->seal(plaintext, associatedData(target));
}

domain::Result<std::string> Vault::open(const PersonKey& key, SealTarget target,
                                        std::string_view sealed) const {
  return key.sealer_->open(sealed, associatedData(target));
}

}  // namespace strada::vault
