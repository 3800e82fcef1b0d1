// The audit chain's events in the store. Appending is for the writer (WriteContext::audit), which
// holds the write lock; reads are for `strada audit verify` and tests.
//
// Errors: Conflict when an appended seq is taken (two writers at once); Internal for anything
// else, with the database's text in `detail` only.
#pragma once

#include <functional>
#include <optional>
#include <string>
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
// Events about one object, newest first (for tests and, later, the audit screen).
[[nodiscard]] domain::Result<std::vector<audit::AuditEvent>> auditEventsFor(
    soci::session& sql, const std::string& object_type, const std::string& object_id);

}  // namespace strada::store
