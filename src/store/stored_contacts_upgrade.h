// Private to the upgrade step of migration 0010 (hotline/stored_contacts_upgrade.h): reading the
// contacts whose caller index or region must be rewritten, rewriting them in batches, and the
// data_migrations table that records a step in code as done.
//
// Sealed columns are opaque bytes here, as everywhere in the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

// One contact as the upgrade reads it.
struct StoredCallerRecord {
  std::string id;
  std::string org_id;
  std::string caller_hash;    // the index as stored
  std::string caller_sealed;  // opaque bytes; empty when the contact has no identifier
  std::string caller_region;  // the clear region written before 0010; "" once sealed
};

// Up to `limit` contacts after `after_id` (by id) that have a caller identifier or a clear
// region, by id.
[[nodiscard]] domain::Result<std::vector<StoredCallerRecord>> listStoredCallerRecords(
    soci::session& sql, const std::string& after_id, int limit);

// What the upgrade writes for one contact.
struct CallerRecordUpgrade {
  std::string id;
  std::string org_id;
  std::string old_hash;
  std::string new_hash;
  std::optional<std::string> region_sealed;  // set: store it and empty caller_region
};

// Within one write: each contact's caller_hash (and sealed region); and, for each index that
// changed, the organisation's caller flags and telephony calls that carried the old index. A
// flag that the caller already has under the new index keeps the new row (the old one goes).
[[nodiscard]] domain::Status applyCallerRecordUpgrades(
    WriteContext& w, const std::vector<CallerRecordUpgrade>& upgrades);

// Whether the step `name` is recorded as done.
[[nodiscard]] domain::Result<bool> isDataMigrationDone(soci::session& sql, std::string_view name);
// Records the step `name` as done at w.now() (nothing when it is recorded already).
[[nodiscard]] domain::Status recordDataMigration(WriteContext& w, std::string_view name);

}  // namespace strada::store
