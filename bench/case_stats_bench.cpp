// A year of case statistics read from the rollup (migration 0020), against the baseline of
// counting the same cases live (one row per case, as the figures were read before the rollup).
// The database holds kCases synthetic cases spread over kMonths months (their facts rows, and
// the monthly cells they count in, computed by store::caseFactsCells as the writes do).
//
//   build/release/bench/case_stats_bench                      # SQLite file in a temporary folder
//   STRADA_BENCH_PG_URL=postgresql://... case_stats_bench     # PostgreSQL instead (throw-away)
//
// Counters: p50_ms and p99_ms of single reads; `ratio` (on the rollup run) is the baseline's
// mean time over the rollup's: how many times faster the rollup answers.
#include <benchmark/benchmark.h>
#include <soci/soci.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "domain/encoding.h"
#include "domain/time.h"
#include "store/case_stats.h"
#include "store/case_stats_facts.h"
#include "store/database.h"

namespace {

using namespace strada;  // NOLINT(google-build-using-namespace): a benchmark's main file

constexpr int kCases = 150000;
constexpr int kMonths = 60;  // five years of cases
const std::string kOrg = "ORG-BENCH";

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "case_stats_bench: %s\n", what.c_str());
  std::exit(1);
}

// A synthetic case: codes cycle through a few of each list, about a third closed.
store::CaseFacts syntheticCase(int i, std::int64_t first_month) {
  static const char* genders[] = {"Feminine", "Masculine", "TransgenderFeminine", ""};
  static const char* bands[] = {"0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39+"};
  static const char* countries[] = {"RO", "BG", "MD", "UA", "NG", "VN", "NL", "PL", "AL", "SY"};
  static const char* exploitation[] = {"ForcedLabour", "SexualExploitation", "ForcedBegging",
                                       "Servitude"};
  static const char* sources[] = {"police", "ngo", "self", "hotline", "labour_inspection"};
  static const char* statuses[] = {"intake", "identification", "first_assistance",
                                   "long_term_assistance", "closed"};
  store::CaseFacts f;
  f.case_id = "case-" + std::to_string(i);
  f.org_id = kOrg;
  f.counted = i % 10 != 0;  // one in ten without a statistics consent
  std::int64_t month = first_month;
  for (int m = 0; m < (i / (kCases / kMonths)) % kMonths; ++m) {  // 2,500 cases a month
    month = domain::nextMonthStartDay(month);
  }
  f.opened_month = month;
  f.status = statuses[i % 5];
  if (f.status == "closed") {
    f.closed_month = domain::nextMonthStartDay(domain::nextMonthStartDay(month));
    f.closure_outcome = "employed";
  }
  f.referral_source = sources[i % 5];
  f.gender = genders[i % 4];
  f.age_band = bands[i % 8];
  f.citizenships = domain::joinList({countries[i % 10], countries[(i / 10) % 10]});
  f.trafficking_status = i % 3 == 0 ? "ActualVictimOfTrafficking" : "PossibleVictimOfTrafficking";
  f.exploitation_types = exploitation[i % 4];
  f.in_proceedings = i % 7 == 0;
  return f;
}

struct Setup {
  std::filesystem::path dir;
  std::unique_ptr<store::Database> db;
  std::int64_t year_first = 0;  // the last twelve months
  std::int64_t year_last = 0;
};

void fill(store::Database& db, std::int64_t first_month) {
  std::map<store::CaseStatsCell, long long> cells;
  std::vector<std::string> ids, orgs, genders, citizenships;
  std::vector<long long> opened;
  std::vector<int> counted;
  for (int i = 0; i < kCases; ++i) {
    const store::CaseFacts f = syntheticCase(i, first_month);
    for (const auto& cell : store::caseFactsCells(f)) {
      ++cells[cell];
    }
    ids.push_back(f.case_id);
    orgs.push_back(f.org_id);
    genders.push_back(f.gender);
    citizenships.push_back(f.citizenships);
    opened.push_back(f.opened_month);
    counted.push_back(f.counted ? 1 : 0);
  }
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    soci::session& sql = w.sql();
    sql << "DELETE FROM case_stats_facts WHERE org_id = :o", soci::use(kOrg);
    sql << "DELETE FROM case_stats_monthly WHERE org_id = :o", soci::use(kOrg);
    sql << "INSERT INTO case_stats_facts (case_id, org_id, counted, opened_month, gender, "
           "citizenships) VALUES (:i, :o, :c, :m, :g, :z)",
        soci::use(ids), soci::use(orgs), soci::use(counted), soci::use(opened), soci::use(genders),
        soci::use(citizenships);
    for (const auto& [cell, n] : cells) {
      const long long month = std::get<0>(cell);
      sql << "INSERT INTO case_stats_monthly (org_id, month, measure, dimension, code, n) VALUES "
             "(:o, :m, :measure, :d, :c, :n)",
          soci::use(kOrg), soci::use(month), soci::use(std::get<1>(cell)),
          soci::use(std::get<2>(cell)), soci::use(std::get<3>(cell)), soci::use(n);
    }
    return {};
  });
  if (!status) {
    die("fill: " + status.error().message + " " + status.error().detail);
  }
  std::fprintf(stderr, "case_stats_bench: %d cases, %zu monthly cells\n", kCases, cells.size());
}

