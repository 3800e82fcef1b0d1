// The use case of the case statistics: people assisted (new and ongoing) per period and by coded
// field, services delivered by type, cases in proceedings and outcomes at closure (HTCDS codes;
// never a sealed field, an id or a code of a person), read from the rollup the case writes keep
// (store/case_stats_facts.h). Only people whose consent to statistics is in force are counted.
// Small counts are suppressed for those outside the cases' teams (policy::suppressSmallCaseCounts),
// as the contact statistics do. Periods are whole months.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "hotline/contact_stats.h"
#include "store/case_stats.h"

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

// The breakdowns, in answer order: people assisted in the period by "status" ... "in_proceedings"
// (code "yes"), "inclusion" (the social-inclusion domains achieved at the latest follow-up);
// "service_type": services started in the period; "closure_outcome": cases closed
// in it.
inline constexpr std::string_view kCaseStatsBreakdowns[] = {
    "status",      "referral_source",    "gender",         "age_band",
    "citizenship", "trafficking_status", "exploitation",   "in_proceedings",
    "inclusion",   "service_type",       "closure_outcome"};

// The period's totals.
struct CaseStatsTotals {
  hotline::StatsCount opened;    // new: cases opened in the period
  hotline::StatsCount assisted;  // new and ongoing: open at some time during it
  hotline::StatsCount closed;
  hotline::StatsCount services;
};

struct CaseStats {
  std::optional<std::int64_t> from_day;  // days since 1970-01-01; none: since the first case
  std::optional<std::int64_t> to_day;    // none: up to today
  hotline::Granularity granularity = hotline::Granularity::kYear;
  // Per period (code: "2026" or "2026-11"), every period of the range in order: cases opened in
  // it, and people assisted (open at some time during it).
  std::vector<hotline::StatsCodeCount> opened;
  std::vector<hotline::StatsCodeCount> assisted;
  CaseStatsTotals totals;
  hotline::StatsBreakdowns breakdowns;  // one per kCaseStatsBreakdowns dimension
  bool small_counts_suppressed = false;
};

// The figures of the query's period (every month since the first case when it has no start).
// InvalidArgument naming "granularity" for day or week, "to" when the period ends before it
// starts.
[[nodiscard]] awaitable<Result<CaseStats>> caseStats(Context ctx, Actor actor,
                                                     hotline::StatsQuery query);

// The figures (unsuppressed) of the months [first_month, last_month] (days of months' first
// days) from their rollup (store::readCaseStatsRollup): what caseStats answers, and what the
// aggregate reports (src/reports/) are computed from.
[[nodiscard]] CaseStats caseStatsOf(const store::CaseStatsRollup& rollup, std::int64_t first_month,
                                    std::int64_t last_month, hotline::Granularity granularity);

// Drops the organisation's cases whose statistics consent ran out from the rollup (no write marks
// a lapse): before its figures are read.
[[nodiscard]] awaitable<domain::Status> dropLapsedConsents(Context& ctx, const std::string& org_id);

// The same figures for a download (CSV or XLSX): needs case_stats.export as well, and audits the
// export (no person in it).
[[nodiscard]] awaitable<Result<CaseStats>> exportCaseStats(Context ctx, Actor actor,
                                                           hotline::StatsQuery query);

}  // namespace strada::cases
