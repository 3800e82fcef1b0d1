// The records vault: every data key of an installation, and the only place that seals and opens
// a field or computes a blind index.
//
// A sealed value is bound to where it belongs: the associated data names the record kind, the
// field and the record id ("contacts.summary:<id>"), so a sealed value copied into another row or
// column does not open. Callers name a SealedField and a record id; the vault picks the key and
// the associated data, so no caller can pair a field with the wrong key.
//
// Keys: one data key per record kind ("contacts.v1", "agencies.v1", "telephony.v1"), each stored
// wrapped by the master key in `data_keys`; so are the blind-index keys and the network keys' key
// (made once from the values the master key derived before, so that a rotation keeps them). A field
// whose scope is a person (a client of the cases) is sealed under a key of that person alone
// (PersonKey): the use case loads the person's wrapped key with the person's row and asks the vault
// to open it; destroying the wrapped key erases the person. Sealing a person's field without the
// person's key is a programming error.
//
// Thread safety: a loaded Vault is immutable and may be used from any thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/keyring.h"
#include "crypto/secret.h"
#include "domain/error.h"
#include "store/database.h"
#include "vault/audit_keys.h"
#include "vault/erasure_ledger.h"

namespace strada::vault {

// Every sealed field of every record kind.
enum class SealedField {
  kContactSummary,   // contacts.summary: the consultant's free-text summary
  kContactCaller,    // contacts.caller: the caller's number or handle
  kContactRegion,    // contacts.region: the caller's region or town (free text)
  kSafetyPlan,       // safety_plans: every field of a plan, sealed together as one JSON text
  kAgencyAddress,    // agencies.address: a partner agency's street address
  kTelephonySecret,  // telephony.secret: a telephony line's shared signing secret
  // Fields of one person (cases' clients): sealed under that person's own key (PersonKey).
  kClientPerson,  // clients.person: who the person is (names, birth date, contact, documents)
  kCaseNote,      // case_notes.text: a case note, under the key of the case's client
  kNeedNote,      // case_need_domains.note: a need's note (record id: case id "/" domain)
  kPlanGoal,      // case_plan_goals.goal: a plan's goal (record id: case id "/" position)
  kPlanReason,    // case_plan_reviews.reason: why a supervisor returned a plan (case id)
  kTaskTitle,     // case_tasks.title: a case task's title (record id: task id)
  // Of the organisation, not of the person (the person's key is gone when it is written):
  kErasureReason,  // clients.erasure_reason: why a person was erased ("clients.v1" key)
  // Of the person again:
  kDocumentTitle,        // case_attachments.title: a case document's title (record id: document id)
  kDocumentContent,      // case_attachment_contents.content: its bytes (record id: document id)
  kProceedingCourt,      // case_proceedings.court: the court or authority named in free text
  kProceedingReference,  // case_proceedings.reference: the court's case reference
  kHearingNote,          // case_hearings.note (record id: proceeding id "/" position)
  kFollowUpNote,         // case_follow_ups.note: a follow-up's note (record id: follow-up id)
  // Of the organisation ("clients.v1" key): kept after the person's erasure, in their access
  // history.
  kBreakGlassReason,  // case_break_glass.reason: why a supervisor opened the case (record id:
                      // grant)
  kReferralPurpose,   // case_referrals.purpose: why the person is referred (referral id)
  kReferralOverride,  // case_referrals.override_reason: why it went without consent
  // Of the instance (network/identity.h), under a key derived from the master key:
  kNetworkSecretKey,  // network_keys: a signing seed or box secret (record id: key id "/" use)
  // Of the organisation ("clients.v1" key):
  kNetworkReferralText,  // network_referral_events.note: a decline reason, feedback note or
                         // what was done on a withdrawal of consent (record id: event id)
  // user_second_factors: a user's TOTP secret, confirmed or being enrolled (record id: user id
  // "/confirmed" or "/pending"). Under the key of the instance's service secrets (telephony.v1).
  kSecondFactorSecret,
  // Of the organisation ("agencies.v1" key): a training's free text (place, external trainers,
  // evaluation summary), sealed together as one JSON text (record id: training id).
  kTrainingText,
  // public_profiles.address_sealed: the organisation's own address (record id: organisation
  // id), public or not (a shelter's secret address). Under the agencies' key (a directory entry).
  kOrganisationAddress,
};

// What a sealed value belongs to.
struct SealTarget {
  SealedField field;
  std::string_view record_id;
};

// Purposes of blind indexes (keyed hashes that let equal values be found without storing them).
enum class BlindIndex {
  kCaller,           // a normalised caller identifier, scoped to the organisation
  kClientName,       // a client's name, case-folded and whitespace-collapsed
  kClientBirthDate,  // a client's birth date, YYYY-MM-DD
  kClientPhone,      // a client's phone number in E.164
};

class Vault;

// The data key of one person, unwrapped: it seals and opens that person's fields only
// (SealedField::kClientPerson, kCaseNote). Wrapped (Vault::createPersonKey) it is stored beside
// the person; destroying the wrapped key makes everything sealed under it unreadable. Move-only.
class PersonKey {
 public:
  PersonKey(PersonKey&&) noexcept = default;
  PersonKey& operator=(PersonKey&&) noexcept = default;
  ~PersonKey();
  [[nodiscard]] const std::string& personId() const { return person_id_; }

