// A member's yearly aggregate report (src/reports/) over a year of a million contacts and
// 100,000 cases: the reads computeReport makes (the contact rollup, the case rollup, the
// referrals' count), the raw figures and the disclosure rules, as a draft is computed (the
// insert of its ~220 figure rows aside). The rollups are filled as the writes keep them: the
// contact cells from store::statsCells of each synthetic contact, the case cells from
// store::caseFactsCells of each synthetic case; 20,000 outgoing referrals are real rows.
//
//   build/release/bench/reports_bench                      # SQLite file in a temporary folder
//   STRADA_BENCH_PG_URL=postgresql://... reports_bench     # PostgreSQL instead (throw-away)
//
// Counters: p50_ms and p99_ms of single computations; figures (of the definition) and
// suppressed (how many the rules hid).
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
#include <tuple>
#include <vector>

#include "crypto/crypto.h"
#include "domain/contact.h"
#include "domain/time.h"
#include "reports/disclosure.h"
#include "reports/report_sources.h"
#include "store/case_stats_facts.h"
#include "store/contact_stats.h"
#include "store/database.h"

namespace {

using namespace strada;  // NOLINT(google-build-using-namespace): a benchmark's main file

constexpr int kContacts = 1000000;
constexpr int kCases = 100000;
constexpr int kReferrals = 20000;
constexpr int kCaseMonths = 60;  // five years of cases, the last one the report's year
const std::string kOrg = "org-reports-bench";

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "reports_bench: %s\n", what.c_str());
  std::exit(1);
}

void check(const domain::Status& s, const char* what) {
  if (!s) {
    die(std::string(what) + ": " + s.error().message + " " + s.error().detail);
  }
}

// The year's contacts as rollup cells: (day, dimension, code) -> n.
std::map<std::tuple<long long, std::string, std::string>, long long> contactCells(
    std::int64_t first_day) {
  static const char* channels[] = {"phone", "chat", "email", "sms", "messaging_app", "walk_in"};
  static const char* categories[] = {
      "crisis", "tip", "referral_request", "safe_migration", "general_information", "follow_up"};
  static const char* callers[] = {"possible_victim",  "family_member",       "friend",
                                  "professional_ngo", "professional_police", "unknown"};
  std::map<std::tuple<long long, std::string, std::string>, long long> cells;
  for (int i = 0; i < kContacts; ++i) {
    domain::Contact c;
    c.data.status = std::string(domain::kStatusFinal);
    c.data.started_at = (first_day + i % 365) * store::kMillisPerDay + 36000000;
    c.data.channel = channels[i % 6];
    c.data.category = categories[(i / 6) % 6];
    c.data.caller_type = callers[(i / 36) % 6];
    const long long day = store::dayOf(c.data.started_at);
    for (auto& [dimension, code] : store::statsCells(c)) {
      ++cells[{day, dimension, code}];
    }
  }
  return cells;
}

void fillContacts(store::Database& db, std::int64_t first_day) {
  const auto cells = contactCells(first_day);
  std::map<std::tuple<long long, std::string, std::string>, long long> months;
  for (const auto& [key, n] : cells) {
    months[{domain::monthStartDay(std::get<0>(key)), std::get<1>(key), std::get<2>(key)}] += n;
  }
  const auto& month_cells = months;
  check(db.write([&](store::WriteContext& w) -> domain::Status {
    soci::session& sql = w.sql();
    for (const auto* table : {&cells, &month_cells}) {
      const std::string name = table == &cells ? "contact_stats_daily (org_id, day"
                                               : "contact_stats_monthly (org_id, month";
      for (const auto& [key, n] : *table) {
        const auto& [day, dimension, code] = key;
        sql << "INSERT INTO " + name + ", dimension, code, n) VALUES (:o, :d, :dim, :c, :n)",
            soci::use(kOrg), soci::use(day), soci::use(dimension), soci::use(code), soci::use(n);
      }
    }
    return {};
  }),
        "fill contacts");
  std::fprintf(stderr, "reports_bench: %d contacts as %zu daily and %zu monthly cells\n", kContacts,
               cells.size(), months.size());
}

store::CaseFacts syntheticCase(int i, std::int64_t first_month) {
  static const char* genders[] = {"Feminine", "Masculine", "TransgenderFeminine", ""};
  static const char* bands[] = {"age_0_17", "age_18_24", "age_25_34", "age_35_44", "age_45_54"};
  static const char* countries[] = {"RO", "BG", "MD", "UA", "NG", "VN", "NL", "PL", "AL", "SY"};
  static const char* exploitation[] = {"ForcedLabour", "SexualExploitation", "ForcedBegging",
                                       "Servitude"};
  static const char* sources[] = {"police", "ngo", "self", "hotline", "international_organisation"};
  store::CaseFacts f;
  f.case_id = "case-" + std::to_string(i);
  f.org_id = kOrg;
  f.counted = i % 10 != 0;
  std::int64_t month = first_month;
  for (int m = 0; m < (i / (kCases / kCaseMonths)) % kCaseMonths; ++m) {
    month = domain::nextMonthStartDay(month);
  }
  f.opened_month = month;
  f.status = i % 3 == 0 ? "closed" : "long_term_assistance";
  if (i % 3 == 0) {
    f.closed_month = domain::nextMonthStartDay(domain::nextMonthStartDay(month));
    f.closure_outcome = "employed";
  }
  f.referral_source = sources[i % 5];
  f.gender = genders[i % 4];
  f.age_band = bands[i % 5];
  f.citizenships = countries[i % 10];
  f.exploitation_types = exploitation[i % 4];
  f.in_proceedings = i % 7 == 0;
  return f;
}

