// `strada stats ...`: the statistics rollup from the command line.
#pragma once

#include "app/data_dir.h"

namespace strada::app {

// Recomputes contact_stats_daily from the contacts (after an import, a restore, or a bulk load),
// printing a progress line per organisation and every `progress_every` contacts. Safe while the
// server runs: each batch recounts its days in one transaction.
int runStatsRebuild(const DataOptions& data);

// Recomputes the case statistics (case_stats_facts and case_stats_monthly) from the cases, their
// clients and consents: once after migration 0020 on a database that already holds cases, or
// after a restore. Each organisation is recounted in one transaction.
int runCaseStatsRebuild(const DataOptions& data);

}  // namespace strada::app
