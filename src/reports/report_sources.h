// Where a computed report's figures come from: the organisation's own rollups (the contact
// statistics, store/contact_stats.h; the case statistics, store/case_stats_facts.h) and one
// indexed count of outgoing referrals, never a row per contact or per case. A year reads about
// 12 x 100 contact cells and the case months up to its end, whatever the number of records.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "reports/report_definition.h"
#include "store/case_stats.h"
#include "store/contact_stats.h"
#include "store/report_repository.h"
#include "store/training_repository.h"

namespace soci {
class session;
}

namespace strada::reports {

struct ReportSources {
  std::string org_country;                           // ISO 3166-1 alpha-2; "" when unknown
  std::vector<store::StatsCell> contact_totals;      // "total" and "kind" cells of the period
  std::vector<store::StatsCell> contact_breakdowns;  // every other dimension, summed
  store::CaseStatsRollup cases;                      // the months up to the period's end
  std::vector<std::pair<std::string, std::int64_t>> referrals_out;  // by the target's country
  store::ReportSettings settings;                                   // the groups not collected, k
  std::vector<store::TrainingCount> trainings;  // the held trainings that began in the period
};

// The reads of one report (one read job). Blocking.
[[nodiscard]] domain::Result<ReportSources> readReportSources(soci::session& sql,
                                                              const std::string& org_id,
                                                              const Period& period);

// The raw counts of every figure (figure id -> count; ids with no count are 0) from the sources.
// Pure. How each figure is counted is in docs/reports.md.
[[nodiscard]] std::map<std::string, std::int64_t> rawFigures(const ReportSources& sources,
                                                             const Period& period);

}  // namespace strada::reports
