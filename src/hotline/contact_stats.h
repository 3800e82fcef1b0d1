// The use case of the contact statistics: counts of final contacts per period and per code, with
// small counts suppressed for roles that may not see the contacts themselves
// (policy::suppressSmallCounts).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "store/contact_stats.h"

namespace strada::hotline {

enum class Granularity { kDay, kWeek, kMonth, kYear };

// "day", "week", "month", "year".
std::string_view granularityName(Granularity g);
std::optional<Granularity> parseGranularity(std::string_view name);

// The label of the period holding `day` (days since 1970-01-01): "2026-11-30", "2026-W48" (ISO
// week), "2026-11", "2026".
std::string periodOf(std::int64_t day, Granularity g);

// A count as its reader may see it: `suppressed` when it is a small count (1..10) hidden from
// them, with n then 0.
struct StatsCount {
  std::int64_t n = 0;
  bool suppressed = false;
};

struct StatsPeriod {
  std::string label;
  StatsCount total, data, non_data;
};

struct StatsCodeCount {
  std::string code;
  StatsCount n;
};

// The dimensions a breakdown is given for, in answer order.
inline constexpr std::string_view kStatsBreakdowns[] = {
    "category",     "caller_type",   "channel", "destination_country",
    "exploitation", "non_data_type", "outcome"};

// Breakdowns by dimension, each a list of code counts.
using StatsBreakdowns = std::vector<std::pair<std::string, std::vector<StatsCodeCount>>>;

// `count` suppressed when it is a small one (policy::isSmallCount).
void suppress(StatsCount& count);
// Suppresses a breakdown's small counts; the suppressed cells go last, by code, so that their
// order does not rank them either.
void hideSmallCodeCounts(std::vector<StatsCodeCount>& cells);
// One breakdown per dimension of `dimensions` (in that order) from the store's summed cells,
// keeping their order.
[[nodiscard]] StatsBreakdowns groupBreakdowns(const std::vector<store::StatsCell>& cells,
                                              std::span<const std::string_view> dimensions);

struct ContactStats {
  std::int64_t from_day = 0;
  std::int64_t to_day = 0;
  Granularity granularity = Granularity::kMonth;
  std::vector<StatsPeriod> series;  // every period of the range, in order
  // One entry per kStatsBreakdowns dimension: biggest first, suppressed counts last by code.
  StatsBreakdowns breakdowns;
  bool small_counts_suppressed = false;
};

// What a reader asks for: days since 1970-01-01, both inclusive (default: the last 365 days up to
// today, UTC).
struct StatsQuery {
  std::optional<std::int64_t> from_day;
  std::optional<std::int64_t> to_day;
  Granularity granularity = Granularity::kMonth;
};

// The organisation's figures over the query's period. InvalidArgument naming "to" when it ends
// before it starts, "from" when it spans twenty years or more.
[[nodiscard]] awaitable<Result<ContactStats>> contactStats(Context ctx, Actor actor,
                                                           StatsQuery query);

}  // namespace strada::hotline
