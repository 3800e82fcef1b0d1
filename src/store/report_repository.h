// The aggregate reports (migration 0028; reports/ decides what they hold): each revision of an
// organisation's report for a period with its published figures, the figure groups the
// organisation does not collect and its k, and the few reads the figures need that no rollup
// holds (outgoing referrals by the target's country).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct ReportRow {
  std::string id;
  std::string org_id;
  std::string period_kind;   // month, quarter, year
  std::string period_start;  // YYYY-MM-DD
  int revision = 0;
  std::string origin;  // computed, imported
  std::string status;  // draft, approved, submitted
  std::int64_t small_count_k = 0;
  int definition_version = 0;
  std::string created_by;
  domain::UnixMillis created_at = 0;
  std::string approved_by;
  domain::UnixMillis approved_at = 0;
  int version = 1;
  // Migration 0031: when it left for the network's hub (queued), by whom, and when the hub said
  // it received it (0: not yet).
  std::string submitted_by;
  domain::UnixMillis submitted_at = 0;
  domain::UnixMillis hub_received_at = 0;
};

struct ReportFigureRow {
  std::string figure;
  std::string state;  // count, suppressed, not_collected
  std::int64_t n = 0;
};

// The organisation's reports, newest period first, then by kind, then newest revision first.
[[nodiscard]] domain::Result<std::vector<ReportRow>> listReports(soci::session& sql,
                                                                 const std::string& org_id);
// One report of the organisation; nothing when there is none (or it is another's).
[[nodiscard]] domain::Result<std::optional<ReportRow>> findReport(soci::session& sql,
                                                                  const std::string& org_id,
                                                                  const std::string& id);
[[nodiscard]] domain::Result<std::vector<ReportFigureRow>> reportFigures(
    soci::session& sql, const std::string& report_id);

// A period's history so far: its revisions (all of them, in revision order) and the figure ids
// suppressed in any of them that is not a draft (approved, submitted: those that left, or may
// leave, the organisation).
struct PeriodHistory {
  std::vector<ReportRow> revisions;
  std::vector<std::string> suppressed_before;
};
[[nodiscard]] domain::Result<PeriodHistory> periodHistory(soci::session& sql,
                                                          const std::string& org_id,
                                                          const std::string& period_kind,
                                                          const std::string& period_start);

// Inserts the report and its figures (row.revision as given; the unique revision key refuses a
// second one with the same number as a conflict).
[[nodiscard]] domain::Status insertReport(WriteContext& w, const ReportRow& row,
                                          const std::vector<ReportFigureRow>& figures);
// Marks a draft approved by `user_id` at w.now(). NotFound when the organisation has no such
// report; Conflict (field "status") when it is no longer a draft.
[[nodiscard]] domain::Status approveReport(WriteContext& w, const std::string& org_id,
                                           const std::string& id, const std::string& user_id);

struct ReportSettings {
  std::int64_t small_count_k = 11;
  std::vector<std::string> groups_not_collected;
};
[[nodiscard]] domain::Result<ReportSettings> readReportSettings(soci::session& sql,
                                                                const std::string& org_id);
// Replaces the organisation's settings.
[[nodiscard]] domain::Status writeReportSettings(WriteContext& w, const std::string& org_id,
                                                 const ReportSettings& settings);

// Outgoing referrals of the organisation referred on [from, to] (YYYY-MM-DD, inclusive), not
// withdrawn, counted by the country of their target (a member's country, or the directory
// agency's; '' when unknown).
[[nodiscard]] domain::Result<std::vector<std::pair<std::string, std::int64_t>>>
outgoingReferralsByCountry(soci::session& sql, const std::string& org_id, const std::string& from,
                           const std::string& to);
// The organisation's referrals to other members of the network (network_referrals, outgoing)
// made from day `from_day` to day `to_day` (days since 1970-01-01, UTC, both included), counted
// by the receiving member's country ("" when the member is not known).
[[nodiscard]] domain::Result<std::vector<std::pair<std::string, std::int64_t>>>
outgoingNetworkReferralsByCountry(soci::session& sql, const std::string& org_id,
                                  std::int64_t from_day, std::int64_t to_day);

}  // namespace strada::store
