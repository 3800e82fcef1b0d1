// Database: opening, migrations, group commit, the audit chain and shutdown, on the backend named
// by STRADA_TEST_BACKEND.
#include "store/database.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "store/migrations.h"
#include "store/repositories.h"
#include "support/test_db.h"

namespace strada::store {
namespace {

template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

domain::Status seedOrgAndUser(WriteContext& w) {
  domain::Organisation org;
  org.id = "org-a";
  org.code = "LS-NL";
  org.name = "Hotline";
  org.country = "NL";
  auto s = insertOrganisation(w, org);
  if (!s) {
    return s;
  }
  UserRecord u;
  u.user.id = "user-a";
  u.user.org_id = "org-a";
  u.user.email = "a@example.org";
  u.user.roles = {domain::Role::kConsultant};
  return insertUser(w, u);
}

ContactRow contact(const std::string& id, domain::UnixMillis started_at) {
  ContactRow row;
  row.contact.id = id;
  row.contact.org_id = "org-a";
  row.contact.created_by = "user-a";
  row.contact.data.channel = "chat";
  row.contact.data.started_at = started_at;
  row.summary_sealed = "ciphertext";
  return row;
}

// A write job that records a contact and its audit event, as the API does.
WriteJob createContactJob(const std::string& id, domain::UnixMillis started_at) {
  return [id, started_at](WriteContext& w) -> domain::Status {
    auto s = insertContact(w, contact(id, started_at));
    if (!s) {
      return s;
    }
    return w.audit({"user-a", "org-a", "contact.create", "contact", id, ""});
  };
}

struct ChainReport {
  bool intact = false;
  std::int64_t count = 0;
  std::string problem;
};

ChainReport verifyChain(Database& db) {
  return onReader(db, [](soci::session& sql) {
    audit::ChainVerifier verifier;
    auto walked =
        forEachAuditEvent(sql, [&](const audit::AuditEvent& e) { return verifier.feed(e); });
    ChainReport r;
    r.intact = walked.has_value() && verifier.intact();
    r.count = verifier.count();
    r.problem = walked ? verifier.problem() : walked.error().detail;
    return r;
  });
}

std::int64_t contactCount(Database& db) {
  auto n = onReader(db, [](soci::session& s) { return countContacts(s, "org-a"); });
  return n ? *n : -1;
}

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t_.db().write(seedOrgAndUser)); }
  testing::TestDatabase t_;
};

TEST_F(DatabaseTest, BackendMatchesTheEnvironment) {
  EXPECT_EQ(t_.db().backend() == Backend::kPostgresql, t_.isPostgres());
  EXPECT_EQ(t_.db().backendName(), t_.isPostgres() ? "postgresql" : "sqlite");
  EXPECT_EQ(t_.db().stats().read_connections, 4U);
}

TEST_F(DatabaseTest, MigrateIsIdempotent) {
  auto version = t_.db().schemaVersion();
  ASSERT_TRUE(version) << version.error().detail;
  auto files = embeddedMigrationFiles();
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(*version, files.back().version);

  auto again = t_.db().migrate();
  ASSERT_TRUE(again) << again.error().detail;
  EXPECT_EQ(*again, 0);
  t_.reopen();
  again = t_.db().migrate();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(*t_.db().schemaVersion(), *version);

  auto rows = onReader(t_.db(), [](soci::session& sql) {
    long long n = 0;
    long long applied_at = 0;
    sql << "SELECT COUNT(*) FROM schema_migrations", soci::into(n);
    sql << "SELECT MIN(applied_at) FROM schema_migrations", soci::into(applied_at);
    return std::make_pair(n, applied_at);
  });
  EXPECT_EQ(rows.first, *version);
  EXPECT_GT(rows.second, 1700000000000);
}

