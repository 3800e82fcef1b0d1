// A case's court proceedings (with their hearings) and its follow-ups (with the social-inclusion
// outcomes per domain): coded columns in the clear, free text sealed under the key of the case's
// client (opaque bytes here).
//
// Errors: NotFound when a change names no proceeding of the case; Conflict on "version" when a
// change started from a stale version; Internal for anything else (the database's text in
// `detail` only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct HearingRow {
  std::string held_on;               // YYYY-MM-DD
  std::string kind;                  // hearing_kind
  std::vector<std::string> support;  // hearing_support codes
  std::string note_sealed;           // opaque bytes, "" for none
};

struct ProceedingRow {
  std::string id;
  std::string case_id;
  std::string kind;                  // proceeding_kind
  std::string role;                  // proceeding_role
  std::string status;                // proceeding_status
  std::string court_agency_id;       // a directory agency, or ""
  std::string court_sealed;          // the court in free text (opaque bytes), or ""
  std::string reference_sealed;      // the court's case reference (opaque bytes), or ""
  std::int64_t claimed_amount = -1;  // whole units; -1 when not given
  std::string claimed_currency;      // ISO 4217, "" when not given
  std::int64_t awarded_amount = -1;
  std::string awarded_currency;
  std::string outcome;  // proceeding_outcome, or ""
  std::int64_t version = 1;
  std::string created_by;
  std::int64_t created_at = 0;
  std::string updated_by;
  std::int64_t updated_at = 0;
  std::vector<HearingRow> hearings;  // in the order given
};

[[nodiscard]] domain::Status insertProceeding(WriteContext& w, const ProceedingRow& row);
// Replaces the proceeding `row.id` of case `row.case_id` (its fields and hearings) when its
// version is `expected`; the version becomes expected + 1.
[[nodiscard]] domain::Status updateProceeding(WriteContext& w, const ProceedingRow& row,
                                              std::int64_t expected);
// The case's proceedings with their hearings, oldest first.
[[nodiscard]] domain::Result<std::vector<ProceedingRow>> listProceedings(
    soci::session& sql, const std::string& case_id);

struct InclusionOutcomeRow {
  std::string domain;  // inclusion_domain
  std::string status;  // inclusion_status
};

struct FollowUpRow {
  std::string id;
  std::string case_id;
  std::string kind;         // "closure" or "follow_up"
  std::string followed_on;  // YYYY-MM-DD
  std::string note_sealed;  // opaque bytes, "" for none
  std::string recorded_by;
  std::int64_t recorded_at = 0;
  std::vector<InclusionOutcomeRow> outcomes;  // by domain
};

[[nodiscard]] domain::Status insertFollowUp(WriteContext& w, const FollowUpRow& row);
// The case's follow-ups with their outcomes, the latest day first.
[[nodiscard]] domain::Result<std::vector<FollowUpRow>> listFollowUps(soci::session& sql,
                                                                     const std::string& case_id);

}  // namespace strada::store
