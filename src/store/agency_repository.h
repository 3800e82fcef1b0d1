// The partner-agency directory in the store. The address arrives and leaves sealed (opaque
// bytes): sealing, opening and the confidential-address rule live above the store.
//
// Errors: Conflict for a duplicate id or a stale version; NotFound when an update or a
// deactivation names no agency of the organisation; Internal for anything else (the database's
// text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/agency.h"
#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct AgencyRow {
  domain::Agency agency;       // agency.data.address is left empty by the store
  std::string address_sealed;  // opaque bytes (empty when there is no address)
};

// Inserts with the row's version (1 for a new agency).
[[nodiscard]] domain::Status insertAgency(WriteContext& w, const AgencyRow& row);

// Replaces every field of the agency (id, org_id) if its stored version is `expected_version`;
// the stored version becomes expected_version + 1. Conflict when the version is stale.
[[nodiscard]] domain::Status updateAgency(WriteContext& w, const AgencyRow& row,
                                          std::int32_t expected_version);

// Marks the agency inactive (version + 1). NotFound when the organisation has no such agency.
// Returns the new version.
[[nodiscard]] domain::Result<std::int32_t> deactivateAgency(WriteContext& w,
                                                            const std::string& org_id,
                                                            const std::string& id,
                                                            const std::string& updated_by);

// By id, any organisation (the caller applies the record-level policy); with the sealed address.
[[nodiscard]] domain::Result<std::optional<AgencyRow>> findAgency(soci::session& sql,
                                                                  const std::string& id);

struct AgencyCursor {
  std::string name;
  std::string id;
};

struct AgencyQuery {
  std::string org_id;
  std::string name_contains;  // case-insensitive (ASCII) substring of the name; "" for any
  std::string type;           // "" for any
  std::string country;        // "" for any
  std::string city;           // exact, case-insensitive (ASCII); "" for any
  std::string service;        // one service code the agency offers; "" for any
  bool include_inactive = false;
  std::optional<AgencyCursor> after;  // keyset: rows strictly after this one
  std::int32_t limit = 50;
};

// Ordered by name, then id. The sealed address comes only for agencies whose address is not
// confidential: a confidential address never leaves the store in a list (it stays empty).
[[nodiscard]] domain::Result<std::vector<AgencyRow>> listAgencies(soci::session& sql,
                                                                  const AgencyQuery& query);

}  // namespace strada::store