TEST_F(DatabaseTest, SettingsOfTheDurabilityContract) {
  if (t_.isPostgres()) {
    auto setting = onReader(t_.db(), [](soci::session& sql) {
      std::string v;
      sql << "SHOW synchronous_commit", soci::into(v);
      return v;
    });
    EXPECT_EQ(setting, "on");
    return;
  }
  auto pragmas = onReader(t_.db(), [](soci::session& sql) {
    std::string journal;
    int synchronous = -1;
    int foreign_keys = -1;
    int busy = -1;
    sql << "PRAGMA journal_mode", soci::into(journal);
    sql << "PRAGMA synchronous", soci::into(synchronous);
    sql << "PRAGMA foreign_keys", soci::into(foreign_keys);
    sql << "PRAGMA busy_timeout", soci::into(busy);
    return std::make_tuple(journal, synchronous, foreign_keys, busy);
  });
  EXPECT_EQ(std::get<0>(pragmas), "wal");
  EXPECT_EQ(std::get<1>(pragmas), 2);  // FULL
  EXPECT_EQ(std::get<2>(pragmas), 1);
  EXPECT_EQ(std::get<3>(pragmas), 5000);
}

// Each job's SAVEPOINT journals the pages it changes so that it can roll back alone. A contact
// changes about 20 pages (its row, ~16 indexes, its codes, its audit event): more than SQLite's
// 64 KiB before a statement journal spills to a temporary file, which cost the writer about 66
// pwrite calls per contact. The writer keeps those journals in memory; readers keep the default.
TEST_F(DatabaseTest, WriterKeepsSavepointJournalsInMemory) {
  if (t_.isPostgres()) {
    GTEST_SKIP() << "SQLite only: PostgreSQL has no statement journal";
  }
  int writer_temp_store = -1;
  ASSERT_TRUE(t_.db().write([&](WriteContext& w) -> domain::Status {
    w.sql() << "PRAGMA temp_store", soci::into(writer_temp_store);
    return {};
  }));
  EXPECT_EQ(writer_temp_store, 2);  // MEMORY
  const int reader_temp_store = onReader(t_.db(), [](soci::session& sql) {
    int v = -1;
    sql << "PRAGMA temp_store", soci::into(v);
    return v;
  });
  EXPECT_EQ(reader_temp_store, 0);  // DEFAULT
}

TEST_F(DatabaseTest, AcknowledgedWritesSurviveReopen) {
  ASSERT_TRUE(t_.db().write(createContactJob("c-1", 1000)));
  t_.reopen();
  auto found = onReader(t_.db(), [](soci::session& s) { return findContact(s, "c-1"); });
  ASSERT_TRUE(found && found->has_value());
  EXPECT_EQ((*found)->summary_sealed, "ciphertext");
  EXPECT_TRUE(verifyChain(t_.db()).intact);
}

TEST_F(DatabaseTest, GroupCommitOfConcurrentSubmits) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 25;
  constexpr int kTotal = kThreads * kPerThread;
  const auto before = t_.db().stats();

  std::mutex mu;
  std::condition_variable cv;
  int acked = 0;
  int ok = 0;
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string id = "gc-" + std::to_string(t) + "-" + std::to_string(i);
        t_.db().submit(createContactJob(id, 1000 + i), [&](domain::Status s) {
          std::lock_guard lock(mu);
          ++acked;
          ok += s ? 1 : 0;
          cv.notify_all();
        });
      }
    });
  }
  for (std::thread& th : threads) {
    th.join();
  }
  {
    std::unique_lock lock(mu);
    ASSERT_TRUE(cv.wait_for(lock, std::chrono::seconds(120), [&] { return acked == kTotal; }));
  }
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(ok, kTotal);

  const auto after = t_.db().stats();
  const auto batches = after.batches_committed - before.batches_committed;
  EXPECT_EQ(after.jobs_committed - before.jobs_committed, static_cast<std::uint64_t>(kTotal));
  EXPECT_GE(batches, 1U);
  EXPECT_LE(batches, static_cast<std::uint64_t>(kTotal));
  EXPECT_EQ(after.writes_queued, 0U);
  std::printf("[ group commit ] %s: %d jobs in %llu batches, %lld ms\n",
              std::string(t_.db().backendName()).c_str(), kTotal,
              static_cast<unsigned long long>(batches),
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()));

  t_.reopen();
  EXPECT_EQ(contactCount(t_.db()), kTotal);
  const ChainReport chain = verifyChain(t_.db());
  EXPECT_TRUE(chain.intact) << chain.problem;
  EXPECT_EQ(chain.count, kTotal);
}

