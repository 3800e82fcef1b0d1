// The statistics rollup (migration 0005: contact_stats_daily): how many final contacts per
// organisation, UTC day, dimension and code. It is kept exact by construction: every contact
// write calls adjustContactStats in its own transaction, and rebuildContactStats recomputes it
// from the contacts (after an import, a restore, or a bulk load that skipped the adjustment).
//
// Dimensions and their codes: "total" (''), "kind" (data, non_data), "non_data_type", "channel",
// "category", "caller_type", "destination_country", "exploitation" (one cell per code),
// "outcome". Empty codes are not counted; drafts are not counted.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::store {

inline constexpr std::int64_t kMillisPerDay = 86400000;

// Days since 1970-01-01 UTC of an instant (floor, also before 1970).
std::int64_t dayOf(domain::UnixMillis t);

// The (dimension, code) cells one contact counts in; empty for a draft.
std::vector<std::pair<std::string, std::string>> statsCells(const domain::Contact& contact);

// Within a contact write's transaction: subtracts `before`'s cells (the stored contact as it was,
// or nullptr for an insert) and adds `after`'s (the contact as written, or nullptr for a delete).
// Cells both share on the same day are left alone. The deltas go to w.statsDeltas(); the writer
// applies them (applyStatsDeltas) before the batch commits.
[[nodiscard]] domain::Status adjustContactStats(WriteContext& w, const domain::Contact* before,
                                                const domain::Contact* after);

// Adds `deltas` to contact_stats_daily (upserts; zero deltas are skipped).
[[nodiscard]] domain::Status applyStatsDeltas(soci::session& sql, const StatsDeltas& deltas);

struct RebuildProgress {
  std::string org_id;
  std::int64_t days_done = 0;  // of this organisation's span
  std::int64_t days_total = 0;
  std::int64_t contacts = 0;  // final contacts counted so far, every organisation
};
// Recomputes the rollup of every organisation from its contacts, one write job per organisation
// and `batch_days` days (each batch deletes and recounts its days in one transaction, so
// contacts written meanwhile are neither lost nor counted twice). Calls `progress` after each
// batch. Returns how many final contacts were counted. Blocking: for the command line. Not for a
// process that writes contacts meanwhile through the same Database (the server): its deferred
// deltas could land in a batch after a recount that already saw their contacts.
[[nodiscard]] domain::Result<std::int64_t> rebuildContactStats(
    Database& db, const std::function<void(const RebuildProgress&)>& progress,
    std::int64_t batch_days = 60);

}  // namespace strada::store
