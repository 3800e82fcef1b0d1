// The writer's cost per created contact, the way the server creates them: many
// hotline::createContact coroutines in flight on one io_context (the I/O thread's part: policy,
// validation, sealing), each submitting one write job (the contact row, its codes, its audit
// event, its statistics deltas) to store::Database's single writer thread, which group-commits
// what is queued.
//
//   build/release/bench/writer_bench                       # SQLite file in a temporary folder
//   STRADA_BENCH_PG_URL=postgresql://... writer_bench      # also PostgreSQL (a throw-away
//   database) STRADA_BENCH_ROUNDS=20 writer_bench                    # a fixed number of rounds
//   (callgrind)
//
// One iteration (a round) creates kWorkers x kContactsPerWorker contacts with kWorkers in flight.
// Counters per contact: writer_us is the CPU time of the writer thread (read on that thread by a
// write job before and after the rounds, so it hardly depends on the machine's load), process_us
// the whole process's CPU time. Under `valgrind --tool=callgrind --separate-threads=yes` the
// costs are zeroed before the rounds and dumped after them ("rounds"), so the dump holds the
// rounds alone, one file per thread.
#include <benchmark/benchmark.h>
#include <valgrind/callgrind.h>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "admin/organisations.h"
#include "crypto/crypto.h"
#include "crypto/keyring.h"
#include "hotline/contacts.h"
#include "hotline/context.h"
#include "store/database.h"
#include "vault/vault.h"

namespace {

using namespace strada;  // NOLINT(google-build-using-namespace): a benchmark's main file

constexpr int kWorkers = 64;  // http_bench.sh's connections
constexpr int kContactsPerWorker = 8;
// A fixed key: the data is throw-away, and a PostgreSQL database used before opens again.
constexpr std::string_view kBenchMasterKey =
    "6b0f9d3c2a7e4b1f8c5d0e9a3b6f2c7d1e4a8b5c9d0f3e6a2b7c4d1e8f5a9b0c";

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "writer_bench: %s\n", what.c_str());
  std::exit(1);
}

long long cpuNanos(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<long long>(ts.tv_sec) * 1'000'000'000LL + ts.tv_nsec;
}

// One database with an organisation, a consultant and the vault's keys.
struct Setup {
  std::filesystem::path dir;  // empty for PostgreSQL
  std::unique_ptr<store::Database> db;
  std::unique_ptr<vault::Vault> vault;
  hotline::Actor actor;

  ~Setup() {
    db.reset();
    if (!dir.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);
    }
  }
};

