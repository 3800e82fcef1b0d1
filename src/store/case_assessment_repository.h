// A case's identification, needs assessment and assistance plan in the store (migration 0014):
// each is a versioned document of the case (case_documents, one row per case and kind) whose
// entries are replaced with each change; the plan's review (submission, decision) and the
// supervisors' pending approvals. Sealed columns are opaque bytes here.
//
// Errors: Conflict (field "version") for a stale or a second first write; Internal for anything
// else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

// The kinds of a case's documents.
inline constexpr const char* kIdentificationDocument = "identification";
inline constexpr const char* kNeedsDocument = "needs";
inline constexpr const char* kPlanDocument = "plan";

struct CaseDocumentHead {
  std::string case_id;
  std::string kind;
  std::string assessed_by;  // identification: a user id; otherwise ""
  std::string assessed_on;  // identification, needs: YYYY-MM-DD; otherwise ""
  std::string updated_by;
  std::int64_t updated_at = 0;
  std::int32_t version = 0;  // 0: never written
};

// Writes `head` as version expected_version + 1: inserted when `expected_version` is 0, else
// updated when the stored version is `expected_version`. Conflict (field "version") otherwise.
[[nodiscard]] domain::Status writeDocumentHead(WriteContext& w, const CaseDocumentHead& head,
                                               std::int32_t expected_version);
// The document of kind `kind` of case `case_id`, if written.
[[nodiscard]] domain::Result<std::optional<CaseDocumentHead>> findDocumentHead(
    soci::session& sql, const std::string& case_id, const std::string& kind);

// The ILO/EC indicators observed, in code order.
[[nodiscard]] domain::Status replaceIndicators(WriteContext& w, const std::string& case_id,
                                               const std::vector<std::string>& codes);
[[nodiscard]] domain::Result<std::vector<std::string>> listIndicators(soci::session& sql,
                                                                      const std::string& case_id);

// The client's coded trafficking status and who decided it (clients.trafficking_status,
// status_decided_by), as a change of the client by `by` at w.now() (its version goes up).
[[nodiscard]] domain::Status setClientTraffickingStatus(WriteContext& w,
                                                        const std::string& client_id,
                                                        const std::string& status,
                                                        const std::string& decided_by,
                                                        const std::string& by);

struct NeedRow {
  std::string domain;
  std::string level;
  std::string note_sealed;  // opaque bytes; empty for no note
};
[[nodiscard]] domain::Status replaceNeeds(WriteContext& w, const std::string& case_id,
                                          const std::vector<NeedRow>& rows);
// In the order written.
[[nodiscard]] domain::Result<std::vector<NeedRow>> listNeeds(soci::session& sql,
                                                             const std::string& case_id);

struct GoalRow {
  std::string domain;
  std::string goal_sealed;  // opaque bytes
  std::string target_date;
  std::string owner;
  std::string status;
};
[[nodiscard]] domain::Status replaceGoals(WriteContext& w, const std::string& case_id,
                                          const std::vector<GoalRow>& rows);
// In position order.
[[nodiscard]] domain::Result<std::vector<GoalRow>> listGoals(soci::session& sql,
                                                             const std::string& case_id);

// cases.plan_status (and updated_at, w.now()) without a new case version: the plan's own version
// guards it.
[[nodiscard]] domain::Status setPlanStatus(WriteContext& w, const std::string& case_id,
                                           const std::string& plan_status);

struct PlanReview {
  std::string submitted_by;
  std::int64_t submitted_at = 0;
  std::string decided_by;  // "" until a supervisor decides
  std::int64_t decided_at = 0;
  std::string decision;       // approve, return or ""
  std::string reason_sealed;  // opaque bytes; empty for none
};
// The plan's submission by `by` at w.now(); an earlier decision is cleared.
[[nodiscard]] domain::Status recordPlanSubmission(WriteContext& w, const std::string& case_id,
                                                  const std::string& by);
// The decision on the submitted plan by `by` at w.now().
[[nodiscard]] domain::Status recordPlanDecision(WriteContext& w, const std::string& case_id,
                                                const std::string& by, const std::string& decision,
                                                const std::string& reason_sealed);
[[nodiscard]] domain::Result<std::optional<PlanReview>> findPlanReview(soci::session& sql,
                                                                       const std::string& case_id);

struct PendingApprovalRow {
  std::string case_id;
  std::string case_code;
  std::string client_code;
  std::string status;  // the case's stage
  std::string assigned_to;
  std::string kind;  // plan or closure
  std::string requested_by;
  std::int64_t requested_at = 0;
};
// What waits for a supervisor of organisation `org_id`: submitted plans (`plans`) and requested
// closures (`closures`), oldest request first, at most `limit`.
[[nodiscard]] domain::Result<std::vector<PendingApprovalRow>> listPendingApprovals(
    soci::session& sql, const std::string& org_id, bool plans, bool closures, std::int32_t limit);

}  // namespace strada::store
