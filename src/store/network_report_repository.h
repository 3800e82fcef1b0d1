// The network's figures (migration 0031; network/report_submission.h and network/overview.h
// decide what they hold): at a member, when a report left for the hub and when the hub received
// it; at the hub, every report revision a member submitted with its signature and figures, and
// the coordinator's publication selection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"
#include "store/report_repository.h"

namespace soci {
class session;
}

namespace strada::store {

// At a member --------------------------------------------------------------------------------

// Marks an approved report submitted by `user_id` at w.now(). Conflict (field "status") when it
// is not approved (any more).
[[nodiscard]] domain::Status markReportSubmitted(WriteContext& w, const std::string& org_id,
                                                 const std::string& id, const std::string& user_id);
// Records the hub's acknowledgement of the organisation's revision of a period (no report
// matching: nothing changes).
[[nodiscard]] domain::Status markReportReceived(WriteContext& w, const std::string& org_id,
                                                const std::string& period_kind,
                                                const std::string& period_start, int revision,
                                                domain::UnixMillis at);
// The organisation's approved reports not yet submitted, oldest period first.
[[nodiscard]] domain::Result<std::vector<ReportRow>> approvedUnsubmitted(soci::session& sql,
                                                                         const std::string& org_id);

// At the hub ---------------------------------------------------------------------------------

struct ReceivedReport {
  std::string id;
  std::string member_code;
  std::string period_kind, period_start;
  int revision = 0;
  std::string origin;
  std::int64_t small_count_k = 0;
  int definition_version = 0;
  std::string packet;     // the signed JSON text
  std::string key_id;     // the member's signing key
  std::string signature;  // base64url
  std::string message_id;
  domain::UnixMillis received_at = 0;
  bool is_latest = true;
};

// Whether the hub holds the member's revision of the period already.
[[nodiscard]] domain::Result<bool> hasReceivedReport(soci::session& sql,
                                                     const ReceivedReport& report);
// Stores a revision and its figures; it becomes the latest of its (member, period) when its
// revision is the highest received, the others lose the mark. Conflict when the same revision
// is stored already.
[[nodiscard]] domain::Status insertReceivedReport(WriteContext& w, const ReceivedReport& report,
                                                  const std::vector<ReportFigureRow>& figures);

// Every revision received, of one member or all (""), newest period first, then revision.
[[nodiscard]] domain::Result<std::vector<ReceivedReport>> listReceivedReports(
    soci::session& sql, const std::string& member_code);

// One cell of the overview: a member's latest yearly figure.
struct OverviewCell {
  std::string member_code;
  int year = 0;
  int revision = 0;
  std::string origin;
  std::string figure;
  std::string state;
  std::int64_t n = 0;
};
// The latest yearly revisions' figures of years [from, to] among `figures` (every figure when
// empty): one indexed read.
[[nodiscard]] domain::Result<std::vector<OverviewCell>> overviewCells(
    soci::session& sql, int from, int to, const std::vector<std::string>& figures);

struct Publication {
  int year_from = 0, year_to = 0;
  std::vector<std::string> figures;  // figure ids
  std::vector<std::string> members;  // member codes
  std::string updated_by;
  domain::UnixMillis updated_at = 0;
  int version = 0;  // 0: nothing published yet
};
[[nodiscard]] domain::Result<Publication> readPublication(soci::session& sql);
// Replaces the selection (its version + 1). Conflict on "version" when `expected_version` is not
// the stored one.
[[nodiscard]] domain::Status writePublication(WriteContext& w, const Publication& p,
                                              int expected_version);

}  // namespace strada::store
