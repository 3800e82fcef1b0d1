// Reading the case statistics rollup (store/case_stats_facts.h keeps it): the monthly totals and
// the per-code sums a period needs, never a row per case. People assisted in a period are the
// cases opened up to its end minus those closed before its start, so every read sums the months
// up to the period's end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"

namespace soci {
class session;
}

namespace strada::store {

// A measure's "total" cells per month: how many cases were opened or closed (or services started)
// in the month.
struct CaseStatsMonthTotal {
  std::int64_t month = 0;  // day of the month's first day
  std::string measure;     // "opened", "closed", "service"
  std::int64_t n = 0;
};

// One (measure, dimension, code): summed over the months up to the period's last month
// (`up_to_end`) and over those before its first month (`before_start`).
struct CaseStatsSum {
  std::string measure;
  std::string dimension;
  std::string code;
  std::int64_t up_to_end = 0;
  std::int64_t before_start = 0;
};

struct CaseStatsRollup {
  std::vector<CaseStatsMonthTotal> totals;  // month order; "total" dimensions and services
  std::vector<CaseStatsSum> sums;           // every dimension but "total"
};

// The organisation's rollup for the months [first_month, last_month] (days of months' first
// days). Two indexed reads of at most (months of history x codes) cells.
[[nodiscard]] domain::Result<CaseStatsRollup> readCaseStatsRollup(soci::session& sql,
                                                                  const std::string& org_id,
                                                                  std::int64_t first_month,
                                                                  std::int64_t last_month);

// The month of the organisation's first counted case (its first month), if any.
[[nodiscard]] domain::Result<std::int64_t> firstCaseStatsMonth(soci::session& sql,
                                                               const std::string& org_id,
                                                               std::int64_t fallback);

}  // namespace strada::store
