#include "api/keys.h"

#include <optional>

#include "crypto/crypto.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

constexpr std::string_view kContactsKeyId = "contacts.v1";
constexpr std::string_view kAgenciesKeyId = "agencies.v1";
constexpr std::string_view kTelephonyKeyId = "telephony.v1";
constexpr std::uint64_t kCsrfSubkeyId = 1;
constexpr std::uint64_t kBlindIndexSubkeyId = 2;

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
      auto inserted = store::insertWrappedKey(w, key_id, sealed);
      if (!inserted) {
        return inserted;
      }
      return w.audit({"", "", "data_key.create", "data_key", key_id, ""});
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

std::string contactSummaryAad(std::string_view contact_id) {
  return "contacts.summary:" + std::string(contact_id);
}

std::string agencyAddressAad(std::string_view agency_id) {
  return "agencies.address:" + std::string(agency_id);
}

std::string contactCallerAad(std::string_view contact_id) {
  return "contacts.caller:" + std::string(contact_id);
}

std::string safetyPlanAad(std::string_view plan_id) {
  return "safety_plans:" + std::string(plan_id);
}

std::string callerHash(const DataKeys& keys, std::string_view org_id, std::string_view normalised) {
  std::string message;
  message.reserve(org_id.size() + 1 + normalised.size());
  message.append(org_id);
  message.push_back('\0');
  message.append(normalised);
  return crypto::toHex(crypto::hmacSha256(keys.blindIndexKey(), message));
}

std::string telephonySecretAad(std::string_view line_id) {
  return "telephony.secret:" + std::string(line_id);
}

domain::Result<std::unique_ptr<DataKeys>> DataKeys::loadOrCreate(store::Database& db,
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
  return std::unique_ptr<DataKeys>(new DataKeys(
      crypto::FieldSealer(std::move(*contacts)), crypto::FieldSealer(std::move(*agencies)),
      crypto::FieldSealer(std::move(*telephony)), master.deriveSubkey(kCsrfSubkeyId, "csrf____"),
      master.deriveSubkey(kBlindIndexSubkeyId, "blindidx")));
}

}  // namespace strada::api
