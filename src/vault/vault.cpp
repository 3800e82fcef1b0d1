#include "vault/vault.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "audit/audit_action.h"
#include "crypto/crypto.h"
#include "domain/enum_names.h"
#include "store/repositories.h"
#include "vault/data_keys.h"

namespace strada::vault {
namespace {

// The data keys, one per record kind. Their ids are stored: never change one.
constexpr std::string_view kContactsKeyId = "contacts.v1";
constexpr std::string_view kAgenciesKeyId = "agencies.v1";
// The instance's service secrets: telephony lines' signing secrets, users' TOTP secrets.
constexpr std::string_view kTelephonyKeyId = "telephony.v1";
// Clients' records that are the organisation's, not the person's (an erasure's reason).
constexpr std::string_view kClientsKeyId = "clients.v1";
// The associated data of a wrapped person key: prefix + person id. Stored keys depend on it.
constexpr std::string_view kPersonKeyAadPrefix = "person_key:";

// A key derived from the master key, so that every server agrees without storing it. What was
// sealed or indexed under it depends on its id and its context: never change either.
struct Subkey {
  std::uint64_t id;
  std::string_view context;  // eight characters
};

constexpr Subkey kCsrfSubkey{1, "csrf____"};
// Wraps every person's key (a subkey, so the vault never keeps the master key itself).
constexpr Subkey kPersonKeyWrapSubkey{3, "personkw"};
// Sealed the instance's own network secret keys; now the stored data key kNetworkKeyId made from
// it (a rotation of the master key must not lose the network keys).
constexpr Subkey kNetworkKeySubkey{7, "netkeys_"};
constexpr std::string_view kNetworkKeyId = "netkeys.v1";

struct IndexSubkey {
  BlindIndex value;
  Subkey subkey;
  std::string_view key_id;  // the stored data key it became (AdoptedSubkey)
};

// The subkey of every blind-index purpose, in BlindIndex order. kCaller keeps the first blind
// index subkey (stored indexes depend on it); every other purpose has its own, so that indexes of
// different kinds of value never match.
constexpr std::array<IndexSubkey, 4> kIndexSubkeys = {{
    {BlindIndex::kCaller, {2, "blindidx"}, "blindidx.caller.v1"},
    {BlindIndex::kClientName, {4, "bi_cname"}, "blindidx.client_name.v1"},
    {BlindIndex::kClientBirthDate, {5, "bi_cbrth"}, "blindidx.client_birth.v1"},
    {BlindIndex::kClientPhone, {6, "bi_cphon"}, "blindidx.client_phone.v1"},
}};
static_assert(domain::listsEveryValue(kIndexSubkeys, BlindIndex::kClientPhone));

enum class KeyKind { kContacts, kAgencies, kTelephony, kClients, kPerson, kNetwork };

struct FieldInfo {
  SealedField value;
  std::string_view aad_prefix;  // associated data: prefix + record id
  KeyKind key;
};

// Every sealed field, in SealedField order. The prefixes are stored in effect (every sealed value
// is bound to its own): never change one.
constexpr std::array<FieldInfo, 27> kFields = {{
    {SealedField::kContactSummary, "contacts.summary:", KeyKind::kContacts},
    {SealedField::kContactCaller, "contacts.caller:", KeyKind::kContacts},
    {SealedField::kContactRegion, "contacts.region:", KeyKind::kContacts},
    // Safety plans are about a contact's caller: sealed under the contacts' key.
    {SealedField::kSafetyPlan, "safety_plans:", KeyKind::kContacts},
    {SealedField::kAgencyAddress, "agencies.address:", KeyKind::kAgencies},
    {SealedField::kTelephonySecret, "telephony.secret:", KeyKind::kTelephony},
    {SealedField::kClientPerson, "clients.person:", KeyKind::kPerson},
    {SealedField::kCaseNote, "case_notes.text:", KeyKind::kPerson},
    {SealedField::kNeedNote, "case_need_domains.note:", KeyKind::kPerson},
    {SealedField::kPlanGoal, "case_plan_goals.goal:", KeyKind::kPerson},
    {SealedField::kPlanReason, "case_plan_reviews.reason:", KeyKind::kPerson},
    {SealedField::kTaskTitle, "case_tasks.title:", KeyKind::kPerson},
    {SealedField::kErasureReason, "clients.erasure_reason:", KeyKind::kClients},
    {SealedField::kDocumentTitle, "case_attachments.title:", KeyKind::kPerson},
    {SealedField::kDocumentContent, "case_attachments.content:", KeyKind::kPerson},
    {SealedField::kProceedingCourt, "case_proceedings.court:", KeyKind::kPerson},
    {SealedField::kProceedingReference, "case_proceedings.reference:", KeyKind::kPerson},
    {SealedField::kHearingNote, "case_hearings.note:", KeyKind::kPerson},
    {SealedField::kFollowUpNote, "case_follow_ups.note:", KeyKind::kPerson},
    {SealedField::kBreakGlassReason, "case_break_glass.reason:", KeyKind::kClients},
    {SealedField::kReferralPurpose, "case_referrals.purpose:", KeyKind::kPerson},
    {SealedField::kReferralOverride, "case_referrals.override_reason:", KeyKind::kPerson},
    {SealedField::kNetworkSecretKey, "network_keys.secret:", KeyKind::kNetwork},
    {SealedField::kNetworkReferralText, "network_referrals.text:", KeyKind::kClients},
    {SealedField::kSecondFactorSecret, "user_second_factors.secret:", KeyKind::kTelephony},
    {SealedField::kTrainingText, "trainings.text:", KeyKind::kAgencies},
    {SealedField::kOrganisationAddress, "organisations.address:", KeyKind::kAgencies},
}};
static_assert(domain::listsEveryValue(kFields, SealedField::kOrganisationAddress));

const FieldInfo& fieldInfo(SealedField field) {
  static constexpr FieldInfo kInvalid{SealedField::kContactSummary, "invalid:", KeyKind::kContacts};
  const FieldInfo* info = domain::rowOf(kFields, field);
  return info != nullptr ? *info : kInvalid;
}

crypto::SecretKey derive(const crypto::MasterKey& master, Subkey subkey) {
  return master.deriveSubkey(subkey.id, subkey.context);
}

// `derived_from`: a key that used to be derived from the master key and is now a stored data key,
// so that it survives a master key rotation (`strada keys rotate`). Created from the derived
// value, so that what was indexed or sealed under it stays valid.
domain::Result<crypto::SecretKey> loadOrCreateKey(
    store::Database& db, const crypto::MasterKey& master, const std::string& key_id,
    const std::optional<Subkey>& derived_from = std::nullopt) {
  auto key = loadOrCreateDataKey(db, master, key_id, [&master, &derived_from] {
    return derived_from ? derive(master, *derived_from) : crypto::SecretKey::generate();
  });
  if (!key) {
    return tl::unexpected(key.error());
  }
  return crypto::SecretKey::fromBytes((*key)->bytes());
}

}  // namespace

struct Vault::Keys {
  crypto::FieldSealer contacts;
  crypto::FieldSealer agencies;
  crypto::FieldSealer telephony;
  crypto::FieldSealer clients;
  crypto::FieldSealer person_key_wrap;
  crypto::FieldSealer network;
  std::vector<crypto::SecretKey> index_keys;  // one per BlindIndex, in its order

