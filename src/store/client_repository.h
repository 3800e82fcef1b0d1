// Clients of direct assistance in the store: the coded columns in the clear, the person sealed
// (opaque bytes), the person's wrapped key, and the blind indexes of search before create.
// Sealing, opening and computing indexes happen above the store (cases/, through the vault).
//
// Errors: Conflict for a stale version; NotFound when an update names no client of the
// organisation; Internal for anything else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/client.h"
#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct ClientRow {
  domain::Client client;              // client.person is left empty by the store
  std::string person_sealed;          // opaque bytes
  std::string wrapped_key;            // the person's wrapped key; "" once destroyed
  std::string erasure_reason_sealed;  // the sealed reason of an erasure; "" otherwise
  std::string merged_into;            // the survivor it was merged into; "" otherwise
};

// One blind index of a client: kind "name", "birth_date" or "phone", and the keyed hash.
struct ClientIndexEntry {
  std::string kind;
  std::string hash;
  friend bool operator==(const ClientIndexEntry&, const ClientIndexEntry&) = default;
};

// Inserts the client, its wrapped key and its index entries.
[[nodiscard]] domain::Status insertClient(WriteContext& w, const ClientRow& row,
                                          const std::vector<ClientIndexEntry>& index);

// Replaces the sealed person, the coded fields and the index entries if the stored version is
// `expected_version` (then it becomes expected_version + 1). Conflict when stale.
[[nodiscard]] domain::Status updateClient(WriteContext& w, const ClientRow& row,
                                          std::int32_t expected_version,
                                          const std::vector<ClientIndexEntry>& index);

// By id, any organisation (the caller applies policy); with the sealed person and wrapped key.
[[nodiscard]] domain::Result<std::optional<ClientRow>> findClient(soci::session& sql,
                                                                  const std::string& id);

// Empties the person's wrapped key and sealed person, drops its index entries and the packets of
// the network referrals that opened the person's cases: nothing sealed under the key, or sent
// about the person by another member, opens again. NotFound when the organisation has no such
// client.
[[nodiscard]] domain::Status destroyClientKey(WriteContext& w, const std::string& org_id,
                                              const std::string& client_id);

// Erases the person: destroyClientKey, then marks the client erased (at w.now(), by `by`, with
// the reason sealed by the caller). NotFound when the organisation has no such client.
[[nodiscard]] domain::Status eraseClient(WriteContext& w, const std::string& org_id,
                                         const std::string& client_id, const std::string& by,
                                         const std::string& reason_sealed);

// Where every client stands on erasure, for the reconciliation with the erasure ledger.
struct ErasureState {
  std::string client_id;
  std::string org_id;
  bool erased = false;          // erased_at is set
  bool key_present = false;     // the wrapped key is still stored
  std::string reason_in_clear;  // a reason written before migration 0021; "" otherwise
};

// Every client that is erased, still has a reason in the clear, or whose id is in `ids`.
[[nodiscard]] domain::Result<std::vector<ErasureState>> erasureStates(
    soci::session& sql, const std::vector<std::string>& ids);

// Moves a reason written in the clear to its sealed column (and empties the clear one).
[[nodiscard]] domain::Status sealErasureReason(WriteContext& w, const std::string& client_id,
                                               const std::string& reason_sealed);

// A search hit: the client and what matched.
struct ClientMatch {
  std::string client_id;
  std::string client_code;
  std::vector<std::string> matched_on;  // "client_code", "name", "birth_date", "phone"
};

// Clients of `org_id` (not merged away) with `client_code` (exact, "" for none) or any of the index
// entries, at most `limit`, ordered by client code.
[[nodiscard]] domain::Result<std::vector<ClientMatch>> searchClients(
    soci::session& sql, const std::string& org_id, const std::string& client_code,
    const std::vector<ClientIndexEntry>& index, std::int32_t limit);

// Other clients of the organisation (not merged away) sharing a name or a phone index entry with
// `client_id` (a birth date alone is too common to flag), ordered by id.
[[nodiscard]] domain::Result<std::vector<std::string>> possibleDuplicates(
    soci::session& sql, const std::string& client_id);

}  // namespace strada::store
