// The aggregate reports' routes (reports/reports.h, docs/reports.md): list, compute, read,
// approve, the exact packet that leaves, the settings (figure groups collected, k), the report's
// definition, and the import of historic figures from a CSV with its template.
#include "reports/reports.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/json_input.h"
#include "api/report_routes.h"
#include "domain/time.h"
#include "network/report_submission.h"
#include "reports/report_import.h"
#include "store/async.h"

namespace strada::api {
namespace {

using domain::Result;
using policy::Permission;

boost::json::value instantOrNull(domain::UnixMillis t) {
  if (t == 0) {
    return nullptr;
  }
  return boost::json::value(domain::formatRfc3339(t));
}

boost::json::object encodeSummary(const store::ReportRow& row) {
  const auto kind = reports::parsePeriodKind(row.period_kind).value_or(reports::PeriodKind::kYear);
  auto period = reports::periodStarting(kind, row.period_start, "period_start");
  return {{"id", row.id},
          {"period", row.period_kind},
          {"start", row.period_start},
          {"label", period ? period->label() : row.period_start},
          {"revision", row.revision},
          {"origin", row.origin},
          {"status", row.status},
          {"small_count_k", row.small_count_k},
          {"definition_version", row.definition_version},
          {"created_at", instantOrNull(row.created_at)},
          {"approved_at", instantOrNull(row.approved_at)},
          {"submitted_at", instantOrNull(row.submitted_at)},
          {"hub_received_at", instantOrNull(row.hub_received_at)},
          {"version", row.version}};
}

boost::json::object encodeReport(const reports::Report& report) {
  boost::json::object out = encodeSummary(report.row);
  boost::json::array figures;
  figures.reserve(report.figures.size());
  for (const reports::Figure& f : report.figures) {
    boost::json::object o{{"id", f.id},
                          {"group", reports::groupOfFigure(f.id)->id},
                          {"state", reports::figureStateName(f.state)},
                          {"n", nullptr}};
    if (f.state == reports::FigureState::kCount) {
      o["n"] = f.n;
    }
    figures.push_back(std::move(o));
  }
  out["figures"] = std::move(figures);
  return out;
}

boost::json::value encodeList(const std::vector<store::ReportRow>& rows) {
  return itemsBody(rows, encodeSummary);
}

boost::json::value encodeSettings(const store::ReportSettings& s) {
  boost::json::array not_collected;
  for (const std::string& group : s.groups_not_collected) {
    not_collected.emplace_back(group);
  }
  return boost::json::object{{"small_count_k", s.small_count_k},
                             {"minimum_k", reports::kMinimumK},
                             {"not_collected", std::move(not_collected)}};
}

Arguments<std::string, std::string> decodeCompute(const http::Request& req) {
  JsonFields in(req.body);
  std::string period, start;
  in.required("period", period, 16);
  in.required("start", start, 16);
  return in.finish(std::tuple(std::move(period), std::move(start)));
}

Result<store::ReportSettings> decodeSettings(std::string_view body) {
  JsonFields in(body);
  store::ReportSettings s;
  std::int32_t k = 0;
  in.integer("small_count_k", k, reports::kMinimumK, 1000);
  in.list("not_collected", s.groups_not_collected, 64, 64);
  s.small_count_k = k;
  return in.finish(std::move(s));
}

Result<std::string> decodeCsv(const http::Request& req) {
  if (auto s = noParams(req); !s) {
    return tl::unexpected(s.error());
  }
  return req.body;
}

// 201 with the reports made, or 422 with every wrong line when nothing was stored.
http::Response encodeImport(const reports::ImportOutcome& outcome) {
  if (outcome.errors.empty()) {
    return created(itemsBody(outcome.reports, encodeSummary));
  }
  boost::json::array lines;
  for (const auto& e : outcome.errors) {
    lines.push_back({{"line", e.line}, {"field", e.field}, {"message", e.message}});
  }
  boost::json::object error{
      {"code", "invalid_import"},
      {"message",
       "Some lines of the file are wrong, so nothing was imported. Correct the lines "
       "listed and import the file again."},
      {"field", "file"},
      {"lines", std::move(lines)}};
  return http::Response::json(422, boost::json::object{{"error", std::move(error)}});
}

boost::json::value encodeDefinition() {
  boost::json::array groups;
  for (const reports::FigureGroup& g : reports::figureGroups()) {
    boost::json::array figures;
    for (const reports::FigureDef& f : reports::allFigures()) {
      if (f.group == g.id) {
        figures.emplace_back(f.id);
      }
    }
    groups.push_back({{"id", g.id},
                      {"code_list", g.code_list},
                      {"total", g.total},
                      {"figures", std::move(figures)}});
  }
  return boost::json::object{{"version", reports::kDefinitionVersion},
                             {"periods", {"month", "quarter", "year"}},
                             {"groups", std::move(groups)}};
}

boost::asio::awaitable<http::Response> definition(ApiContext&, http::Request& req,
                                                  const policy::Principal&) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  co_return http::Response::json(200, encodeDefinition());
}

boost::asio::awaitable<http::Response> importTemplate(ApiContext&, http::Request& req,
                                                      const policy::Principal&) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  http::Response response =
      http::Response::text(200, "text/csv; charset=utf-8", reports::importTemplate());
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"strada-report-import.csv\"");
  co_return response;
}

