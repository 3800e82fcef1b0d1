// `strada stats ...`: the statistics rollup from the command line.
#pragma once

#include "app/data_dir.h"

namespace strada::app {

// Recomputes contact_stats_daily from the contacts (after an import, a restore, or a bulk load),
// printing a progress line per organisation and every `progress_every` contacts. Safe while the
// server runs: each batch recounts its days in one transaction.
int runStatsRebuild(const DataOptions& data);

}  // namespace strada::app