void fillCases(store::Database& db, std::int64_t first_month, std::int64_t year_first) {
  std::map<store::CaseStatsCell, long long> cells;
  for (int i = 0; i < kCases; ++i) {
    for (const auto& cell : store::caseFactsCells(syntheticCase(i, first_month))) {
      ++cells[cell];
    }
  }
  check(db.write([&](store::WriteContext& w) -> domain::Status {
    soci::session& sql = w.sql();
    for (const auto& [cell, n] : cells) {
      const long long month = std::get<0>(cell);
      sql << "INSERT INTO case_stats_monthly (org_id, month, measure, dimension, code, n) VALUES "
             "(:o, :m, :measure, :d, :c, :n)",
          soci::use(kOrg), soci::use(month), soci::use(std::get<1>(cell)),
          soci::use(std::get<2>(cell)), soci::use(std::get<3>(cell)), soci::use(n);
    }
    // One case holds the referrals (the count reads case_referrals alone).
    sql << "INSERT INTO organisations (id, code, name, country) VALUES (:o, 'BENCH', 'Bench', "
           "'NL')",
        soci::use(kOrg);
    sql << "INSERT INTO clients (id, org_id, client_code) VALUES ('bench-client', :o, 'CL-1')",
        soci::use(kOrg);
    sql << "INSERT INTO cases (id, org_id, client_id, case_code, status) VALUES ('bench-case', "
           ":o, 'bench-client', 'CS-1', 'intake')",
        soci::use(kOrg);
    static const char* targets[] = {"NL", "RO", "BG", "NL"};
    for (int i = 0; i < kReferrals; ++i) {
      const std::string id = "ref-" + std::to_string(i);
      const std::string country = targets[i % 4];
      const domain::CivilDate d = domain::civilFromDays(year_first + i % 365);
      char day[11];
      std::snprintf(day, sizeof day, "%04d-%02u-%02u", static_cast<int>(d.y), d.m, d.d);
      const std::string referred_on = day;
      sql << "INSERT INTO case_referrals (id, case_id, org_id, target_kind, member_country, "
             "referred_on, created_by, created_at) VALUES (:i, 'bench-case', :o, 'member', :c, "
             ":r, 'bench', 0)",
          soci::use(id), soci::use(kOrg), soci::use(country), soci::use(referred_on);
    }
    return {};
  }),
        "fill cases");
  std::fprintf(stderr, "reports_bench: %d cases as %zu monthly cells, %d referrals\n", kCases,
               cells.size(), kReferrals);
}

struct Setup {
  std::unique_ptr<store::Database> db;
  reports::Period year;
};

Setup& setup() {
  static std::unique_ptr<Setup> s = [] {
    auto made = std::make_unique<Setup>();
    std::string url;
    if (const char* pg = std::getenv("STRADA_BENCH_PG_URL")) {
      url = pg;
    } else {
      const auto dir =
          std::filesystem::temp_directory_path() / ("reports_bench_" + crypto::newId());
      std::filesystem::create_directories(dir);
      url = "sqlite:" + (dir / "strada.db").string();
    }
    auto db = store::Database::open(store::DatabaseOptions{url});
    if (!db) {
      die("open: " + db.error().message);
    }
    made->db = std::move(*db);
    if (auto migrated = made->db->migrate(); !migrated) {
      die("migrate: " + migrated.error().message + " " + migrated.error().detail);
    }
    auto year = reports::periodStarting(reports::PeriodKind::kYear, "2025-01-01", "start");
    made->year = *year;
    fillContacts(*made->db, made->year.first_day);
    fillCases(*made->db, domain::daysFromCivil(2021, 1, 1), made->year.first_day);
    return made;
  }();
  return *s;
}

void BM_YearlyReport(benchmark::State& state) {
  Setup& s = setup();
  std::vector<double> ms;
  std::size_t figures = 0, suppressed = 0;
  std::int64_t contacts = 0, people = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    domain::Result<reports::ReportSources> sources = domain::internalError("not read");
    s.db->read(
        [&](soci::session& sql) { sources = reports::readReportSources(sql, kOrg, s.year); });
    if (!sources) {
      die("read: " + sources.error().message + " " + sources.error().detail);
    }
    const auto raw = reports::rawFigures(*sources, s.year);
    const auto disclosed = reports::discloseFigures(raw, reports::DisclosureRules{});
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    figures = disclosed.size();
    suppressed = static_cast<std::size_t>(std::count_if(
        disclosed.begin(), disclosed.end(),
        [](const reports::Figure& f) { return f.state == reports::FigureState::kSuppressed; }));
    contacts = raw.at("contacts.total");
    people = raw.at("people.total");
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  state.counters["figures"] = static_cast<double>(figures);
  state.counters["suppressed"] = static_cast<double>(suppressed);
  state.counters["contacts"] = static_cast<double>(contacts);
  state.counters["people"] = static_cast<double>(people);
}
BENCHMARK(BM_YearlyReport)->Unit(benchmark::kMillisecond)->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
