// The data keys of one Strada installation, unwrapped with the master key at start-up.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "crypto/keyring.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::api {

// Associated data of a contact's sealed summary: binds the ciphertext to its row and column, so a
// sealed value copied elsewhere fails to open.
std::string contactSummaryAad(std::string_view contact_id);
// Associated data of a partner agency's sealed address.
std::string agencyAddressAad(std::string_view agency_id);
// Associated data of a contact's sealed caller identifier.
std::string contactCallerAad(std::string_view contact_id);
// Associated data of a safety plan (every field sealed together as one JSON text).
std::string safetyPlanAad(std::string_view plan_id);
// Associated data of a telephony line's sealed shared secret.
std::string telephonySecretAad(std::string_view line_id);

class DataKeys {
 public:
  // Loads each wrapped data key from the database and unwraps it; creates (and stores, wrapped)
  // any that is missing. Safe when several servers start at once on one database.
  // Unavailable when a stored key does not open with this master key (the wrong key file).
  [[nodiscard]] static domain::Result<std::unique_ptr<DataKeys>> loadOrCreate(
      store::Database& db, const crypto::MasterKey& master);

  // Seals contacts' free text.
  [[nodiscard]] const crypto::FieldSealer& contacts() const { return contacts_; }
  // Seals partner agencies' addresses ("agencies.v1").
  [[nodiscard]] const crypto::FieldSealer& agencies() const { return agencies_; }
  // Seals telephony lines' shared secrets ("telephony.v1").
  [[nodiscard]] const crypto::FieldSealer& telephony() const { return telephony_; }
  // Keys the CSRF token MAC (derived from the master key, so every server agrees).
  [[nodiscard]] std::string_view csrfKey() const { return csrf_.bytes(); }
  // Keys blind indexes such as the repeat-caller hash (derived from the master key, subkey 2
  // "blindidx", so every server agrees).
  [[nodiscard]] std::string_view blindIndexKey() const { return blind_index_.bytes(); }

 private:
  DataKeys(crypto::FieldSealer contacts, crypto::FieldSealer agencies,
           crypto::FieldSealer telephony, crypto::SecretKey csrf, crypto::SecretKey blind_index)
      : contacts_(std::move(contacts)),
        agencies_(std::move(agencies)),
        telephony_(std::move(telephony)),
        csrf_(std::move(csrf)),
        blind_index_(std::move(blind_index)) {}
  crypto::FieldSealer contacts_;
  crypto::FieldSealer agencies_;
  crypto::FieldSealer telephony_;
  crypto::SecretKey csrf_;
  crypto::SecretKey blind_index_;
};

// The repeat-caller blind index of a normalised caller identifier (domain::
// normaliseCallerIdentifier): lower-case hex of HMAC-SHA-256(blind-index key, org_id + '\0' +
// normalised). Scoped to the organisation, so two members' indexes never match; without the
// master key the identifier cannot be recovered by trying every phone number.
std::string callerHash(const DataKeys& keys, std::string_view org_id, std::string_view normalised);

}  // namespace strada::api
