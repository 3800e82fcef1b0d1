// The network's figures at the hub (issue 9, section 4; network/network_figures.h,
// docs/network.md): the coordinator's overview (JSON, CSV, XLSX), the revisions received, the
// publication selection, and the published figures for the public site.
#include "network/network_figures.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "api/contact_list_query.h"
#include "api/export_table_file.h"
#include "api/handler.h"
#include "api/json_input.h"
#include "api/network_routes.h"
#include "reports/report_definition.h"
#include "store/async.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;
namespace json = boost::json;

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

json::value instantOrNull(domain::UnixMillis t) {
  return t > 0 ? json::value(domain::formatRfc3339(t)) : json::value(nullptr);
}

json::array totalsJson(const network::Overview& o, const std::vector<network::OverviewTotal>& ts) {
  json::array out;
  for (std::size_t i = 0; i < ts.size(); ++i) {
    out.push_back({{"figure", o.figures[i]},
                   {"n", ts[i].n},
                   {"counted", ts[i].counted},
                   {"left_out", ts[i].left_out},
                   {"complete", ts[i].left_out == 0}});
  }
  return out;
}

json::object encodeOverview(const network::Overview& o) {
  json::array figures(o.figures.begin(), o.figures.end());
  json::array members;
  for (const auto& m : o.members) {
    members.push_back({{"code", m.code}, {"name", m.name}, {"country", m.country}});
  }
  json::array rows;
  for (const auto& row : o.rows) {
    json::object values;
    for (std::size_t i = 0; i < row.values.size(); ++i) {
      const auto& v = row.values[i];
      json::object cell{{"state", network::cellStateName(v.state)}, {"n", nullptr}};
      if (v.state == network::CellState::kCount) {
        cell["n"] = v.n;
      }
      values[o.figures[i]] = std::move(cell);
    }
    rows.push_back({{"member", row.member},
                    {"year", row.year},
                    {"revision", row.revision > 0 ? json::value(row.revision) : nullptr},
                    {"origin", row.origin.empty() ? json::value(nullptr) : json::value(row.origin)},
                    {"figures", std::move(values)}});
  }
  json::array by_member;
  for (const auto& m : o.members) {
    by_member.push_back(
        {{"member", m.code}, {"totals", totalsJson(o, o.member_totals.at(m.code))}});
  }
  json::array by_country;
  for (const auto& [country, ts] : o.country_totals) {
    by_country.push_back({{"country", country}, {"totals", totalsJson(o, ts)}});
  }
  json::array by_year;
  for (const auto& [year, ts] : o.year_totals) {
    by_year.push_back({{"year", year}, {"totals", totalsJson(o, ts)}});
  }
  json::array footnotes;
  for (const auto& note : o.footnotes) {
    json::array cells;
    for (const auto& [member, years] : note.members) {
      cells.push_back({{"member", member}, {"years", json::array(years.begin(), years.end())}});
    }
    footnotes.push_back({{"state", network::cellStateName(note.state)},
                         {"figure", note.figure},
                         {"members", std::move(cells)}});
  }
  return {{"from", o.from},
          {"to", o.to},
          {"figures", std::move(figures)},
          {"members", std::move(members)},
          {"rows", std::move(rows)},
          {"totals", totalsJson(o, o.totals)},
          {"by_member", std::move(by_member)},
          {"by_country", std::move(by_country)},
          {"by_year", std::move(by_year)},
          {"footnotes", std::move(footnotes)}};
}

Result<int> yearParam(const http::Request& req, const char* key) {
  const std::string_view text = req.queryParam(key).value_or("");
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc() || end != text.data() + text.size()) {
    return domain::invalidField(key, "Give a year as four digits, e.g. 2024.");
  }
  return year;
}

std::vector<std::string> splitCommas(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
  }
  return out;
}

// from, to (years), figures (comma-separated ids), country, format (json, csv, xlsx).
Result<network::OverviewRequest> decodeOverview(const http::Request& req) {
  if (auto s = onlyParams(req, {"from", "to", "figures", "country", "format"}); !s) {
    return tl::unexpected(s.error());
  }
  network::OverviewRequest r;
  auto from = yearParam(req, "from");
  if (!from) {
    return tl::unexpected(from.error());
  }
  auto to = yearParam(req, "to");
  if (!to) {
    return tl::unexpected(to.error());
  }
  r.from = *from;
  r.to = *to;
  if (auto figures = req.queryParam("figures"); figures && !figures->empty()) {
    if (figures->size() > 8192) {
      return domain::invalidField("figures", "Choose at most 100 figures.");
    }
    r.figures = splitCommas(*figures);
  }
  r.country = std::string(req.queryParam("country").value_or(""));
  r.format = std::string(req.queryParam("format").value_or("json"));
  if (r.format != "json" && r.format != "csv" && r.format != "xlsx") {
    return domain::invalidField("format", "Use json, csv or xlsx.");
  }
  return r;
}