TEST_F(DatabaseTest, FailingJobRollsBackAloneWithItsAuditEvents) {
  ASSERT_TRUE(t_.db().write(createContactJob("c-0", 1000)));
  const auto before = t_.db().stats();

  // Hold the writer so the next four jobs queue up and share one batch.
  std::promise<void> gate;
  std::shared_future<void> gate_open = gate.get_future().share();
  std::promise<void> gate_reached;
  t_.db().submit(
      [gate_open, &gate_reached](WriteContext&) -> domain::Status {
        gate_reached.set_value();
        gate_open.wait();
        return {};
      },
      nullptr);
  gate_reached.get_future().wait();  // the writer is inside the gate's batch

  std::vector<std::promise<domain::Status>> results(4);
  auto record = [&results](std::size_t i) {
    return [&results, i](domain::Status s) { results[i].set_value(std::move(s)); };
  };
  t_.db().submit(createContactJob("c-ok-1", 2000), record(0));
  t_.db().submit(
      [](WriteContext& w) -> domain::Status {
        auto s = createContactJob("c-bad", 2001)(w);
        if (!s) {
          return s;
        }
        auto more = w.audit({"user-a", "org-a", "contact.read", "contact", "c-bad", ""});
        if (!more) {
          return more;
        }
        return domain::invalidField("duration_s", "Too long.");  // after writing: must vanish
      },
      record(1));
  t_.db().submit(
      [](WriteContext& w) -> domain::Status {
        auto s = w.audit({"user-a", "org-a", "contact.read", "contact", "c-throw", ""});
        if (!s) {
          return s;
        }
        w.sql() << "INSERT INTO no_such_table (x) VALUES (1)";  // SOCI throws
        return {};
      },
      record(2));
  t_.db().submit(createContactJob("c-ok-2", 2002), record(3));
  gate.set_value();

  auto r0 = results[0].get_future().get();
  auto r1 = results[1].get_future().get();
  auto r2 = results[2].get_future().get();
  auto r3 = results[3].get_future().get();
  EXPECT_TRUE(r0);
  ASSERT_FALSE(r1);
  EXPECT_EQ(r1.error().code, domain::ErrorCode::kInvalidArgument);
  EXPECT_EQ(r1.error().field, "duration_s");
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().code, domain::ErrorCode::kInternal);
  EXPECT_TRUE(r3);

  const auto after = t_.db().stats();
  EXPECT_EQ(after.batches_committed - before.batches_committed, 2U);  // the gate, then the four
  EXPECT_EQ(after.jobs_committed - before.jobs_committed, 3U);        // gate + two good jobs

  EXPECT_FALSE(
      onReader(t_.db(), [](soci::session& s) { return findContact(s, "c-bad"); })->has_value());
  EXPECT_TRUE(
      onReader(t_.db(), [](soci::session& s) { return findContact(s, "c-ok-1"); })->has_value());
  EXPECT_TRUE(
      onReader(t_.db(), [](soci::session& s) { return findContact(s, "c-ok-2"); })->has_value());
  auto bad_events =
      onReader(t_.db(), [](soci::session& s) { return auditEventsFor(s, "contact", "c-bad"); });
  ASSERT_TRUE(bad_events);
  EXPECT_TRUE(bad_events->empty());
  auto throw_events =
      onReader(t_.db(), [](soci::session& s) { return auditEventsFor(s, "contact", "c-throw"); });
  ASSERT_TRUE(throw_events);
  EXPECT_TRUE(throw_events->empty());

  const ChainReport chain = verifyChain(t_.db());
  EXPECT_TRUE(chain.intact) << chain.problem;
  EXPECT_EQ(chain.count, 3);  // c-0, c-ok-1, c-ok-2: seq 1, 2, 3 with no gap
}