Setup& setup() {
  static std::unique_ptr<Setup> s = [] {
    auto made = std::make_unique<Setup>();
    std::string url;
    if (const char* pg = std::getenv("STRADA_BENCH_PG_URL")) {
      url = pg;
    } else {
      made->dir = std::filesystem::temp_directory_path() / ("case_stats_bench_" + crypto::newId());
      std::filesystem::create_directories(made->dir);
      url = "sqlite:" + (made->dir / "strada.db").string();
    }
    auto db = store::Database::open(store::DatabaseOptions{url});
    if (!db) {
      die("open: " + db.error().message);
    }
    made->db = std::move(*db);
    if (auto migrated = made->db->migrate(); !migrated) {
      die("migrate: " + migrated.error().message + " " + migrated.error().detail);
    }
    const std::int64_t first = domain::daysFromCivil(2021, 1, 1);
    fill(*made->db, first);
    made->year_first = domain::daysFromCivil(2025, 1, 1);
    made->year_last = domain::daysFromCivil(2025, 12, 1);
    return made;
  }();
  return *s;
}

double meanMs = 0;  // the baseline's, for the rollup's ratio

template <class Read>
void timeReads(benchmark::State& state, Read read, bool baseline) {
  Setup& s = setup();
  std::vector<double> ms;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    s.db->read([&](soci::session& sql) { read(sql, s); });
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  double sum = 0;
  for (double v : ms) {
    sum += v;
  }
  const double mean = sum / static_cast<double>(ms.size());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  if (baseline) {
    meanMs = mean;
  } else if (meanMs > 0) {
    state.counters["ratio"] = meanMs / mean;
  }
}

// Baseline: the live count of every case of the organisation by a coded field, a row per case.
void BM_YearOfCaseStatsLiveCount(benchmark::State& state) {
  timeReads(
      state,
      [](soci::session& sql, const Setup& s) {
        soci::rowset<soci::row> rows =
            (sql.prepare << "SELECT gender, citizenships, opened_month FROM case_stats_facts "
                            "WHERE org_id = :o AND counted = 1 AND opened_month <= :last",
             soci::use(kOrg), soci::use(static_cast<long long>(s.year_last)));
        std::map<std::string, long long> sums;
        for (const soci::row& r : rows) {
          ++sums[r.get<std::string>(0)];
          for (const auto& c : domain::splitList(r.get<std::string>(1))) {
            ++sums[c];
          }
        }
        benchmark::DoNotOptimize(sums);
      },
      true);
}
BENCHMARK(BM_YearOfCaseStatsLiveCount)->Unit(benchmark::kMillisecond)->Iterations(20);

// The rollup: what GET /api/v1/stats/cases?from=2025-01-01&to=2025-12-31 reads.
void BM_YearOfCaseStatsRollup(benchmark::State& state) {
  timeReads(
      state,
      [](soci::session& sql, const Setup& s) {
        auto rollup = store::readCaseStatsRollup(sql, kOrg, s.year_first, s.year_last);
        if (!rollup) {
          die("read: " + rollup.error().message + " " + rollup.error().detail);
        }
        benchmark::DoNotOptimize(rollup);
      },
      false);
}
BENCHMARK(BM_YearOfCaseStatsRollup)->Unit(benchmark::kMillisecond)->Iterations(200);

}  // namespace

BENCHMARK_MAIN();
