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

  routes.publicRoute("GET", "/api/v1/health",
                     [&ctx](http::Request&) -> boost::asio::awaitable<http::Response> {
                       boost::json::object body{{"status", "ok"},
                                                {"db", ctx.db.backendName()},
                                                {"version", ctx.config.version}};
                       co_return http::Response::json(200, body);
                     });

  routes.publicRoute("GET", "/metrics",
                     [&ctx](http::Request&) -> boost::asio::awaitable<http::Response> {
                       co_return http::Response::text(200, "text/plain; version=0.0.4",
                                                      ctx.metrics.render());
                     });

  routes.route("GET", "/api/v1/codes", policy::Permission::kCodesRead,
               [](http::Request&, const policy::Principal&)
                   -> boost::asio::awaitable<http::Response> {
                 boost::json::object lists{{"channel", toArray(domain::channelCodes())},
                                           {"caller_type", toArray(domain::callerTypeCodes())},
                                           {"language", toArray(domain::languageCodes())},
                                           {"country", toArray(domain::countryCodes())}};
                 boost::json::object body{{"version", domain::channelCodes().version},
                                          {"lists", std::move(lists)}};
                 co_return http::Response::json(200, body);
               });
}

}  // namespace strada::api