TEST_F(DatabaseTest, AuditChainIntactAfterManyWrites) {
  constexpr int kJobs = 300;
  std::atomic<int> acked{0};
  std::atomic<int> ok{0};
  std::promise<void> all_done;
  std::int64_t expected_events = 0;
  for (int i = 0; i < kJobs; ++i) {
    const int events = 1 + i % 3;
    expected_events += events;
    t_.db().submit(
        [i, events](WriteContext& w) -> domain::Status {
          for (int e = 0; e < events; ++e) {
            auto s = w.audit({"user-a", "org-a", "contact.read", "contact",
                              "c-" + std::to_string(i), "req-" + std::to_string(i)});
            if (!s) {
              return s;
            }
          }
          if (i % 10 == 7) {
            return domain::fail(domain::ErrorCode::kConflict, "rolled back on purpose");
          }
          return {};
        },
        [&](domain::Status s) {
          ok += s ? 1 : 0;
          if (++acked == kJobs) {
            all_done.set_value();
          }
        });
    if (i % 10 == 7) {
      expected_events -= events;
    }
  }
  all_done.get_future().wait();
  EXPECT_EQ(ok.load(), kJobs - kJobs / 10);
  const ChainReport chain = verifyChain(t_.db());
  EXPECT_TRUE(chain.intact) << chain.problem;
  EXPECT_EQ(chain.count, expected_events);

  // Tampering with one event is caught at that event.
  ASSERT_TRUE(t_.db().write([](WriteContext& w) -> domain::Status {
    w.sql() << "UPDATE audit_events SET action = 'contact.delete' WHERE seq = 17";
    return {};
  }));
  const ChainReport broken = verifyChain(t_.db());
  EXPECT_FALSE(broken.intact);
  EXPECT_EQ(broken.count, 16);
}