  [[nodiscard]] const crypto::FieldSealer& sealer(KeyKind kind) const {
    switch (kind) {
      case KeyKind::kAgencies:
        return agencies;
      case KeyKind::kTelephony:
        return telephony;
      case KeyKind::kClients:
        return clients;
      case KeyKind::kNetwork:
        return network;
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
    return index_keys[static_cast<std::size_t>(purpose)].bytes();
  }
};

Vault::Vault(std::unique_ptr<Keys> keys, crypto::SecretKey csrf)
    : keys_(std::move(keys)), csrf_(std::move(csrf)) {}

Vault::~Vault() = default;

domain::Result<std::unique_ptr<Vault>> Vault::loadOrCreate(store::Database& db,
                                                           const crypto::MasterKey& master) {
  // First: the audit MAC key, so that every event from here on is keyed.
  auto audit_keys = loadOrCreateAuditKeys(db, master);
  if (!audit_keys) {
    return tl::unexpected(audit_keys.error());
  }
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
  auto clients = loadOrCreateKey(db, master, std::string(kClientsKeyId));
  if (!clients) {
    return tl::unexpected(clients.error());
  }
  std::vector<crypto::SecretKey> index_keys;
  index_keys.reserve(kIndexSubkeys.size());
  for (const IndexSubkey& index : kIndexSubkeys) {
    auto key = loadOrCreateKey(db, master, std::string(index.key_id), index.subkey);
    if (!key) {
      return tl::unexpected(key.error());
    }
    index_keys.push_back(std::move(*key));
  }
  auto network = loadOrCreateKey(db, master, std::string(kNetworkKeyId), kNetworkKeySubkey);
  if (!network) {
    return tl::unexpected(network.error());
  }
  auto keys = std::unique_ptr<Keys>(
      new Keys{crypto::FieldSealer(std::move(*contacts)), crypto::FieldSealer(std::move(*agencies)),
               crypto::FieldSealer(std::move(*telephony)), crypto::FieldSealer(std::move(*clients)),
               crypto::FieldSealer(derive(master, kPersonKeyWrapSubkey)),
               crypto::FieldSealer(std::move(*network)), std::move(index_keys)});
  auto vault = std::unique_ptr<Vault>(new Vault(std::move(keys), derive(master, kCsrfSubkey)));
  vault->audit_keys_ = std::move(*audit_keys);
  return vault;
}

domain::Result<RewrapCount> Vault::rewrapKeys(store::Database& db, const crypto::MasterKey& current,
                                              const crypto::MasterKey& next) {
  const crypto::FieldSealer old_wrap(derive(current, kPersonKeyWrapSubkey));
  const crypto::FieldSealer new_wrap(derive(next, kPersonKeyWrapSubkey));
  RewrapCount count;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    count = {};
    auto data_keys = store::listWrappedKeys(w.sql());
    if (!data_keys) {
      return tl::unexpected(data_keys.error());
    }
    for (const auto& stored : *data_keys) {
      auto key = current.unwrap(stored.wrapped, stored.owner_id);
      if (!key) {
        return domain::fail(domain::ErrorCode::kUnavailable,
                            "The data key " + stored.owner_id +
                                " does not open with the current master key: nothing was "
                                "changed.");
      }
      if (auto updated =
              store::updateWrappedKey(w, stored.owner_id, next.wrap(*key, stored.owner_id));
          !updated) {
        return updated;
      }
      ++count.data_keys;
    }
    auto person_keys = store::listPersonKeys(w.sql());
    if (!person_keys) {
      return tl::unexpected(person_keys.error());
    }
    for (const auto& stored : *person_keys) {
      const std::string aad = std::string(kPersonKeyAadPrefix) + stored.owner_id;
      auto raw = old_wrap.open(stored.wrapped, aad);
      if (!raw) {
        return domain::fail(domain::ErrorCode::kUnavailable,
                            "A person's key does not open with the current master key: nothing "
                            "was changed.");
      }
      const std::string rewrapped = new_wrap.seal(*raw, aad);
      crypto::wipe(*raw);
      if (auto updated = store::updatePersonKey(w, stored.owner_id, rewrapped); !updated) {
        return updated;
      }
      ++count.person_keys;
    }
    return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kMasterKeyRotate, "", ""});
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return count;
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
  // The message is stored in effect (every index depends on it): never change it.
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
