// The statistics rollup: how many final contacts per organisation, UTC day, dimension and code
// (migration 0005: contact_stats_daily), and the same per UTC month (migration 0007:
// contact_stats_monthly, keyed by the day of the month's first day). Both are kept exact by
// construction: every contact write calls adjustContactStats in its own transaction, the writer
// applies the day and month cells together before COMMIT, and rebuildContactStats recomputes
// both from the contacts (after an import, a restore, or a bulk load that skipped the
// adjustment).
//
// Reading a period: whole months come from the monthly rollup, the partial months at its ends
// from the daily one, so a year reads about 12 x 100 cells instead of 365 x 100.
//
// Dimensions and their codes: "total" (''), "kind" (data, non_data), "non_data_type", "channel",
// "category", "caller_type", "destination_country", "exploitation" (one cell per code),
// "outcome". Empty codes are not counted; drafts are not counted.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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

// Adds `deltas` to contact_stats_daily and to the months that hold their days in
// contact_stats_monthly (upserts; zero sums are skipped).
[[nodiscard]] domain::Status applyStatsDeltas(soci::session& sql, const StatsDeltas& deltas);

// One summed cell of the rollup.
struct StatsCell {
  std::int64_t day = 0;  // days since 1970-01-01 (UTC); 0 in breakdowns
  std::string dimension;
  std::string code;
  std::int64_t n = 0;
};

// How finely a series may be summed.
enum class StatsSeriesUnit {
  kDay,    // one cell per day and code
  kMonth,  // whole months as one cell on the month's first day; partial months per day
};

// Dimensions "total" and "kind" in [from_day, to_day] (both inclusive), in day order; every
// cell's day lies in the period. With kMonth the caller must bucket by month or by year.
[[nodiscard]] domain::Result<std::vector<StatsCell>> statsSeries(soci::session& sql,
                                                                 const std::string& org_id,
                                                                 std::int64_t from_day,
                                                                 std::int64_t to_day,
                                                                 StatsSeriesUnit unit);

// Summed over [from_day, to_day], every dimension but "total" and "kind": by dimension, biggest
// first, then by code. Zero sums are left out.
[[nodiscard]] domain::Result<std::vector<StatsCell>> statsBreakdowns(soci::session& sql,
                                                                     const std::string& org_id,
                                                                     std::int64_t from_day,
                                                                     std::int64_t to_day);

// Summed (dimension, code) cells as breakdown cells (day 0): by dimension, biggest first, then by
// code; zero sums left out.
[[nodiscard]] std::vector<StatsCell> sortedCells(
    const std::map<std::pair<std::string, std::string>, std::int64_t>& sums);

// Every organisation's id, in id order (the rebuilds' work list). Blocking.
[[nodiscard]] domain::Result<std::vector<std::string>> organisationIds(Database& db);

struct RebuildProgress {
  std::string org_id;
  std::int64_t days_done = 0;  // of this organisation's span
  std::int64_t days_total = 0;
  std::int64_t contacts = 0;  // final contacts counted so far, every organisation
};
// Recomputes the rollups of every organisation from its contacts, one write job per organisation
// and `batch_months` calendar months (each batch deletes and recounts its days and months in one
// transaction, so contacts written meanwhile are neither lost nor counted twice). Calls `progress`
// after each batch. Returns how many final contacts were counted. Blocking: for the command line.
// Not for a process that writes contacts meanwhile through the same Database (the server): its
// deferred deltas could land in a batch after a recount that already saw their contacts.
[[nodiscard]] domain::Result<std::int64_t> rebuildContactStats(
    Database& db, const std::function<void(const RebuildProgress&)>& progress,
    std::int64_t batch_months = 2);

}  // namespace strada::store
