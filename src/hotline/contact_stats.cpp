#include "hotline/contact_stats.h"

#include <algorithm>
#include <map>

#include "domain/contact.h"
#include "domain/enum_names.h"
#include "domain/time.h"
#include "store/async.h"
#include "store/contact_stats.h"

namespace strada::hotline {
namespace {

using domain::civilFromDays;
using domain::daysFromCivil;

constexpr std::array<domain::EnumName<Granularity>, 4> kGranularityNames = {{
    {Granularity::kDay, "day"},
    {Granularity::kWeek, "week"},
    {Granularity::kMonth, "month"},
    {Granularity::kYear, "year"},
}};
static_assert(domain::listsEveryValue(kGranularityNames, Granularity::kYear));

constexpr std::int64_t kMaxStatsDays = std::int64_t{20} * 366;
constexpr std::int64_t kDefaultDays = 365;

std::string twoDigits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

struct Figures {
  std::vector<store::StatsCell> per_day;
  std::vector<store::StatsCell> breakdowns;
};

Result<Figures> readFigures(soci::session& sql, const std::string& org, std::int64_t from_day,
                            std::int64_t to_day, Granularity g) {
  // Months and years are sums of whole months: those come from the monthly rollup.
  const store::StatsSeriesUnit unit = g == Granularity::kMonth || g == Granularity::kYear
                                          ? store::StatsSeriesUnit::kMonth
                                          : store::StatsSeriesUnit::kDay;
  auto per_day = store::statsSeries(sql, org, from_day, to_day, unit);
  if (!per_day) {
    return tl::unexpected(per_day.error());
  }
  auto breakdowns = store::statsBreakdowns(sql, org, from_day, to_day);
  if (!breakdowns) {
    return tl::unexpected(breakdowns.error());
  }
  return Figures{std::move(*per_day), std::move(*breakdowns)};
}

// Every period of the range, in order, zero when nothing was counted.
std::vector<StatsPeriod> sumSeries(const std::vector<store::StatsCell>& cells,
                                   std::int64_t from_day, std::int64_t to_day, Granularity g) {
  std::vector<StatsPeriod> periods;
  std::map<std::int64_t, std::size_t> period_of_day;
  for (std::int64_t day = from_day; day <= to_day; ++day) {
    std::string label = periodOf(day, g);
    if (periods.empty() || periods.back().label != label) {
      periods.push_back(StatsPeriod{std::move(label), {}, {}, {}});
    }
    period_of_day[day] = periods.size() - 1;
  }
  for (const auto& cell : cells) {
    auto it = period_of_day.find(cell.day);
    if (it == period_of_day.end()) {
      continue;
    }
    StatsPeriod& p = periods[it->second];
    if (cell.dimension == "total") {
      p.total.n += cell.n;
    } else if (cell.code == domain::kKindData) {
      p.data.n += cell.n;
    } else if (cell.code == domain::kKindNonData) {
      p.non_data.n += cell.n;
    }
  }
  return periods;
}

// Hides every small count; a breakdown's suppressed cells go last, by code, so that their order
// does not rank them either.
void hideSmallCounts(ContactStats& stats) {
  for (StatsPeriod& p : stats.series) {
    suppress(p.total);
    suppress(p.data);
    suppress(p.non_data);
  }
  for (auto& [dimension, cells] : stats.breakdowns) {
    hideSmallCodeCounts(cells);
  }
  stats.small_counts_suppressed = true;
}

}  // namespace

void suppress(StatsCount& count) {
  if (policy::isSmallCount(count.n)) {
    count = StatsCount{0, true};
  }
}

void hideSmallCodeCounts(std::vector<StatsCodeCount>& cells) {
  for (StatsCodeCount& cell : cells) {
    suppress(cell.n);
  }
  std::stable_sort(cells.begin(), cells.end(),
                   [](const StatsCodeCount& a, const StatsCodeCount& b) {
                     if (a.n.suppressed != b.n.suppressed) {
                       return !a.n.suppressed;
                     }
                     return a.n.suppressed && a.code < b.code;
                   });
}

StatsBreakdowns groupBreakdowns(const std::vector<store::StatsCell>& cells,
                                std::span<const std::string_view> dimensions) {
  StatsBreakdowns out;
  for (std::string_view name : dimensions) {
    out.emplace_back(std::string(name), std::vector<StatsCodeCount>{});
  }
  for (const auto& cell : cells) {
    for (auto& [dimension, list] : out) {
      if (dimension == cell.dimension) {
        list.push_back(StatsCodeCount{cell.code, StatsCount{cell.n, false}});
      }
    }
  }
  return out;
}

std::string_view granularityName(Granularity g) {
  return domain::nameOf(kGranularityNames, g, "month");
}

std::optional<Granularity> parseGranularity(std::string_view name) {
  return domain::valueNamed(kGranularityNames, name);
}

std::string periodOf(std::int64_t day, Granularity g) {
  if (g == Granularity::kWeek) {
    const std::int64_t weekday = ((day + 3) % 7 + 7) % 7;  // Monday 0; 1970-01-01 was a Thursday
    const std::int64_t thursday = day - weekday + 3;       // its week's ISO year is Thursday's
    const domain::CivilDate t = civilFromDays(thursday);
    const std::int64_t week = (thursday - daysFromCivil(t.y, 1, 1)) / 7 + 1;
    return std::to_string(t.y) + "-W" + twoDigits(static_cast<unsigned>(week));
  }
  const domain::CivilDate c = civilFromDays(day);
  switch (g) {
    case Granularity::kDay:
      return std::to_string(c.y) + "-" + twoDigits(c.m) + "-" + twoDigits(c.d);
    case Granularity::kMonth:
      return std::to_string(c.y) + "-" + twoDigits(c.m);
    default:
      return std::to_string(c.y);
  }
}

awaitable<Result<ContactStats>> contactStats(Context ctx, Actor actor, StatsQuery query) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kStatsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  const std::int64_t today = store::dayOf(ctx.clock());
  ContactStats stats;
  stats.from_day = query.from_day.value_or(today - (kDefaultDays - 1));
  stats.to_day = query.to_day.value_or(today);
  stats.granularity = query.granularity;
  if (stats.to_day < stats.from_day) {
    co_return domain::invalidField("to", "The end of the period must not come before its start.");
  }
  if (stats.to_day - stats.from_day >= kMaxStatsDays) {
    co_return domain::invalidField("from", "Choose a period of at most twenty years.");
  }
  auto job = [org = who.org_id, from = stats.from_day, to = stats.to_day, g = stats.granularity](
                 soci::session& sql) { return readFigures(sql, org, from, to, g); };
  auto figures = co_await store::awaitRead<Result<Figures>>(ctx.db, std::move(job));
  if (!figures) {
    co_return tl::unexpected(figures.error());
  }
  stats.series = sumSeries(figures->per_day, stats.from_day, stats.to_day, stats.granularity);
  stats.breakdowns = groupBreakdowns(figures->breakdowns, kStatsBreakdowns);
  if (policy::suppressSmallCounts(who)) {
    hideSmallCounts(stats);
  }
  co_return stats;
}

}  // namespace strada::hotline
