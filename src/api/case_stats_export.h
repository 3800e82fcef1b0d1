// The case statistics as a download: one table of figures (figure, code, label, count), written
// as CSV (RFC 4180, UTF-8, CRLF) or as an XLSX workbook (libxlsxwriter). A suppressed cell is the
// word "suppressed", never its number. Coded figures only: no person, id or code of a person.
#pragma once

#include <string>
#include <vector>

#include "cases/case_stats.h"
#include "domain/error.h"

namespace strada::api {

class RouteTable;

// One line of the table. `figure`: "opened" or "assisted" (code: the period), "totals" (code:
// opened, assisted, closed, services), or a breakdown's dimension (code: an HTCDS code).
struct CaseStatsRow {
  std::string figure;
  std::string code;
  std::string label;  // English label of the code, or the code
  hotline::StatsCount n;
};

// The figures in table order: the series, the totals, then every breakdown.
[[nodiscard]] std::vector<CaseStatsRow> caseStatsRows(const cases::CaseStats& stats);

[[nodiscard]] std::string caseStatsCsv(const std::vector<CaseStatsRow>& rows);

// The XLSX file's bytes (written through a temporary file that is removed at once).
[[nodiscard]] domain::Result<std::string> caseStatsXlsx(const std::vector<CaseStatsRow>& rows);

// GET /api/v1/stats/cases.csv and /api/v1/stats/cases.xlsx (case_stats.export, audited).
void registerCaseStatsExportRoutes(RouteTable& routes);

}  // namespace strada::api
