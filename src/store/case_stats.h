// The figures of the case statistics, read from the coded fields of the organisation's cases and
// their clients (never a sealed field, an id or a code of a person). Counted as summed cells, the
// shape of the contact statistics (store::StatsCell), per dimension:
// "opened" (code: the period the case was opened in, "YYYY" or "YYYY-MM"), "status",
// "referral_source", and of the clients "gender", "age_band", "citizenship",
// "trafficking_status", "exploitation" (one cell per code of a multi-coded field). Empty codes are
// not counted.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/contact_stats.h"

namespace soci {
class session;
}

namespace strada::store {

// Which cases to count: those opened in [from_date, to_date] (YYYY-MM-DD, both inclusive; empty
// for no bound), their opening bucketed per month when `per_month`, else per year.
struct CaseStatsRange {
  std::string from_date;
  std::string to_date;
  bool per_month = false;
};

// Summed cells: by dimension, biggest first, then by code; "opened" by period.
[[nodiscard]] domain::Result<std::vector<StatsCell>> caseStatsCells(soci::session& sql,
                                                                    const std::string& org_id,
                                                                    const CaseStatsRange& range);

}  // namespace strada::store
