// Telephony in the store: lines (a PBX or a provider's relay, each with its sealed shared secret),
// the calls they report, and the events already applied (idempotency).
//
// The caller's number never reaches the store: a call holds only its blind index (caller_hash).
// The secret is opaque bytes here; sealing and opening happen above the store.
//
// Errors: Conflict for a duplicate key; NotFound when an update names no such line; Internal for
// anything else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct TelephonyLine {
  std::string id;
  std::string org_id;
  std::string name;
  std::string secret_sealed;  // opaque bytes
  bool active = true;
  domain::UnixMillis created_at = 0;
};

[[nodiscard]] domain::Status insertTelephonyLine(WriteContext& w, const TelephonyLine& line);
// By id, any organisation.
[[nodiscard]] domain::Result<std::optional<TelephonyLine>> findTelephonyLine(soci::session& sql,
                                                                             const std::string& id);
// Every line (secret_sealed not loaded), by organisation then creation time.
[[nodiscard]] domain::Result<std::vector<TelephonyLine>> listTelephonyLines(soci::session& sql);
// NotFound when there is no such line.
[[nodiscard]] domain::Status setTelephonyLineActive(WriteContext& w, const std::string& id,
                                                    bool active);

struct TelephonyCall {
  std::string line_id;
  std::string call_id;
  std::string org_id;
  std::string contact_id;  // "" until answered
  std::optional<domain::UnixMillis> offered_at;
  std::optional<domain::UnixMillis> answered_at;
  std::optional<domain::UnixMillis> ended_at;
  std::string caller_hash;  // "" when the number was withheld or not sent
};

[[nodiscard]] domain::Result<std::optional<TelephonyCall>> findTelephonyCall(
    soci::session& sql, const std::string& line_id, const std::string& call_id);
// Conflict when the call exists.
[[nodiscard]] domain::Status insertTelephonyCall(WriteContext& w, const TelephonyCall& call);
// Replaces every column of call (line_id, call_id) but the keys and org_id.
[[nodiscard]] domain::Status updateTelephonyCall(WriteContext& w, const TelephonyCall& call);

// The result recorded for an event already applied ("" for no contact), or nullopt when the
// event (line, "call_id:event") is new.
[[nodiscard]] domain::Result<std::optional<std::string>> findTelephonyEventSeen(
    soci::session& sql, const std::string& line_id, const std::string& event_key);
// Conflict when the event was recorded already.
[[nodiscard]] domain::Status insertTelephonyEventSeen(WriteContext& w, const std::string& line_id,
                                                      const std::string& event_key,
                                                      domain::UnixMillis received_at,
                                                      const std::string& result_contact_id);

}  // namespace strada::store
