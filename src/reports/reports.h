// The use cases of the aggregate reports (issue 9, section 3; docs/reports.md): the data officer
// computes a member organisation's report for a period from its own figures, reviews it and
// approves it (its figures are then frozen and ready to leave: packetOf gives what leaves); a new
// report for the same period is its next revision, and the earlier ones stay visible. Historic
// figures are imported from a CSV (report_import.h). No report holds a person: figures only.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "reports/disclosure.h"
#include "reports/report_definition.h"
#include "store/report_repository.h"

namespace strada::reports {

using boost::asio::awaitable;
using domain::Result;
using hotline::Actor;
using hotline::Context;

struct Report {
  store::ReportRow row;
  std::vector<Figure> figures;  // every figure of its definition, in definition order
};

// Computes the organisation's report for the period of `kind` starting on `start` (YYYY-MM-DD)
// from its rollups under the disclosure rules (its settings, the figures suppressed in earlier
// revisions) and stores it as a draft, the period's next revision. Needs reports.manage;
// InvalidArgument naming "period" or "start"; a period that has not started yet is refused.
[[nodiscard]] awaitable<Result<Report>> computeReport(Context ctx, Actor actor, std::string kind,
                                                      std::string start);
// The organisation's reports, every revision (reports.read).
[[nodiscard]] awaitable<Result<std::vector<store::ReportRow>>> listReports(Context ctx,
                                                                           Actor actor);
// One report with its figures (reports.read); NotFound for another organisation's.
[[nodiscard]] awaitable<Result<Report>> readReport(Context ctx, Actor actor, std::string id);
// Approves a draft after review (reports.manage): its figures are frozen and it is ready to
// leave. Conflict naming "status" when it is no longer a draft, "revision" when a newer revision
// of its period exists (approve that one).
[[nodiscard]] awaitable<Result<Report>> approveReport(Context ctx, Actor actor, std::string id);

// Which figure groups the organisation collects, and its k (reports.settings to change; every
// reader of the reports may see them).
[[nodiscard]] awaitable<Result<store::ReportSettings>> reportSettings(Context ctx, Actor actor);
// InvalidArgument naming "small_count_k" below 11 (or above 1000), "not_collected" for a group
// the definition does not hold.
[[nodiscard]] awaitable<Result<store::ReportSettings>> changeReportSettings(
    Context ctx, Actor actor, store::ReportSettings settings);

// The exact JSON that leaves the organisation for an approved report: its period, revision,
// origin, k, definition version and figures ({"id", "state", "n" for a count}); no person, no
// user, no record id of the organisation's own.
[[nodiscard]] boost::json::object packetOf(const Report& report);

// Within a job: the organisation's report `id` with its figures; NotFound for another
// organisation's or none.
[[nodiscard]] Result<Report> loadReport(soci::session& sql, const std::string& org_id,
                                        const std::string& id);

// Within a write job: stores `report.row` (as its period's next revision, set here) with the
// figures disclosed from `raw` under `rules` plus the figures suppressed in earlier revisions,
// and fills `report.figures`. Shared by computeReport and the import.
[[nodiscard]] domain::Status storeNextRevision(store::WriteContext& w,
                                               const std::map<std::string, std::int64_t>& raw,
                                               DisclosureRules rules, Report& report);

}  // namespace strada::reports