TEST_F(DatabaseTest, SubmitAfterShutdownBeganIsUnavailable) {
  auto opened = Database::open(DatabaseOptions{t_.url(), 2, 64});
  ASSERT_TRUE(opened) << opened.error().detail;
  std::unique_ptr<Database> db = std::move(*opened);
  Database* raw = db.get();

  std::promise<void> gate;
  std::shared_future<void> gate_open = gate.get_future().share();
  std::promise<domain::Status> blocker_done;
  raw->submit(
      [gate_open](WriteContext&) -> domain::Status {
        gate_open.wait();
        return {};
      },
      [&](domain::Status s) { blocker_done.set_value(std::move(s)); });

  std::thread destroyer([&db] { db.reset(); });  // drains, so it waits for the gate

  // Probe until shutdown has begun; probes accepted before that must still be committed. A
  // refused submit calls done on this thread before returning; accepted ones run on the writer.
  const std::thread::id me = std::this_thread::get_id();
  std::atomic<int> accepted_ok{0};
  int refused_inline = 0;
  std::optional<domain::Status> refusal;
  int accepted = 0;
  bool refused = false;
  for (int i = 0; i < 1000 && !refused; ++i) {
    raw->submit(createContactJob("probe-" + std::to_string(i), 1000), [&, me](domain::Status s) {
      if (std::this_thread::get_id() == me) {
        refusal = std::move(s);
        ++refused_inline;
      } else {
        accepted_ok += s ? 1 : 0;
      }
    });
    if (refused_inline > 0) {
      refused = true;
    } else {
      ++accepted;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ASSERT_TRUE(refusal.has_value());
  ASSERT_FALSE(*refusal);
  EXPECT_EQ(refusal->error().code, domain::ErrorCode::kUnavailable);
  EXPECT_TRUE(refused);
  gate.set_value();
  destroyer.join();
  EXPECT_TRUE(blocker_done.get_future().get());
  EXPECT_EQ(accepted_ok.load(), accepted);
  EXPECT_EQ(contactCount(t_.db()), accepted);
}

// PostgreSQL closes every connection (a restart, a failover, an administrator) while they are
// idle: no job fails, each connection is reopened before its next job, and nothing acknowledged
// is lost.
TEST_F(DatabaseTest, ConnectionsClosedByTheServerAreReopened) {
  if (!t_.isPostgres()) {
    GTEST_SKIP() << "PostgreSQL only: SQLite has no server to close connections";
  }
  auto opened = Database::open(DatabaseOptions{t_.url(), 2, 64});
  ASSERT_TRUE(opened) << opened.error().detail;
  Database& db = **opened;
  ASSERT_TRUE(db.write(createContactJob("before", 1000)));
  EXPECT_EQ(contactCount(db), 1);  // a reader in use too: no idle ping before its next job

  PGconn* admin = PQconnectdb(t_.url().c_str());
  ASSERT_EQ(PQstatus(admin), CONNECTION_OK) << PQerrorMessage(admin);
  auto others = [admin] {
    PGresult* r = PQexec(admin,
                         "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                         "current_database() AND pid <> pg_backend_pid()");
    const long n = PQresultStatus(r) == PGRES_TUPLES_OK ? std::stol(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return n;
  };
  ASSERT_GE(others(), 3);  // the writer and both readers are connected
  PGresult* cut = PQexec(admin,
                         "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                         "datname = current_database() AND pid <> pg_backend_pid()");
  EXPECT_EQ(PQresultStatus(cut), PGRES_TUPLES_OK);
  PQclear(cut);
  // pg_terminate_backend only signals; wait until the backends have gone (and so have told
  // their clients and closed the sockets).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (others() != 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(others(), 0);
  PQfinish(admin);

  // Well within kIdleBeforePing: no connection is pinged; each must notice on its own.
  for (int i = 0; i < 6; ++i) {
    auto n = onReader(db, [](soci::session& sql) -> domain::Result<long long> {
      try {
        long long count = 0;
        sql << "SELECT COUNT(*) FROM contacts", soci::into(count);
        return count;
      } catch (const std::exception& e) {
        return domain::fail(domain::ErrorCode::kUnavailable, "read failed", {}, e.what());
      }
    });
    ASSERT_TRUE(n) << "read " << i << ": " << n.error().detail;
    EXPECT_EQ(*n, 1);
  }
  for (int i = 0; i < 3; ++i) {
    auto s = db.write(createContactJob("after-" + std::to_string(i), 1000));
    ASSERT_TRUE(s) << "write " << i << ": " << s.error().detail;
  }
  EXPECT_EQ(contactCount(db), 4);
  EXPECT_TRUE(verifyChain(db).intact);
}

TEST(DatabaseOpenTest, BadUrlsAreUnavailableWithoutEchoingThePassword) {
  const std::vector<std::string> urls = {
      "",
      "mysql://strada:hunter2secret@db/strada",
      "sqlite:",
      "sqlite:/no/such/folder/strada.db",
      "postgresql://strada:hunter2secret@127.0.0.1:1/strada",
  };
  for (const std::string& url : urls) {
    auto db = Database::open(DatabaseOptions{url, 1, 8});
    ASSERT_FALSE(db) << url;
    EXPECT_EQ(db.error().code, domain::ErrorCode::kUnavailable) << url;
    EXPECT_FALSE(db.error().message.empty());
    EXPECT_EQ(db.error().message.find("hunter2secret"), std::string::npos);
    EXPECT_EQ(db.error().detail.find("hunter2secret"), std::string::npos);
  }
}

TEST(DatabaseOpenTest, SqliteUrlForDataDir) {
  EXPECT_EQ(sqliteUrlForDataDir("/var/lib/strada"), "sqlite:/var/lib/strada/strada.db");
  EXPECT_EQ(sqliteUrlForDataDir("/var/lib/strada/"), "sqlite:/var/lib/strada/strada.db");
  const std::string relative = sqliteUrlForDataDir("data");
  EXPECT_TRUE(relative.starts_with("sqlite:/")) << relative;
  EXPECT_TRUE(relative.ends_with("/data/strada.db")) << relative;
}

}  // namespace
}  // namespace strada::store