awaitable<http::Response> overview(ApiContext& ctx, http::Request& req,
                                   const policy::Principal& who) {
  auto request = decodeOverview(req);
  if (!request) {
    co_return errorResponse(req, request.error());
  }
  auto work = [&db = ctx.db, actor = actorOf(who, req.request_id), r = *request] {
    return network::networkOverview(db, actor, r);
  };
  auto o = co_await store::awaitOnPool<Result<network::Overview>>(ctx.cpu, std::move(work));
  if (!o) {
    co_return errorResponse(req, o.error());
  }
  if (request->format == "json") {
    co_return http::Response::json(200, encodeOverview(*o));
  }
  const reports::ExportTable table = network::overviewTable(*o);
  http::Response response;
  const std::string name = "strada-network-overview-" + std::to_string(o->from) + "-" +
                           std::to_string(o->to) + "." + request->format;
  if (request->format == "xlsx") {
    auto xlsx = tableXlsx(table, "Network overview");
    if (!xlsx) {
      co_return errorResponse(req, xlsx.error());
    }
    response = http::Response::text(200, kXlsxType, std::move(*xlsx));
  } else {
    response = http::Response::text(200, "text/csv; charset=utf-8", tableCsv(table));
  }
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  co_return response;
}

json::object encodePublication(const store::Publication& p) {
  return {{"year_from", p.version > 0 ? json::value(p.year_from) : nullptr},
          {"year_to", p.version > 0 ? json::value(p.year_to) : nullptr},
          {"figures", json::array(p.figures.begin(), p.figures.end())},
          {"members", json::array(p.members.begin(), p.members.end())},
          {"updated_at", instantOrNull(p.updated_at)},
          {"version", p.version}};
}

template <class Work>
awaitable<http::Response> answerPublication(ApiContext& ctx, http::Request& req, Work work) {
  auto p = co_await store::awaitOnPool<Result<store::Publication>>(ctx.cpu, std::move(work));
  if (!p) {
    co_return errorResponse(req, p.error());
  }
  co_return http::Response::json(200, encodePublication(*p));
}

awaitable<http::Response> getPublication(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  auto work = [&db = ctx.db, actor = actorOf(who, req.request_id)] {
    return network::readPublication(db, actor);
  };
  co_return co_await answerPublication(ctx, req, std::move(work));
}

awaitable<http::Response> putPublication(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  JsonFields in(req.body);
  store::Publication p;
  std::int32_t version = 0;
  in.integer("year_from", p.year_from, 1990, 9999);
  in.integer("year_to", p.year_to, 1990, 9999);
  in.list("figures", p.figures, 100, 128);
  in.list("members", p.members, 500, 32);
  in.version(version, 0);
  auto decoded = in.finish(std::move(p));
  if (!decoded) {
    co_return errorResponse(req, decoded.error());
  }
  auto work = [&db = ctx.db, actor = actorOf(who, req.request_id), p = std::move(*decoded),
               version] { return network::changePublication(db, actor, p, version); };
  co_return co_await answerPublication(ctx, req, std::move(work));
}

json::object encodeReceived(const store::ReceivedReport& r) {
  const auto kind = reports::parsePeriodKind(r.period_kind).value_or(reports::PeriodKind::kYear);
  auto period = reports::periodStarting(kind, r.period_start, "period_start");
  return {{"member", r.member_code},
          {"period", r.period_kind},
          {"start", r.period_start},
          {"label", period ? period->label() : r.period_start},
          {"revision", r.revision},
          {"origin", r.origin},
          {"small_count_k", r.small_count_k},
          {"key_id", r.key_id},
          {"received_at", instantOrNull(r.received_at)},
          {"latest", r.is_latest}};
}

awaitable<http::Response> receivedReports(ApiContext& ctx, http::Request& req,
                                          const policy::Principal& who) {
  if (auto s = onlyParams(req, {"member"}); !s) {
    co_return errorResponse(req, s.error());
  }
  if (auto may = policy::require(who, policy::Permission::kNetworkOverviewRead); !may) {
    co_return errorResponse(req, may.error());
  }
  const std::string member(req.queryParam("member").value_or(""));
  auto work = [&db = ctx.db, member] {
    domain::Result<std::vector<store::ReceivedReport>> out;
    db.read([&](soci::session& sql) { out = store::listReceivedReports(sql, member); });
    return out;
  };
  auto rows = co_await store::awaitOnPool<Result<std::vector<store::ReceivedReport>>>(
      ctx.cpu, std::move(work));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  co_return http::Response::json(200, itemsBody(*rows, encodeReceived));
}

awaitable<http::Response> publicFigures(ApiContext& ctx, http::Request& req) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  auto work = [&db = ctx.db] { return network::publishedFigures(db); };
  auto o = co_await store::awaitOnPool<Result<network::Overview>>(ctx.cpu, std::move(work));
  if (!o) {
    co_return errorResponse(req, o.error());
  }
  http::Response response = http::Response::json(200, encodeOverview(*o));
  response.headers.emplace_back("Cache-Control", "public, max-age=300");
  co_return response;
}

}  // namespace

void registerNetworkFigureRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("GET", "/api/v1/network/overview", policy::Permission::kNetworkOverviewRead,
               &overview);
  routes.route("GET", "/api/v1/network/reports", policy::Permission::kNetworkOverviewRead,
               &receivedReports);
  routes.route("GET", "/api/v1/network/publication", policy::Permission::kNetworkOverviewRead,
               &getPublication);
  routes.route("PUT", "/api/v1/network/publication", policy::Permission::kNetworkPublicationManage,
               &putPublication);
  // Public: the figures the coordinator chose to publish, aggregates only.
  routes.publicRoute("GET", "/api/v1/public/network-figures",
                     [&ctx](http::Request& req) { return publicFigures(ctx, req); });
}

}  // namespace strada::api
