#include "reports/standard_exports.h"

#include <boost/json/object.hpp>
#include <limits>

#include "api/contact_list_query.h"
#include "api/context.h"
#include "api/export_table_file.h"
#include "api/handler.h"
#include "api/json_input.h"
#include "api/standard_export_routes.h"

namespace strada::api {
namespace {

using domain::Result;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

void addDownloadHeaders(http::Response& response, const std::string& name) {
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
}

struct HtcdsQuery {
  reports::ExportPeriodQuery period;
  bool xlsx = false;
  bool identifying = false;
};

// from, to (YYYY-MM-DD), format (csv, the default, or xlsx) and identifying (false, the default,
// or true).
Result<HtcdsQuery> decodeHtcdsQuery(const http::Request& req) {
  if (auto s = onlyParams(req, {"from", "to", "format", "identifying"}); !s) {
    return tl::unexpected(s.error());
  }
  reports::ExportPeriodQuery period{std::string(req.queryParam("from").value_or("")),
                                    std::string(req.queryParam("to").value_or(""))};
  if (auto valid = reports::validateExportPeriod(period); !valid) {
    return tl::unexpected(valid.error());
  }
  const std::string_view format = req.queryParam("format").value_or("csv");
  if (format != "csv" && format != "xlsx") {
    return domain::invalidField("format", "Use csv or xlsx.");
  }
  const std::string_view identifying = req.queryParam("identifying").value_or("false");
  if (identifying != "true" && identifying != "false") {
    return domain::invalidField("identifying", "Use true or false.");
  }
  return HtcdsQuery{std::move(period), format == "xlsx", identifying == "true"};
}

boost::asio::awaitable<http::Response> exportHtcdsFile(ApiContext& ctx, http::Request& req,
                                                       const policy::Principal& who) {
  auto query = decodeHtcdsQuery(req);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  hotline::Context use_ctx = ctx.hotline();
  hotline::Actor actor = actorOf(who, req.request_id);
  reports::ExportPeriodQuery period = std::move(query->period);
  auto table = co_await reports::exportHtcds(use_ctx, std::move(actor), std::move(period),
                                             query->identifying);
  if (!table) {
    co_return errorResponse(req, table.error());
  }
  http::Response response;
  if (query->xlsx) {
    auto xlsx = tableXlsx(*table, "HTCDS 2.0");
    if (!xlsx) {
      co_return errorResponse(req, xlsx.error());
    }
    response = http::Response::text(200, kXlsxType, std::move(*xlsx));
  } else {
    response = http::Response::text(200, "text/csv; charset=utf-8", tableCsv(*table));
  }
  addDownloadHeaders(response, query->xlsx ? "strada-htcds.xlsx" : "strada-htcds.csv");
  co_return response;
}

struct CtdcRequest {
  reports::ExportPeriodQuery period;
  reports::AnonymisationOptions options;
};

Result<CtdcRequest> decodeCtdcRequest(std::string_view body) {
  CtdcRequest request;
  JsonFields in(body);
  in.optional("from", request.period.from, 10);
  in.optional("to", request.period.to, 10);
  // Any whole number here: k under 11 is the use case's 422 on "k", not a shape error.
  in.integer("k", request.options.k, 0, std::numeric_limits<std::int32_t>::max(), false);
  in.integer("year_span", request.options.year_span, 0, std::numeric_limits<std::int32_t>::max(),
             false);
  return in.finish(std::move(request));
}

boost::json::object encodeReport(const reports::CtdcExport& out) {
  const reports::AnonymisationReport& r = out.report;
  boost::json::array steps;
  for (const reports::StepReport& s : r.steps) {
    steps.push_back({{"step", s.step},
                     {"records_changed", s.records_changed},
                     {"records_below_k", s.records_below_k}});
  }
  return {{"k", r.k},
          {"year_span", r.year_span},
          {"cases_read", out.cases_read},
          {"without_consent", out.without_consent},
          {"records_in", r.records_in},
          {"records_below_k_before", r.records_below_k_before},
          {"records_out", r.records_out},
          {"records_suppressed", r.records_suppressed},
          {"classes", r.classes},
          {"smallest_class", r.smallest_class},
          {"steps", std::move(steps)}};
}

// A k or year span the hub cannot take is well-formed input of the wrong value: 422.
http::Response ctdcError(const http::Request& req, const domain::Error& error) {
  http::Response response = errorResponse(req, error);
  if (error.code == domain::ErrorCode::kInvalidArgument &&
      (error.field == "k" || error.field == "year_span")) {
    response.status = 422;
  }
  return response;
}

boost::asio::awaitable<http::Response> exportCtdcFile(ApiContext& ctx, http::Request& req,
                                                      const policy::Principal& who) {
  auto request = decodeCtdcRequest(req.body);
  if (!request) {
    co_return errorResponse(req, request.error());
  }
  if (auto valid = reports::validateExportPeriod(request->period); !valid) {
    co_return errorResponse(req, valid.error());
  }
  hotline::Context use_ctx = ctx.hotline();
  hotline::Actor actor = actorOf(who, req.request_id);
  reports::ExportPeriodQuery period = std::move(request->period);
  auto made =
      co_await reports::exportCtdc(use_ctx, std::move(actor), std::move(period), request->options);
  if (!made) {
    co_return ctdcError(req, made.error());
  }
  boost::json::object body{{"report", encodeReport(*made)},
                           {"file",
                            {{"name", "strada-ctdc.csv"},
                             {"content_type", "text/csv; charset=utf-8"},
                             {"content", tableCsv(made->table)}}}};
  http::Response response = http::Response::json(200, body);
  response.headers.emplace_back("Cache-Control", "no-store");
  co_return response;
}

}  // namespace

void registerStandardExportRoutes(RouteTable& routes) {
  routes.route("GET", "/api/v1/exports/htcds", policy::Permission::kExportsStandard,
               &exportHtcdsFile);
  routes.route("POST", "/api/v1/exports/ctdc", policy::Permission::kExportsStandard,
               &exportCtdcFile);
}

}  // namespace strada::api
