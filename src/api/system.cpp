// Health, metrics and the code lists.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/routes.h"
#include "domain/codes.h"

namespace strada::api {
namespace {

boost::json::array toArray(const domain::CodeList& list) {
  boost::json::array out;
  out.reserve(list.codes.size());
  for (auto code : list.codes) {
    out.emplace_back(code);
  }
  return out;
}

// {"version", "lists": {list: [code...]}, "labels": {list: {code: {"en","nl","ro"}}}}: every
// list; labels for the lists that carry them (the ISO lists take theirs from the browser).
boost::json::object encodeCodes() {
  boost::json::object lists;
  boost::json::object labels;
  for (const domain::CodeList* list : domain::allCodeLists()) {
    lists[list->name] = toArray(*list);
    if (list->labels.size() != list->codes.size()) {
      continue;
    }
    boost::json::object by_code;
    for (std::size_t i = 0; i < list->codes.size(); ++i) {
      boost::json::object text;
      for (std::size_t j = 0; j < domain::kLabelLanguages.size(); ++j) {
        text[domain::kLabelLanguages[j]] = list->labels[i][j];
      }
      by_code[list->codes[i]] = std::move(text);
    }
    labels[list->name] = std::move(by_code);
  }
  return {{"version", domain::codesVersion()},
          {"lists", std::move(lists)},
          {"labels", std::move(labels)}};
}

}  // namespace

void registerSystemRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();

  ctx.metrics.addGauge("strada_db_read_connections", "Pooled database connections for reads.",
                       [&ctx] { return static_cast<double>(ctx.db.stats().read_connections); });
  ctx.metrics.addGauge("strada_db_reads_in_flight", "Reads running on pooled connections.",
                       [&ctx] { return static_cast<double>(ctx.db.stats().reads_in_flight); });
  ctx.metrics.addGauge("strada_db_writes_queued", "Write jobs waiting for the next group commit.",
                       [&ctx] { return static_cast<double>(ctx.db.stats().writes_queued); });
  ctx.metrics.addCounter("strada_db_batches_committed_total", "Group commits.",
                         [&ctx] { return static_cast<double>(ctx.db.stats().batches_committed); });
  ctx.metrics.addCounter("strada_db_jobs_committed_total", "Write jobs committed.",
                         [&ctx] { return static_cast<double>(ctx.db.stats().jobs_committed); });
  ctx.metrics.addCounter("strada_requests_rate_limited_total",
                         "Requests refused with 429 by the rate limits (api/request_limits.h).",
                         [&ctx] { return static_cast<double>(ctx.limiter->refused()); });

  routes.publicRoute(
      "GET", "/api/v1/health", [&ctx](http::Request&) -> boost::asio::awaitable<http::Response> {
        boost::json::object body{
            {"status", "ok"}, {"db", ctx.db.backendName()}, {"version", ctx.config.version}};
        co_return http::Response::json(200, body);
      });

  routes.publicRoute(
      "GET", "/metrics", [&ctx](http::Request&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::text(200, "text/plain; version=0.0.4", ctx.metrics.render());
      });

  routes.route(
      "GET", "/api/v1/codes", policy::Permission::kCodesRead,
      [](http::Request&, const policy::Principal&) -> boost::asio::awaitable<http::Response> {
        co_return http::Response::json(200, encodeCodes());
      });
}

}  // namespace strada::api