 private:
  friend class Vault;
  PersonKey(std::string person_id, crypto::SecretKey key);
  std::string person_id_;
  std::unique_ptr<crypto::FieldSealer> sealer_;
};

// A new person's key and its wrapped form (to store with the person).
struct NewPersonKey {
  PersonKey key;
  std::string wrapped;
};

// What a master key rotation re-wrapped.
struct RewrapCount {
  std::size_t data_keys = 0;
  std::size_t person_keys = 0;
};

class Vault {
 public:
  // Loads each wrapped data key from the database and unwraps it; creates (and stores, wrapped,
  // with its audit event) any that is missing. Safe when several servers start at once on one
  // database. Unavailable when a stored key does not open with this master key.
  [[nodiscard]] static domain::Result<std::unique_ptr<Vault>> loadOrCreate(
      store::Database& db, const crypto::MasterKey& master);

  // The master key rotation (`strada keys rotate`): in one transaction, re-wraps every data key
  // (data_keys) and every person key not destroyed (client_keys) from `current` to `next`, and
  // records it in the audit trail. No sealed row changes: only the wrapped-key columns. The keys
  // once derived from the master key (blind indexes, network keys) are stored data keys
  // (loadOrCreate makes them from the derived value), so they survive; the CSRF key changes.
  // Unavailable, with nothing changed, when a key does not open with `current`.
  [[nodiscard]] static domain::Result<RewrapCount> rewrapKeys(store::Database& db,
                                                              const crypto::MasterKey& current,
                                                              const crypto::MasterKey& next);

  // version byte | nonce | XChaCha20-Poly1305(plaintext), bound to `target`.
  [[nodiscard]] std::string seal(SealTarget target, std::string_view plaintext) const;
  // Internal (logged, never shown) when `sealed` was tampered with, belongs elsewhere, or was
  // sealed under another key.
  [[nodiscard]] domain::Result<std::string> open(SealTarget target, std::string_view sealed) const;
  // Opens `sealed` into `out` when it is not empty; leaves `out` alone otherwise.
  [[nodiscard]] domain::Status openInto(SealTarget target, std::string_view sealed,
                                        std::string& out) const;

  // Lower-case hex of HMAC-SHA-256(blind-index key, scope + '\0' + value). Scoped (to an
  // organisation), so two members' indexes never match; without the master key a value cannot
  // be recovered by trying every phone number.
  [[nodiscard]] std::string blindIndex(BlindIndex purpose, std::string_view scope,
                                       std::string_view value) const;

  // A fresh data key for the person `person_id`, wrapped under the master key's person-key
  // subkey with the person's id as associated data (a wrapped key moved to another person does
  // not open).
  [[nodiscard]] NewPersonKey createPersonKey(std::string_view person_id) const;
  // Unwraps a stored person key. Internal when it does not open (tampered, another person's).
  // NotFound ("The person's data was erased.") when `wrapped` is empty: the key was destroyed.
  [[nodiscard]] domain::Result<PersonKey> openPersonKey(std::string_view person_id,
                                                        std::string_view wrapped) const;
  // Seal and open a person's field (kClientPerson, kCaseNote) under their key. The field's
  // associated data binds it to `target.record_id` as for every other field.
  [[nodiscard]] std::string seal(const PersonKey& key, SealTarget target,
                                 std::string_view plaintext) const;
  [[nodiscard]] domain::Result<std::string> open(const PersonKey& key, SealTarget target,
                                                 std::string_view sealed) const;

  // The data folder's erasure ledger (vault/erasure_ledger.h), set once when the data folder is
  // opened, before the vault is shared; none in tests that open a bare database.
  void keepErasureLedger(std::filesystem::path path) { erasures_.emplace(std::move(path)); }
  [[nodiscard]] const ErasureLedger* erasureLedger() const {
    return erasures_ ? &*erasures_ : nullptr;
  }

  // Keys the CSRF token MAC (derived from the master key, so every server agrees).
  [[nodiscard]] std::string_view csrfKey() const { return csrf_.bytes(); }

  // The audit trail's MAC key and anchor signing key (vault/audit_keys.h). loadOrCreate loads
  // them first, so every event it or anything later writes is keyed.
  [[nodiscard]] const AuditKeys& auditKeys() const { return audit_keys_; }

  Vault(const Vault&) = delete;
  Vault& operator=(const Vault&) = delete;
  ~Vault();

 private:
  struct Keys;
  explicit Vault(std::unique_ptr<Keys> keys, crypto::SecretKey csrf);
  std::unique_ptr<Keys> keys_;
  crypto::SecretKey csrf_;
  std::optional<ErasureLedger> erasures_;
  AuditKeys audit_keys_;
};

// The associated data of a sealed value ("contacts.summary:<id>"). Stored values depend on these
// names: never change one.
std::string associatedData(SealTarget target);

}  // namespace strada::vault
