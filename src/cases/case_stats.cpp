#include "cases/case_stats.h"

#include <algorithm>
#include <map>

#include "domain/time.h"
#include "policy/policy.h"
#include "store/async.h"
#include "store/case_stats.h"

namespace strada::cases {
namespace {

using hotline::Granularity;
using hotline::StatsCodeCount;
using hotline::StatsCount;

// The first day of an "opened" period label ("2026" or "2026-11").
std::int64_t firstDayOf(const std::string& label) {
  const std::int64_t y = std::stoll(label.substr(0, 4));
  const unsigned m = label.size() >= 7 ? static_cast<unsigned>(std::stoul(label.substr(5, 2))) : 1;
  return domain::daysFromCivil(y, m, 1);
}

// Every period from the query's start (or the first case's) to its end (or today), in order,
// zero when no case was opened in it.
std::vector<StatsCodeCount> openedSeries(const std::vector<store::StatsCell>& cells,
                                         const CaseStats& stats, std::int64_t today) {
  std::map<std::string, std::int64_t> opened;
  for (const auto& cell : cells) {
    if (cell.dimension == "opened") {
      opened[cell.code] += cell.n;
    }
  }
  std::vector<StatsCodeCount> series;
  if (opened.empty() && !stats.from_day) {
    return series;
  }
  const std::int64_t from = stats.from_day ? *stats.from_day : firstDayOf(opened.begin()->first);
  const std::int64_t to = std::max(stats.to_day.value_or(today), from);
  for (std::int64_t day = from; day <= to; ++day) {
    std::string label = hotline::periodOf(day, stats.granularity);
    if (series.empty() || series.back().code != label) {
      auto it = opened.find(label);
      series.push_back(StatsCodeCount{label, StatsCount{it == opened.end() ? 0 : it->second}});
    }
  }
  return series;
}

void hideSmallCounts(CaseStats& stats) {
  for (StatsCodeCount& period : stats.opened) {
    hotline::suppress(period.n);
  }
  for (auto& [dimension, cells] : stats.breakdowns) {
    hotline::hideSmallCodeCounts(cells);
  }
  stats.small_counts_suppressed = true;
}

}  // namespace

awaitable<Result<CaseStats>> caseStats(Context ctx, Actor actor, hotline::StatsQuery query) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kStatsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (query.granularity != Granularity::kMonth && query.granularity != Granularity::kYear) {
    co_return domain::invalidField("granularity", "Use month or year for the case figures.");
  }
  if (query.from_day && query.to_day && *query.to_day < *query.from_day) {
    co_return domain::invalidField("to", "The end of the period must not come before its start.");
  }
  CaseStats stats{query.from_day, query.to_day, query.granularity, {}, {}, false};
  store::CaseStatsRange range;
  range.per_month = query.granularity == Granularity::kMonth;
  if (query.from_day) {
    range.from_date = hotline::periodOf(*query.from_day, Granularity::kDay);
  }
  if (query.to_day) {
    range.to_date = hotline::periodOf(*query.to_day, Granularity::kDay);
  }
  auto job = [org = who.org_id, range](soci::session& sql) {
    return store::caseStatsCells(sql, org, range);
  };
  auto cells =
      co_await store::awaitRead<Result<std::vector<store::StatsCell>>>(ctx.db, std::move(job));
  if (!cells) {
    co_return tl::unexpected(cells.error());
  }
  stats.opened = openedSeries(*cells, stats, store::dayOf(ctx.clock()));
  stats.breakdowns = hotline::groupBreakdowns(*cells, kCaseStatsBreakdowns);
  if (policy::suppressSmallCaseCounts(who)) {
    hideSmallCounts(stats);
  }
  co_return stats;
}

}  // namespace strada::cases
