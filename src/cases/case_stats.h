// The use case of the case statistics: counts of the organisation's cases and of their clients by
// coded field only (HTCDS codes; never a sealed field, an id or a code of a person), in the
// shapes of the contact statistics (hotline/contact_stats.h). Small counts are suppressed for
// those outside the cases' teams (policy::suppressSmallCaseCounts), as the contact statistics do.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "hotline/contact_stats.h"

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

// The breakdowns, in answer order.
inline constexpr std::string_view kCaseStatsBreakdowns[] = {
    "status",      "referral_source",    "gender",      "age_band",
    "citizenship", "trafficking_status", "exploitation"};

struct CaseStats {
  std::optional<std::int64_t> from_day;  // days since 1970-01-01; none: since the first case
  std::optional<std::int64_t> to_day;    // none: up to today
  hotline::Granularity granularity = hotline::Granularity::kYear;
  // Cases opened per period (code: "2026" or "2026-11"), every period of the range in order.
  std::vector<hotline::StatsCodeCount> opened;
  hotline::StatsBreakdowns breakdowns;  // one per kCaseStatsBreakdowns dimension
  bool small_counts_suppressed = false;
};

// The figures of the cases opened in the query's period (every case when it has no bounds).
// InvalidArgument naming "granularity" for day or week, "to" when the period ends before it
// starts.
[[nodiscard]] awaitable<Result<CaseStats>> caseStats(Context ctx, Actor actor,
                                                     hotline::StatsQuery query);

}  // namespace strada::cases
