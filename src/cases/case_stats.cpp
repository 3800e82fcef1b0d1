#include "cases/case_stats.h"

#include <algorithm>
#include <map>

#include "domain/time.h"
#include "hotline/use_case_steps.h"
#include "policy/policy.h"
#include "store/async.h"
#include "store/case_stats.h"
#include "store/case_stats_facts.h"

namespace strada::cases {
namespace {

using hotline::Granularity;
using hotline::StatsCodeCount;
using hotline::StatsCount;

// What one month of the rollup holds.
struct MonthFigures {
  std::int64_t opened = 0;
  std::int64_t closed = 0;
  std::int64_t services = 0;
};

// The months asked for: [first, last] as days of months' first days.
struct MonthRange {
  std::int64_t first = 0;
  std::int64_t last = 0;
};

// What the read gives: the months asked for (with the first one found) and their rollup.
struct PeriodRollup {
  MonthRange range;
  store::CaseStatsRollup rollup;
};

// Per period label: opened and assisted; also the period's totals. People assisted in a period:
// opened up to its last month minus closed before its first month.
void buildSeries(const store::CaseStatsRollup& rollup, const MonthRange& range, CaseStats& stats) {
  std::map<std::int64_t, MonthFigures> months;
  for (const auto& t : rollup.totals) {
    MonthFigures& m = months[t.month];
    (t.measure == "opened" ? m.opened : t.measure == "closed" ? m.closed : m.services) += t.n;
  }
  std::int64_t opened_before = 0, closed_before = 0;  // cumulative, months before `month`
  for (auto it = months.begin(); it != months.end() && it->first < range.first; ++it) {
    opened_before += it->second.opened;
    closed_before += it->second.closed;
  }
  CaseStatsTotals& totals = stats.totals;
  totals.assisted.n = -closed_before;
  std::int64_t period_closed_before = closed_before;
  for (std::int64_t month = range.first; month <= range.last;
       month = domain::nextMonthStartDay(month)) {
    const std::string label = hotline::periodOf(month, stats.granularity);
    if (stats.opened.empty() || stats.opened.back().code != label) {
      stats.opened.push_back(StatsCodeCount{label, {}});
      stats.assisted.push_back(StatsCodeCount{label, StatsCount{-closed_before}});
      period_closed_before = closed_before;
    }
    auto it = months.find(month);
    const MonthFigures m = it == months.end() ? MonthFigures{} : it->second;
    opened_before += m.opened;
    closed_before += m.closed;
    stats.opened.back().n.n += m.opened;
    stats.assisted.back().n.n = opened_before - period_closed_before;
    totals.opened.n += m.opened;
    totals.closed.n += m.closed;
    totals.services.n += m.services;
  }
  totals.assisted.n += opened_before;
}

// The breakdowns of the period from the per-code sums of the rollup.
void buildBreakdowns(const store::CaseStatsRollup& rollup, CaseStats& stats) {
  std::map<std::pair<std::string, std::string>, std::int64_t> sums;
  for (const auto& s : rollup.sums) {
    const std::pair<std::string, std::string> key{s.dimension, s.code};
    // Closures by outcome and services: those in the period. The other dimensions: people
    // assisted, opened up to its end minus closed before its start.
    const bool in_period =
        s.measure == "service" || (s.measure == "closed" && s.dimension == "closure_outcome");
    if (in_period) {
      sums[key] += s.up_to_end - s.before_start;
    } else if (s.measure == "opened") {
      sums[key] += s.up_to_end;
    } else if (s.measure == "closed") {
      sums[key] -= s.before_start;
    }
  }
  stats.breakdowns = hotline::groupBreakdowns(store::sortedCells(sums), kCaseStatsBreakdowns);
}

void hideSmallCounts(CaseStats& stats) {
  for (auto* series : {&stats.opened, &stats.assisted}) {
    for (StatsCodeCount& period : *series) {
      hotline::suppress(period.n);
    }
  }
  for (StatsCount* count : {&stats.totals.opened, &stats.totals.assisted, &stats.totals.closed,
                            &stats.totals.services}) {
    hotline::suppress(*count);
  }
  for (auto& [dimension, cells] : stats.breakdowns) {
    hotline::hideSmallCodeCounts(cells);
  }
  stats.small_counts_suppressed = true;
}

Result<MonthRange> monthsOf(const hotline::StatsQuery& query) {
  if (query.granularity != Granularity::kMonth && query.granularity != Granularity::kYear) {
    return domain::invalidField("granularity", "Use month or year for the case figures.");
  }
  if (query.from_day && query.to_day && *query.to_day < *query.from_day) {
    return domain::invalidField("to", "The end of the period must not come before its start.");
  }
  return MonthRange{};
}

}  // namespace

awaitable<domain::Status> dropLapsedConsents(Context& ctx, const std::string& org_id) {
  const std::string today = hotline::periodOf(store::dayOf(ctx.clock()), Granularity::kDay);
  auto check = [org_id, today](soci::session& sql) {
    return store::hasLapsedCaseConsents(sql, org_id, today);
  };
  auto lapsed = co_await store::awaitRead<Result<bool>>(ctx.db, std::move(check));
  if (!lapsed || !*lapsed) {
    co_return lapsed ? domain::Status{} : tl::unexpected(lapsed.error());
  }
  co_return co_await store::awaitWrite(ctx.db, [org_id](store::WriteContext& w) {
    return store::refreshLapsedCaseStats(w, org_id);
  });
}

CaseStats caseStatsOf(const store::CaseStatsRollup& rollup, std::int64_t first_month,
                      std::int64_t last_month, Granularity granularity) {
  CaseStats stats{std::nullopt, std::nullopt, granularity, {}, {}, {}, {}, false};
  buildSeries(rollup, MonthRange{first_month, last_month}, stats);
  buildBreakdowns(rollup, stats);
  return stats;
}

awaitable<Result<CaseStats>> caseStats(Context ctx, Actor actor, hotline::StatsQuery query) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kStatsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  auto range = monthsOf(query);
  if (!range) {
    co_return tl::unexpected(range.error());
  }
  if (auto s = co_await dropLapsedConsents(ctx, who.org_id); !s) {
    co_return tl::unexpected(s.error());
  }
  const std::int64_t today_month = domain::monthStartDay(store::dayOf(ctx.clock()));
  range->last = domain::monthStartDay(query.to_day.value_or(today_month));
  auto job = [org = who.org_id, from = query.from_day, today_month,
              range = *range](soci::session& sql) mutable -> Result<PeriodRollup> {
    // Without a start: from the first month with a counted case (none: an empty series).
    auto first = from ? Result<std::int64_t>(domain::monthStartDay(*from))
                      : store::firstCaseStatsMonth(sql, org, std::max(today_month, range.last) + 1);
    if (!first) {
      return tl::unexpected(first.error());
    }
    range.first = *first;
    auto rollup = store::readCaseStatsRollup(sql, org, range.first, range.last);
    if (!rollup) {
      return tl::unexpected(rollup.error());
    }
    return PeriodRollup{range, std::move(*rollup)};
  };
  auto read = co_await store::awaitRead<Result<PeriodRollup>>(ctx.db, std::move(job));
  if (!read) {
    co_return tl::unexpected(read.error());
  }
  CaseStats stats =
      caseStatsOf(read->rollup, read->range.first, read->range.last, query.granularity);
  stats.from_day = query.from_day;
  stats.to_day = query.to_day;
  if (policy::suppressSmallCaseCounts(who)) {
    hideSmallCounts(stats);
  }
  co_return stats;
}

awaitable<Result<CaseStats>> exportCaseStats(Context ctx, Actor actor, hotline::StatsQuery query) {
  if (auto may = policy::require(actor.principal, policy::Permission::kCaseStatsExport); !may) {
    co_return tl::unexpected(may.error());
  }
  auto stats = co_await caseStats(ctx, actor, query);
  if (!stats) {
    co_return stats;
  }
  // The export is recorded before any of it leaves; what it covered, never a person.
  const auto day = [](const std::optional<std::int64_t>& d) {
    return d ? hotline::periodOf(*d, Granularity::kDay) : std::string("-");
  };
  auto entry =
      actor.entry(audit::AuditAction::kCaseStatsExport,
                  "from=" + day(query.from_day) + ";to=" + day(query.to_day) +
                      ";granularity=" + std::string(hotline::granularityName(query.granularity)));
  if (auto audited = co_await hotline::recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return stats;
}

}  // namespace strada::cases
