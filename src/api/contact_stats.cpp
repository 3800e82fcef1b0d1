// The contact and the case statistics routes: each decodes the period, calls its use case
// (hotline::contactStats, cases::caseStats), and encodes the figures. A suppressed small count is
// {"n": null, "suppressed": true} in a breakdown, and null with the count's name in the period's
// "suppressed" list in the contact series (docs/openapi.yaml).
#include "hotline/contact_stats.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/case_stats_export.h"
#include "api/contact_list_query.h"
#include "api/contact_list_routes.h"
#include "api/routes.h"
#include "api/stats_json.h"
#include "cases/case_stats.h"
#include "domain/time.h"
#include "policy/policy.h"

namespace strada::api {
namespace {

using domain::Result;

// "YYYY-MM-DD" -> days since 1970-01-01.
Result<std::int64_t> parseDay(std::string_view text, const char* field) {
  const auto bad = [field] {
    return domain::invalidField(field, "Use a date written as YYYY-MM-DD.");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad();
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (!parseWhole(text.substr(0, 4), y) || !parseWhole(text.substr(5, 2), m) ||
      !parseWhole(text.substr(8, 2), d) || y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1) {
    return bad();
  }
  const std::int64_t day = domain::daysFromCivil(y, m, d);
  if (domain::civilFromDays(day).d != d) {  // 2026-02-30
    return bad();
  }
  return day;
}

}  // namespace

Result<hotline::StatsQuery> decodeStatsQuery(const http::Request& req,
                                             hotline::Granularity fallback) {
  if (auto s = onlyParams(req, {"from", "to", "granularity"}); !s) {
    return tl::unexpected(s.error());
  }
  hotline::StatsQuery query;
  query.granularity = fallback;
  for (const char* key : {"from", "to"}) {
    if (auto v = req.queryParam(key)) {
      auto day = parseDay(*v, key);
      if (!day) {
        return tl::unexpected(day.error());
      }
      (std::string_view(key) == "from" ? query.from_day : query.to_day) = *day;
    }
  }
  if (auto v = req.queryParam("granularity")) {
    auto g = hotline::parseGranularity(*v);
    if (!g) {
      return domain::invalidField("granularity", "Use day, week, month or year.");
    }
    query.granularity = *g;
  }
  return query;
}

boost::json::value countValue(const hotline::StatsCount& count) {
  if (count.suppressed) {
    return nullptr;
  }
  return count.n;
}

boost::json::array encodeCodeCounts(const std::vector<hotline::StatsCodeCount>& cells) {
  boost::json::array list;
  list.reserve(cells.size());
  for (const auto& cell : cells) {
    boost::json::object o{{"code", cell.code}, {"n", countValue(cell.n)}};
    if (cell.n.suppressed) {
      o["suppressed"] = true;
    }
    list.push_back(std::move(o));
  }
  return list;
}

namespace {

boost::json::object encodePeriod(const hotline::StatsPeriod& p) {
  boost::json::object o{{"period", p.label},
                        {"total", countValue(p.total)},
                        {"data", countValue(p.data)},
                        {"non_data", countValue(p.non_data)}};
  boost::json::array suppressed;
  for (const auto& [name, count] : {std::pair{"total", &p.total}, std::pair{"data", &p.data},
                                    std::pair{"non_data", &p.non_data}}) {
    if (count->suppressed) {
      suppressed.emplace_back(name);
    }
  }
  if (!suppressed.empty()) {
    o["suppressed"] = std::move(suppressed);
  }
  return o;
}

boost::json::object encodeStats(const hotline::ContactStats& stats) {
  boost::json::array series;
  series.reserve(stats.series.size());
  for (const auto& p : stats.series) {
    series.push_back(encodePeriod(p));
  }
  boost::json::object breakdowns;
  for (const auto& [dimension, cells] : stats.breakdowns) {
    breakdowns[dimension] = encodeCodeCounts(cells);
  }
  boost::json::object body{{"from", hotline::periodOf(stats.from_day, hotline::Granularity::kDay)},
                           {"to", hotline::periodOf(stats.to_day, hotline::Granularity::kDay)},
                           {"granularity", hotline::granularityName(stats.granularity)},
                           {"series", std::move(series)},
                           {"breakdowns", std::move(breakdowns)},
                           {"not_collected", boost::json::array()}};
  if (stats.small_counts_suppressed) {
    body["small_counts_below"] = policy::kSmallCountThreshold;
  }
  return body;
}

boost::json::object encodeCaseStats(const cases::CaseStats& stats) {
  boost::json::object breakdowns;
  for (const auto& [dimension, cells] : stats.breakdowns) {
    breakdowns[dimension] = encodeCodeCounts(cells);
  }
  const auto day_or_null = [](const std::optional<std::int64_t>& day) -> boost::json::value {
    if (!day) {
      return nullptr;
    }
    return boost::json::value(hotline::periodOf(*day, hotline::Granularity::kDay));
  };
  boost::json::object body{{"from", day_or_null(stats.from_day)},
                           {"to", day_or_null(stats.to_day)},
                           {"granularity", hotline::granularityName(stats.granularity)},
                           {"opened", encodeCodeCounts(stats.opened)},
                           {"assisted", encodeCodeCounts(stats.assisted)},
                           {"totals",
                            {{"opened", countValue(stats.totals.opened)},
                             {"assisted", countValue(stats.totals.assisted)},
                             {"closed", countValue(stats.totals.closed)},
                             {"services", countValue(stats.totals.services)}}},
                           {"breakdowns", std::move(breakdowns)}};
  if (stats.small_counts_suppressed) {
    body["small_counts_below"] = policy::kSmallCountThreshold;
  }
  return body;
}

}  // namespace

void registerContactStatsRoutes(RouteTable& routes) {
  routes.route(
      "GET", "/api/v1/stats/contacts", policy::Permission::kStatsRead,
      [](const http::Request& req) { return decodeStatsQuery(req, hotline::Granularity::kMonth); },
      hotline::contactStats, encodeStats);
  routes.route(
      "GET", "/api/v1/stats/cases", policy::Permission::kStatsRead,
      [](const http::Request& req) { return decodeStatsQuery(req, hotline::Granularity::kYear); },
      cases::caseStats, encodeCaseStats);
  registerCaseStatsExportRoutes(routes);
}

}  // namespace strada::api
