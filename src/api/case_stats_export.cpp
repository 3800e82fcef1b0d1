#include "api/case_stats_export.h"

#include "api/contact_csv.h"
#include "api/context.h"
#include "api/export_table_file.h"
#include "api/handler.h"
#include "api/routes.h"
#include "api/stats_json.h"

namespace strada::api {
namespace {

constexpr const char* kSuppressed = "suppressed";
constexpr const char* kHeader[] = {"figure", "code", "label", "count"};

// The code list a breakdown's codes come from ("" when none has labels).
std::string_view listOf(std::string_view dimension) {
  if (dimension == "status") {
    return "case_status";
  }
  if (dimension == "citizenship" || dimension == "in_proceedings") {
    return "";
  }
  if (dimension == "inclusion") {
    return "inclusion_domain";
  }
  return dimension;
}

void addSeries(std::vector<CaseStatsRow>& rows, const char* figure,
               const std::vector<hotline::StatsCodeCount>& series) {
  for (const auto& p : series) {
    rows.push_back(CaseStatsRow{figure, p.code, p.code, p.n});
  }
}

std::string countText(const hotline::StatsCount& n) {
  return n.suppressed ? std::string(kSuppressed) : std::to_string(n.n);
}

}  // namespace

std::vector<CaseStatsRow> caseStatsRows(const cases::CaseStats& stats) {
  std::vector<CaseStatsRow> rows;
  addSeries(rows, "opened", stats.opened);
  addSeries(rows, "assisted", stats.assisted);
  const cases::CaseStatsTotals& t = stats.totals;
  for (const auto& [code, n] : {std::pair{"opened", t.opened}, std::pair{"assisted", t.assisted},
                                std::pair{"closed", t.closed}, std::pair{"services", t.services}}) {
    rows.push_back(CaseStatsRow{"totals", code, code, n});
  }
  for (const auto& [dimension, cells] : stats.breakdowns) {
    const std::string_view list = listOf(dimension);
    for (const auto& cell : cells) {
      std::string label = list.empty() ? cell.code : codeLabelIn(list, cell.code, 0);
      rows.push_back(CaseStatsRow{dimension, cell.code, std::move(label), cell.n});
    }
  }
  return rows;
}

std::string caseStatsCsv(const std::vector<CaseStatsRow>& rows) {
  std::string out;
  for (const char* column : kHeader) {
    out += column == kHeader[0] ? "" : ",";
    out += column;
  }
  out += "\r\n";
  for (const auto& row : rows) {
    for (const std::string& cell : {row.figure, row.code, row.label}) {
      appendCsvCell(out, cell);
      out += ',';
    }
    out += countText(row.n);
    out += "\r\n";
  }
  return out;
}

domain::Result<std::string> caseStatsXlsx(const std::vector<CaseStatsRow>& rows) {
  return xlsxBytes("case-stats", [&rows](lxw_workbook* book) {
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Case statistics");
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    for (lxw_col_t c = 0; c < 4; ++c) {
      worksheet_write_string(sheet, 0, c, kHeader[c], bold);
    }
    lxw_row_t r = 1;
    for (const auto& row : rows) {
      worksheet_write_string(sheet, r, 0, row.figure.c_str(), nullptr);
      worksheet_write_string(sheet, r, 1, row.code.c_str(), nullptr);
      worksheet_write_string(sheet, r, 2, row.label.c_str(), nullptr);
      if (row.n.suppressed) {
        worksheet_write_string(sheet, r, 3, kSuppressed, nullptr);
      } else {
        worksheet_write_number(sheet, r, 3, static_cast<double>(row.n.n), nullptr);
      }
      ++r;
    }
  });
}

namespace {

enum class ExportFormat { kCsv, kXlsx };

template <ExportFormat Format>
boost::asio::awaitable<http::Response> exportFigures(ApiContext& ctx, http::Request& req,
                                                     const policy::Principal& who) {
  auto query = decodeStatsQuery(req, hotline::Granularity::kYear);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  auto stats = co_await cases::exportCaseStats(ctx.hotline(), actorOf(who, req.request_id), *query);
  if (!stats) {
    co_return errorResponse(req, stats.error());
  }
  const std::vector<CaseStatsRow> rows = caseStatsRows(*stats);
  http::Response response = http::Response::text(200, "text/csv; charset=utf-8", "");
  if (Format == ExportFormat::kCsv) {
    response.body = caseStatsCsv(rows);
  } else {
    auto xlsx = caseStatsXlsx(rows);
    if (!xlsx) {
      co_return errorResponse(req, xlsx.error());
    }
    response = http::Response::text(
        200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::move(*xlsx));
  }
  const char* name =
      Format == ExportFormat::kCsv ? "strada-case-stats.csv" : "strada-case-stats.xlsx";
  response.headers.emplace_back("Content-Disposition",
                                std::string("attachment; filename=\"") + name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  co_return response;
}

}  // namespace

void registerCaseStatsExportRoutes(RouteTable& routes) {
  routes.route("GET", "/api/v1/stats/cases.csv", policy::Permission::kCaseStatsExport,
               &exportFigures<ExportFormat::kCsv>);
  routes.route("GET", "/api/v1/stats/cases.xlsx", policy::Permission::kCaseStatsExport,
               &exportFigures<ExportFormat::kXlsx>);
}

}  // namespace strada::api
