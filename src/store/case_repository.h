// Cases of direct assistance in the store: the case row and its team, status history, linked
// contacts and break-glass grants. Coded values and ids only; notes live in case_notes (sealed).
//
// Errors: Conflict for a stale version or a second case of one client; Internal for anything
// else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/case.h"
#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

// Inserts the case, its team and its first history entry (to `intake`), and links `contact_ids`.
// Conflict (field "client_id", detail "existing_case_id:<id>") when the client has a case in the
// organisation already.
[[nodiscard]] domain::Status insertCase(WriteContext& w, const domain::Case& kase,
                                        const std::vector<std::string>& contact_ids);

// Writes status, assignment, team, reflection period, plan status, closure and updated_at if the
// stored version is `expected_version` (then expected_version + 1). Conflict (field "version")
// when stale.
[[nodiscard]] domain::Status updateCase(WriteContext& w, const domain::Case& kase,
                                        std::int32_t expected_version);

// By id, any organisation (the caller applies policy), with its team.
[[nodiscard]] domain::Result<std::optional<domain::Case>> findCase(soci::session& sql,
                                                                   const std::string& id);
// The case of a client in an organisation, if any, with its team.
[[nodiscard]] domain::Result<std::optional<domain::Case>> findCaseOfClient(
    soci::session& sql, const std::string& org_id, const std::string& client_id);

struct CaseHistoryEntry {
  std::string id;
  std::string case_id;
  std::string from_status;  // "" for the first
  std::string to_status;
  std::string kind =
      "status_change";  // status_change, closure_request, closure_approve, assignment
  std::int64_t at = 0;
  std::string by_user;
  std::string reason;  // a code or a short note; never personal data
};
[[nodiscard]] domain::Status insertCaseHistory(WriteContext& w, const CaseHistoryEntry& entry);
// Oldest first.
[[nodiscard]] domain::Result<std::vector<CaseHistoryEntry>> listCaseHistory(
    soci::session& sql, const std::string& case_id);

struct CaseContactLink {
  std::string contact_id;
  std::string linked_by;
  std::int64_t linked_at = 0;
};
// Links a contact (no-op when linked already). Returns whether it was new.
[[nodiscard]] domain::Result<bool> linkCaseContact(WriteContext& w, const std::string& case_id,
                                                   const std::string& contact_id,
                                                   const std::string& by);
[[nodiscard]] domain::Result<std::vector<CaseContactLink>> listCaseContacts(
    soci::session& sql, const std::string& case_id);

struct BreakGlass {
  std::string id;
  std::string case_id;
  std::string user_id;
  std::string reason_sealed;  // opaque bytes (vault::SealedField::kBreakGlassReason)
  std::string reason;         // in the clear: only a reason written before migration 0025
  std::int64_t at = 0;
  std::int64_t expires_at = 0;
};
[[nodiscard]] domain::Status insertBreakGlass(WriteContext& w, const BreakGlass& grant);
// Whether `user_id` holds a grant on the case that has not expired at `now`.
[[nodiscard]] domain::Result<bool> hasBreakGlass(soci::session& sql, const std::string& case_id,
                                                 const std::string& user_id, std::int64_t now);
// Every grant of a case, oldest first.
[[nodiscard]] domain::Result<std::vector<BreakGlass>> listBreakGlass(soci::session& sql,
                                                                     const std::string& case_id);
// Up to `limit` grants whose reason is still in the clear (written before migration 0025): their
// id and reason.
[[nodiscard]] domain::Result<std::vector<std::pair<std::string, std::string>>>
listClearBreakGlassReasons(soci::session& sql, std::int32_t limit);
// The grant's reason replaced by its sealed bytes (the clear column emptied).
[[nodiscard]] domain::Status sealBreakGlassReason(WriteContext& w, const std::string& id,
                                                  const std::string& reason_sealed);

struct CaseListQuery {
  std::string org_id;
  std::optional<std::string> visible_to;  // a case worker: assigned or in the team
  std::string assigned_to;                // "" for any
  std::string status;                     // "" for any
  struct Cursor {
    std::int64_t updated_at = 0;
    std::string id;
  };
  std::optional<Cursor> after;  // keyset: rows strictly after this one (newest first)
  std::int32_t limit = 50;
};
struct CaseListRow {
  std::string id;
  std::string case_code;
  std::string client_code;
  std::string status;
  std::string assigned_to;
  std::string opened_on;
  std::int64_t updated_at = 0;
};
// Newest change first (updated_at, id descending).
[[nodiscard]] domain::Result<std::vector<CaseListRow>> listCases(soci::session& sql,
                                                                 const CaseListQuery& query);

}  // namespace strada::store
