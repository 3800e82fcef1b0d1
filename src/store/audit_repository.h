// The audit chain's events in the store. Appending is for the writer (WriteContext::audit), which
// holds the write lock; reads are for `strada audit verify` and tests.
//
// Errors: Conflict when an appended seq is taken (two writers at once); Internal for anything
// else, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_event.h"
#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

// The newest event, if any.
[[nodiscard]] domain::Result<std::optional<audit::AuditEvent>> lastAuditEvent(soci::session& sql);
[[nodiscard]] domain::Status appendAuditEvent(soci::session& sql, const audit::AuditEvent& e);
// Calls `fn` for every event in seq order; stops early when fn returns false.
[[nodiscard]] domain::Status forEachAuditEvent(
    soci::session& sql, const std::function<bool(const audit::AuditEvent&)>& fn);
// What rechainAuditEvents did.
struct RechainOutcome {
  std::int64_t events = 0;  // events chained again (0 for an empty trail)
};
// The one-time upgrade of a plain SHA-256 chain to the keyed chain, in w's transaction: checks
// the stored chain as SHA-256, then sets every event's prev_hash and hash to the MAC chain under
// `mac_key` (seq and content unchanged). Unavailable, naming the first bad event, when the stored
// chain is broken: a tampered trail is never made to verify again.
[[nodiscard]] domain::Result<RechainOutcome> rechainAuditEvents(WriteContext& w,
                                                                std::string_view mac_key);
// Events about one object, newest first (for tests and, later, the audit screen).
[[nodiscard]] domain::Result<std::vector<audit::AuditEvent>> auditEventsFor(
    soci::session& sql, const std::string& object_type, const std::string& object_id);

}  // namespace strada::store