std::unique_ptr<Setup> openSetup(const std::string& pg_url) {
  if (!crypto::initialise()) {
    die("libsodium failed to start");
  }
  auto setup = std::make_unique<Setup>();
  std::string url = pg_url;
  if (url.empty()) {
    setup->dir = std::filesystem::temp_directory_path() / ("writer_bench_" + crypto::newId());
    std::filesystem::create_directories(setup->dir);
    url = store::sqliteUrlForDataDir(setup->dir.string());
  }
  auto db = store::Database::open(store::DatabaseOptions{url});
  if (!db) {
    die("open: " + db.error().message);
  }
  setup->db = std::move(*db);
  if (auto migrated = setup->db->migrate(); !migrated) {
    die("migrate: " + migrated.error().message + " " + migrated.error().detail);
  }
  auto master = crypto::MasterKey::fromHex(kBenchMasterKey);
  auto vault = vault::Vault::loadOrCreate(*setup->db, *master);
  if (!vault) {
    die("vault: " + vault.error().message);
  }
  setup->vault = std::move(*vault);
  domain::Organisation org;
  const std::string id = crypto::newId();
  org.code = "WB" + id.substr(id.size() - 8);  // the random end of the id
  for (char& ch : org.code) {
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  org.name = "Writer bench";
  org.country = "NL";
  org.languages = {"en"};
  admin::NewUser user{"consultant-" + org.code + "@example.org",
                      "Consultant",
                      {"consultant"},
                      {},
                      std::string("not-a-real-hash"),
                      ""};
  auto added = admin::addOrganisation(*setup->db, org, {user});
  if (!added) {
    die("organisation: " + added.error().message);
  }
  setup->actor.principal.org_id = added->organisation.id;
  setup->actor.principal.user_id = added->users.at(0).id;
  setup->actor.principal.roles = {domain::Role::kConsultant};
  setup->actor.request_id = "writer-bench";
  return setup;
}

// bench/lua/post_contact.lua's contact: final, one form of exploitation, a 200-character summary.
domain::ContactInput benchContact(domain::UnixMillis now) {
  domain::ContactInput c;
  c.channel = "phone";
  c.started_at = now - 5 * 60 * 1000;
  c.duration_s = 420;
  c.category = "tip";
  c.caller_type = "family_member";
  c.exploitation = {"ForcedLabour"};
  c.anonymous = true;
  c.language = "en";
  c.summary =
      "Caller reports a relative recruited for farm work abroad; employer holds her passport, "
      "wages unpaid for three months, housing overcrowded. Caller asked about options; referred "
      "to partner NGO and labour inspectorate.";
  return c;
}

boost::asio::awaitable<void> createSome(hotline::Context ctx, hotline::Actor actor, int n,
                                        int* failures) {
  for (int i = 0; i < n; ++i) {
    auto created = co_await hotline::createContact(ctx, actor, benchContact(ctx.clock()));
    if (!created) {
      ++*failures;
    }
  }
}

// The writer thread's CPU clock, read on the writer thread.
long long writerCpuNanos(store::Database& db) {
  long long nanos = 0;
  auto status = db.write([&nanos](store::WriteContext&) {
    nanos = cpuNanos(CLOCK_THREAD_CPUTIME_ID);
    return domain::Status{};
  });
  if (!status) {
    die("writer clock: " + status.error().message);
  }
  return nanos;
}

void createContacts(benchmark::State& state, Setup* setup) {
  const hotline::Context ctx{*setup->db, *setup->vault};
  int failures = 0;
  const long long writer_before = writerCpuNanos(*setup->db);
  const long long process_before = cpuNanos(CLOCK_PROCESS_CPUTIME_ID);
  CALLGRIND_ZERO_STATS;
  for (auto _ : state) {
    boost::asio::io_context io;
    for (int w = 0; w < kWorkers; ++w) {
      boost::asio::co_spawn(io, createSome(ctx, setup->actor, kContactsPerWorker, &failures),
                            boost::asio::detached);
    }
    io.run();
  }
  CALLGRIND_DUMP_STATS_AT("rounds");
  const long long process_ns = cpuNanos(CLOCK_PROCESS_CPUTIME_ID) - process_before;
  const long long writer_ns = writerCpuNanos(*setup->db) - writer_before;
  if (failures > 0) {
    state.SkipWithError("a contact was not created");
    return;
  }
  const auto contacts =
      static_cast<double>(state.iterations()) * kWorkers * static_cast<double>(kContactsPerWorker);
  state.SetItemsProcessed(static_cast<std::int64_t>(contacts));
  state.counters["writer_us"] = static_cast<double>(writer_ns) / 1e3 / contacts;
  state.counters["process_us"] = static_cast<double>(process_ns) / 1e3 / contacts;
  const store::Database::Stats stats = setup->db->stats();
  state.counters["jobs_per_commit"] =
      static_cast<double>(stats.jobs_committed) / static_cast<double>(stats.batches_committed);
}

void registerBackend(const char* name, Setup* setup) {
  auto* b = benchmark::RegisterBenchmark(name, createContacts, setup);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
  if (const char* rounds = std::getenv("STRADA_BENCH_ROUNDS"); rounds != nullptr) {
    b->Iterations(std::strtoll(rounds, nullptr, 10));
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  auto sqlite = openSetup("");
  registerBackend("BM_CreateContact/sqlite", sqlite.get());
  std::unique_ptr<Setup> pg;
  if (const char* pg_url = std::getenv("STRADA_BENCH_PG_URL"); pg_url != nullptr && *pg_url) {
    pg = openSetup(pg_url);
    registerBackend("BM_CreateContact/postgresql", pg.get());
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
