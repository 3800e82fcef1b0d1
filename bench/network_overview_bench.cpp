// The network overview at the hub (src/network/network_figures.h, issue 9 section 7): 30 members
// x 20 years of yearly reports, every figure of the definition in each (about 220 rows a report,
// 132,000 figure rows), plus a second revision of every fifth year (the history the hub keeps).
// Measured at the use case: networkOverview() as the route runs it (the registry, one indexed
// read of the latest revisions' figures, the totals and footnotes), and the same with every
// figure of the definition, built into the CSV table the download sends.
//
//   build/release/bench/network_overview_bench                    # SQLite file in a temp folder
//   STRADA_BENCH_PG_URL=postgresql://... network_overview_bench   # PostgreSQL (throw-away)
//
// Counters: p50_ms and p99_ms of single overviews; cells (member-years x figures).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "api/export_table_file.h"
#include "crypto/crypto.h"
#include "network/network_figures.h"
#include "reports/report_definition.h"
#include "store/database.h"
#include "store/network_report_repository.h"
#include "store/network_repository.h"

namespace {

using namespace strada;  // NOLINT(google-build-using-namespace): a benchmark's main file

constexpr int kMembers = 30;
constexpr int kYears = 20;
constexpr int kFirstYear = 2006;

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "network_overview_bench: %s\n", what.c_str());
  std::exit(1);
}

void check(const domain::Status& s, const char* what) {
  if (!s) {
    die(std::string(what) + ": " + s.error().message + " " + s.error().detail);
  }
}

std::string memberCode(int m) { return (m < 10 ? "M0" : "M") + std::to_string(m); }

// A member's figures for a year: counts, a few suppressed, member 3 collects no contacts.
std::vector<store::ReportFigureRow> figuresOf(int m, int y, int revision) {
  std::vector<store::ReportFigureRow> out;
  int i = 0;
  for (const reports::FigureDef& def : reports::allFigures()) {
    ++i;
    if (m == 3 && def.id.rfind("contacts.", 0) == 0) {
      out.push_back({def.id, "not_collected", 0});
    } else if ((i + m + y) % 17 == 0) {
      out.push_back({def.id, "suppressed", 0});
    } else {
      out.push_back({def.id, "count", 11 + (m * 131 + y * 17 + i + revision) % 5000});
    }
  }
  return out;
}

void fill(store::Database& db) {
  check(db.write([&](store::WriteContext& w) -> domain::Status {
    for (int m = 0; m < kMembers; ++m) {
      store::NetworkMember member;
      member.code = memberCode(m);
      member.name = "Member " + member.code;
      member.country = std::string(1, static_cast<char>('A' + m % 20)) + "X";
      member.url = "https://" + member.code + ".example.org";
      member.key_id = "00000000000000" + std::to_string(10 + m);
      member.status = "active";
      member.joined_at = 1;
      if (auto put = store::putNetworkMember(w, member); !put) {
        return put;
      }
      for (int y = 0; y < kYears; ++y) {
        for (int revision = 1; revision <= (y % 5 == 0 ? 2 : 1); ++revision) {
          store::ReceivedReport r;
          r.id = crypto::newId();
          r.member_code = member.code;
          r.period_kind = "year";
          r.period_start = std::to_string(kFirstYear + y) + "-01-01";
          r.revision = revision;
          r.origin = y < kYears - 1 ? "imported" : "computed";
          r.small_count_k = 11;
          r.definition_version = reports::kDefinitionVersion;
          r.packet = "{}";
          r.key_id = member.key_id;
          r.signature = "sig";
          r.message_id = crypto::newId();
          r.received_at = 1;
          if (auto stored = store::insertReceivedReport(w, r, figuresOf(m, y, revision)); !stored) {
            return stored;
          }
        }
      }
    }
    return {};
  }),
        "fill");
  std::fprintf(stderr, "network_overview_bench: %d members x %d years, %zu figures each\n",
               kMembers, kYears, reports::allFigures().size());
}

std::unique_ptr<store::Database>& database() {
  static std::unique_ptr<store::Database> db = [] {
    std::string url;
    if (const char* pg = std::getenv("STRADA_BENCH_PG_URL")) {
      url = pg;
    } else {
      const auto dir =
          std::filesystem::temp_directory_path() / ("network_overview_bench_" + crypto::newId());
      std::filesystem::create_directories(dir);
      url = "sqlite:" + (dir / "strada.db").string();
    }
    auto opened = store::Database::open(store::DatabaseOptions{url});
    if (!opened) {
      die("open: " + opened.error().message);
    }
    if (auto migrated = (*opened)->migrate(); !migrated) {
      die("migrate: " + migrated.error().message + " " + migrated.error().detail);
    }
    fill(**opened);
    return std::move(*opened);
  }();
  return db;
}

hotline::Actor coordinator() {
  return hotline::Actor{
      policy::Principal{"bench-user", "bench-org", {domain::Role::kNetworkCoordinator}, ""}, ""};
}

void run(benchmark::State& state, const std::vector<std::string>& figures, bool table) {
  store::Database& db = *database();
  network::OverviewRequest request{kFirstYear, kFirstYear + kYears - 1, figures, "", "json"};
  std::vector<double> ms;
  std::size_t cells = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    auto o = network::networkOverview(db, coordinator(), request);
    if (!o) {
      die("overview: " + o.error().message + " " + o.error().detail);
    }
    if (table) {
      benchmark::DoNotOptimize(api::tableCsv(network::overviewTable(*o)));
    }
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    cells = o->rows.size() * o->figures.size();
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["cells"] = static_cast<double>(cells);
}

void BM_OverviewHeadline(benchmark::State& state) { run(state, {}, false); }
BENCHMARK(BM_OverviewHeadline)->Unit(benchmark::kMillisecond)->Iterations(200);

void BM_OverviewEveryFigureAsCsv(benchmark::State& state) {
  std::vector<std::string> every;
  for (const reports::FigureDef& def : reports::allFigures()) {
    if (every.size() < 100) {
      every.push_back(def.id);
    }
  }
  run(state, every, true);
}
BENCHMARK(BM_OverviewEveryFigureAsCsv)->Unit(benchmark::kMillisecond)->Iterations(50);

}  // namespace

BENCHMARK_MAIN();