boost::json::value encodePacket(const reports::Report& report) { return reports::packetOf(report); }

// Submits one approved report to the network's hub (a blocking use case: on the CPU pool), then
// answers the report as it now is.
boost::asio::awaitable<http::Response> submitReport(ApiContext& ctx, http::Request& req,
                                                    const policy::Principal& who) {
  auto id = idParam(req);
  if (!id) {
    co_return errorResponse(req, id.error());
  }
  if (!req.body.empty()) {
    JsonFields in(req.body);
    if (auto done = in.finish(); !done) {
      co_return errorResponse(req, done.error());
    }
  }
  auto work = [&ctx, actor = actorOf(who, req.request_id), report = *id] {
    return network::submitReport(ctx.db, ctx.vault, actor, report);
  };
  auto submitted = co_await store::awaitOnPool<Result<store::ReportRow>>(ctx.cpu, std::move(work));
  if (!submitted) {
    co_return errorResponse(req, submitted.error());
  }
  auto report = co_await reports::readReport(ctx.hotline(), actorOf(who, req.request_id), *id);
  if (!report) {
    co_return errorResponse(req, report.error());
  }
  co_return http::Response::json(200, encodeReport(*report));
}

// Submits every approved report not yet submitted (the historic years, typically).
boost::asio::awaitable<http::Response> submitApproved(ApiContext& ctx, http::Request& req,
                                                      const policy::Principal& who) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  if (!req.body.empty()) {
    JsonFields in(req.body);
    if (auto done = in.finish(); !done) {
      co_return errorResponse(req, done.error());
    }
  }
  auto work = [&ctx, actor = actorOf(who, req.request_id)] {
    return network::submitAllApproved(ctx.db, ctx.vault, actor);
  };
  auto submitted =
      co_await store::awaitOnPool<Result<std::vector<store::ReportRow>>>(ctx.cpu, std::move(work));
  if (!submitted) {
    co_return errorResponse(req, submitted.error());
  }
  co_return http::Response::json(200, itemsBody(*submitted, encodeSummary));
}

}  // namespace

void registerReportRoutes(RouteTable& routes) {
  const std::string base = "/api/v1/reports";
  routes.route("GET", base, Permission::kReportsRead, noParams, reports::listReports, encodeList);
  routes.route("POST", base, Permission::kReportsManage, decodeCompute, reports::computeReport,
               [](const reports::Report& r) {
                 return created(encodeReport(r), "/api/v1/reports/" + r.row.id);
               });
  routes.route("GET", base + "/definition", Permission::kReportsRead, &definition);
  routes.route("GET", base + "/import-template", Permission::kReportsManage, &importTemplate);
  routes.uploadRoute("POST", base + "/import", Permission::kReportsManage, reports::kMaxImportBytes,
                     decodeCsv, reports::importReports, encodeImport);
  routes.route("GET", base + "/settings", Permission::kReportsRead, noParams,
               reports::reportSettings, encodeSettings);
  routes.route("PUT", base + "/settings", Permission::kReportsSettings, bodyOf<decodeSettings>,
               reports::changeReportSettings, encodeSettings);
  routes.route("GET", base + "/{id}", Permission::kReportsRead, idParam, reports::readReport,
               encodeReport);
  routes.route("GET", base + "/{id}/packet", Permission::kReportsRead, idParam, reports::readReport,
               encodePacket);
  routes.route("POST", base + "/{id}/approve", Permission::kReportsManage, idParam,
               reports::approveReport, encodeReport);
  routes.route("POST", base + "/{id}/submit", Permission::kReportsManage, &submitReport);
  routes.route("POST", base + "/submit-approved", Permission::kReportsManage, &submitApproved);
}

}  // namespace strada::api
