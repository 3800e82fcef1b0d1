// Health, metrics and the code lists.
#include <algorithm>
#include <bitset>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/handler.h"
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

// Which of domain::kLabelLanguages a response labels in: bit j for kLabelLanguages[j].
using LabelLanguageSet = std::bitset<domain::kLabelLanguages.size()>;

// ?languages=bg or ?languages=bg,ar: those languages and English (every label's fallback); no
// parameter: every language. A language without labels, or any other parameter: 400.
domain::Result<LabelLanguageSet> decodeLabelLanguages(const http::Request& req) {
  LabelLanguageSet chosen;
  bool asked = false;
  for (const auto& [key, value] : req.query) {
    if (key != "languages") {
      return unknownParam(key);
    }
    asked = true;
    std::string_view rest = value;
    while (true) {
      const std::size_t comma = rest.find(',');
      const std::string_view lang = rest.substr(0, comma);
      const auto& all = domain::kLabelLanguages;
      const auto* found = std::find(all.begin(), all.end(), lang);
      if (found == all.end()) {
        std::string known;
        for (const std::string_view l : all) {
          known += (known.empty() ? "" : ", ") + std::string(l);
        }
        return domain::invalidField("languages", "Use a comma-separated list of " + known + ".");
      }
      chosen.set(static_cast<std::size_t>(found - all.begin()));
      if (comma == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(comma + 1);
    }
  }
  if (!asked) {
    chosen.set();
  }
  chosen.set(0);  // English: the fallback of every label
  return chosen;
}

// {"version", "lists": {list: [code...]}, "labels": {list: {code: {"en", "bg", ...}}}}: every
// list; labels, in the chosen languages, for the lists that carry them (the ISO lists take
// theirs from the browser).
boost::json::object encodeCodes(const LabelLanguageSet& languages) {
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
        if (languages.test(j)) {
          text[domain::kLabelLanguages[j]] = list->labels[i][j];
        }
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
      [](http::Request& req, const policy::Principal&) -> boost::asio::awaitable<http::Response> {
        auto languages = decodeLabelLanguages(req);
        if (!languages) {
          co_return errorResponse(req, languages.error());
        }
        co_return http::Response::json(200, encodeCodes(*languages));
      });
}

}  // namespace strada::api
