#include "store/database.h"

#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "store/audit_append.h"
#include "store/connection.h"
#include "store/contact_stats.h"
#include "store/deferred_writes.h"
#include "store/migrations.h"
#include "store/repositories.h"
#include "store/sql_errors.h"
#include "store/statement_cache.h"

namespace strada::store {

using detail::beginWriteTransaction;
using detail::connect;
using detail::Connector;
using detail::ensureConnected;
using detail::kSqlitePrefix;
using detail::maxAppliedVersion;
using detail::migrationsTableExists;
using detail::parseUrl;
using detail::rollbackQuietly;
using detail::scrub;
using detail::unavailable;

namespace {

// PostgreSQL advisory lock keys (any constant shared by every Strada server on one database).
// The writer's lock orders the audit chain; the migration lock keeps two servers starting at once
// from applying the same migration twice.
constexpr long long kWriterLockKey = 0x5354524144410001LL;     // "STRADA" 0001
constexpr long long kMigrationLockKey = 0x5354524144410002LL;  // "STRADA" 0002

struct PendingWrite {
  WriteJob job;
  WriteDone done;
};

// The savepoint every job runs under, prepared once per writer connection: three of a job's
// five statements on the common path are these.
class JobSavepoint final : public detail::CachedStatement {
 public:
  JobSavepoint(soci::session& sql, std::size_t /*key*/)
      : begin_((sql.prepare << "SAVEPOINT j")),
        release_((sql.prepare << "RELEASE SAVEPOINT j")),
        rollback_((sql.prepare << "ROLLBACK TO SAVEPOINT j")) {}

  void begin() { begin_.execute(true); }
  void release() { release_.execute(true); }
  void rollback() { rollback_.execute(true); }

 private:
  soci::statement begin_;
  soci::statement release_;
  soci::statement rollback_;
};

// Every job runs under a SAVEPOINT, and SQLite journals each page the job changes so that the
// job can roll back alone. A contact changes about 20 pages (its row, about 16 indexes, its
// codes, its audit event): past 64 KiB such a statement journal spills to a temporary file, and
// writing it cost the writer about 66 pwrite calls per contact. In memory it costs a memcpy per
// page; it never holds more than the pages one job changed. (Not a durability matter: the WAL
// makes a commit durable, the statement journal only serves ROLLBACK TO.) SQLite only.
domain::Status keepWriterJournalsInMemory(soci::session& sql, const Connector& connector) {
  if (connector.backend != Backend::kSqlite) {
    return {};
  }
  try {
    sql << "PRAGMA temp_store = MEMORY";
    return {};
  } catch (const std::exception& e) {
    return tl::unexpected(unavailable("temp_store", e, connector.password));
  }
}

}  // namespace

// --- Database ---

struct Database::Impl final : detail::JobWriter {
  Connector connector;
  DatabaseOptions options;
  std::unique_ptr<soci::session> writer_sql;
  // The writer connection's prepared statements; cleared before that connection reconnects.
  std::unique_ptr<detail::StatementCache> writer_statements;
  std::chrono::steady_clock::time_point writer_last_used{};
  std::vector<std::unique_ptr<soci::session>> reader_sql;

  std::mutex write_mu;
  std::condition_variable write_cv;
  std::deque<PendingWrite> write_queue;
  bool write_stopping = false;

  std::mutex read_mu;
  std::condition_variable read_cv;
  std::deque<ReadJob> read_queue;
  bool read_stopping = false;

  std::atomic<std::size_t> reads_in_flight{0};
  std::atomic<std::size_t> writes_queued{0};
  std::atomic<std::uint64_t> batches_committed{0};
  std::atomic<std::uint64_t> jobs_committed{0};

  std::thread writer;
  std::vector<std::thread> readers;

  // The audit MAC key (setAuditKey); each batch takes the one current when it opens.
  std::mutex audit_key_mu;
  std::shared_ptr<const crypto::SecretKey> audit_key;

  // The open batch, on the writer thread (store/deferred_writes.h).
  struct OpenBatch {
    std::vector<domain::Status>* results = nullptr;
    ChainCursor cursor;
    StatsDeltas stats;
    std::optional<domain::Error> error;
    detail::DeferredRows deferred;
    ChainCursor job_cursor_before;  // where the running job's failure puts the cursor back
    JobSavepoint* job_savepoint = nullptr;
  };
  OpenBatch open_batch;

  void writerLoop();
  void runBatch(std::vector<PendingWrite>& batch);
  domain::Status runJob(PendingWrite& pending, std::size_t index, domain::UnixMillis now);
  domain::Status finishJobWithStatements(WriteContext& context, domain::Status status);
  void flushDeferred();
  std::optional<domain::Error> commitBatch();

  detail::DeferredRows& deferredRows() override { return open_batch.deferred; }
  void beginStatements(WriteContext& w) override;
  void readerLoop(soci::session& sql);
  bool enqueueRead(ReadJob job);
};

void Database::Impl::writerLoop() {
  for (;;) {
    std::vector<PendingWrite> batch;
    {
      std::unique_lock lock(write_mu);
      write_cv.wait(lock, [&] { return write_stopping || !write_queue.empty(); });
      if (write_queue.empty()) {
        return;  // stopping, and every submitted job has been run
      }
      const std::size_t n =
          std::min(write_queue.size(), std::max<std::size_t>(options.max_batch, 1));
      batch.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(write_queue.front()));
        write_queue.pop_front();
      }
      writes_queued.store(write_queue.size());
    }
    runBatch(batch);
  }
}

// Writes the finished jobs' deferred rows; a job whose rows failed gets its error.
void Database::Impl::flushDeferred() {
  auto failed = open_batch.deferred.flushFinished(*writer_sql, *writer_statements,
                                                  open_batch.cursor, open_batch.stats);
  for (detail::FailedJob& f : failed) {
    (*open_batch.results)[f.index] = tl::unexpected(std::move(f.error));
  }
}

// A job's first sql(): earlier jobs' rows first, then the job's savepoint and its own rows.
void Database::Impl::beginStatements(WriteContext& w) {
  try {
    flushDeferred();
    open_batch.job_cursor_before = open_batch.cursor;
    open_batch.job_savepoint = &writer_statements->get<JobSavepoint>();
    open_batch.job_savepoint->begin();
  } catch (const std::exception& e) {
    open_batch.job_savepoint = nullptr;
    open_batch.error = unavailable("savepoint", e, connector.password);
    throw;
  }
  if (auto own =
          open_batch.deferred.writeCurrent(*writer_sql, *writer_statements, open_batch.cursor);
      !own) {
    // The job fails with this error; undo its rows now so that its further statements run
    // (PostgreSQL refuses every statement of a transaction after a failed one).
    w.failDeferred(own.error());
    try {
      open_batch.job_savepoint->rollback();
    } catch (const std::exception& e) {
      open_batch.error = unavailable("rollback to savepoint", e, connector.password);
      throw;
    }
  }
}

// The end of a job that ran statements under its savepoint: release it, or roll the job back.
domain::Status Database::Impl::finishJobWithStatements(WriteContext& context,
                                                       domain::Status status) {
  JobSavepoint* savepoint = open_batch.job_savepoint;
  open_batch.job_savepoint = nullptr;
  if (savepoint == nullptr) {  // the savepoint itself failed: the batch fails
    return status ? domain::Status(tl::unexpected(*open_batch.error)) : status;
  }
  if (context.deferredError()) {
    status = tl::unexpected(*context.deferredError());  // the cause of any later failure
  }
  if (status) {
    try {
      savepoint->release();
    } catch (const std::exception& e) {
      status = detail::internalFrom("release savepoint", e);
    }
  }
  if (!status) {
    open_batch.cursor = open_batch.job_cursor_before;
    try {
      savepoint->rollback();
      savepoint->release();
    } catch (const std::exception& e) {
      open_batch.error = unavailable("rollback to savepoint", e, connector.password);
    }
    // A statement whose execution threw may still hold the buffers it bound for that run (SOCI's
    // PostgreSQL backend frees them only after a completed run or at clean-up): executed again it
    // would leak them. Failures are rare, so drop every cached statement; the next job prepares
    // what it needs again.
    writer_statements->clear();
    return status;
  }
  for (const auto& [cell, delta] : context.statsDeltas()) {
    open_batch.stats[cell] += delta;
  }
  return status;
}

// Runs one job of a batch. A job that only adds rows runs no statement: its rows wait for the
// batch's flush (store/deferred_writes.h). A job that asks for the connection runs under its own
// savepoint. A job that fails restores the chain cursor it found, so the next job chains onto
// what the transaction really holds.
domain::Status Database::Impl::runJob(PendingWrite& pending, std::size_t index,
                                      domain::UnixMillis now) {
  open_batch.job_cursor_before = open_batch.cursor;
  open_batch.deferred.startJob(index);
  WriteContext context(*writer_sql, connector.backend, now, &open_batch.cursor,
                       writer_statements.get(), this);
  domain::Status status;
  try {
    status = pending.job(context);
  } catch (const std::exception& e) {
    status = detail::internalFrom("write job threw", e);
  } catch (...) {
    status = domain::internalError("write job threw a non-standard exception");
  }
  if (context.ranStatements()) {
    open_batch.deferred.dropJob();  // its rows were written in its savepoint
    return finishJobWithStatements(context, std::move(status));
  }
  if (!status) {
    open_batch.cursor = open_batch.job_cursor_before;
    open_batch.deferred.dropJob();
    return status;
  }
  open_batch.deferred.finishJob(std::move(context.statsDeltas()));
  return status;
}

// Writes the deferred rows and the batch's summed statistics, and commits; the batch's error
// otherwise.
std::optional<domain::Error> Database::Impl::commitBatch() {
  soci::session& sql = *writer_sql;
  try {
    flushDeferred();
  } catch (const std::exception& e) {
    return unavailable("deferred rows", e, connector.password);
  }
  if (!open_batch.stats.empty()) {
    if (auto applied = applyStatsDeltas(sql, open_batch.stats); !applied) {
      return applied.error();
    }
  }
  try {
    sql << "COMMIT";
  } catch (const std::exception& e) {
    return unavailable("commit", e, connector.password);
  }
  return std::nullopt;
}

void Database::Impl::runBatch(std::vector<PendingWrite>& batch) {
  soci::session& sql = *writer_sql;
  const domain::UnixMillis now = domain::nowMillis();
  std::vector<domain::Status> results(batch.size());
  open_batch = OpenBatch{};
  open_batch.results = &results;
  {
    const std::lock_guard lock(audit_key_mu);
    open_batch.cursor.mac_key = audit_key;
  }

  ensureConnected(sql, connector.backend, writer_last_used, [this] { writer_statements->clear(); });
  try {
    beginWriteTransaction(sql, connector.backend, kWriterLockKey);
  } catch (const std::exception& e) {
    open_batch.error = unavailable("begin", e, connector.password);
    rollbackQuietly(sql);
  }
  for (std::size_t i = 0; i < batch.size() && !open_batch.error; ++i) {
    results[i] = runJob(batch[i], i, now);  // a later flush may still fail it
  }
  std::optional<domain::Error> batch_error = open_batch.error;
  if (!batch_error) {
    batch_error = commitBatch();
  }
  if (batch_error) {
    rollbackQuietly(sql);
    writer_statements->clear();  // as after a failed job (runJob)
    for (domain::Status& r : results) {
      r = tl::unexpected(*batch_error);
    }
  } else {
    std::uint64_t ok = 0;
    for (const domain::Status& r : results) {
      ok += r ? 1U : 0U;
    }
    batches_committed.fetch_add(1);
    jobs_committed.fetch_add(ok);
  }
  open_batch = OpenBatch{};

  // Acknowledge only now: the COMMIT (and its fsync) has returned.
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (!batch[i].done) {
      continue;
    }
    try {
      batch[i].done(std::move(results[i]));
    } catch (...) {
      // A callback's failure is its own; the writer keeps serving the other jobs.
    }
  }
}

void Database::Impl::readerLoop(soci::session& sql) {
  std::chrono::steady_clock::time_point last_used{};
  for (;;) {
    ReadJob job;
    {
      std::unique_lock lock(read_mu);
      read_cv.wait(lock, [&] { return read_stopping || !read_queue.empty(); });
      if (read_queue.empty()) {
        return;
      }
      job = std::move(read_queue.front());
      read_queue.pop_front();
    }
    ensureConnected(sql, connector.backend, last_used);
    try {
      job(sql);
    } catch (...) {
      // Repositories report errors as values; a throwing job must not take the reader down.
    }
    reads_in_flight.fetch_sub(1);
  }
}

bool Database::Impl::enqueueRead(ReadJob job) {
  {
    std::lock_guard lock(read_mu);
    if (read_stopping) {
      return false;
    }
    reads_in_flight.fetch_add(1);
    read_queue.push_back(std::move(job));
  }
  read_cv.notify_one();
  return true;
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

domain::Result<std::unique_ptr<Database>> Database::open(const DatabaseOptions& options) {
  auto connector = parseUrl(options.url);
  if (!connector) {
    return tl::unexpected(connector.error());
  }
  auto impl = std::make_unique<Impl>();
  impl->connector = std::move(*connector);
  impl->options = options;
  auto writer = connect(impl->connector);
  if (!writer) {
    return tl::unexpected(writer.error());
  }
  impl->writer_sql = std::move(*writer);
  if (auto kept = keepWriterJournalsInMemory(*impl->writer_sql, impl->connector); !kept) {
    return tl::unexpected(kept.error());
  }
  impl->writer_statements = std::make_unique<detail::StatementCache>(*impl->writer_sql);
  const std::size_t readers = std::max<std::size_t>(options.read_threads, 1);
  for (std::size_t i = 0; i < readers; ++i) {
    auto reader = connect(impl->connector);
    if (!reader) {
      return tl::unexpected(reader.error());
    }
    impl->reader_sql.push_back(std::move(*reader));
  }
  Impl* raw = impl.get();
  raw->writer = std::thread([raw] { raw->writerLoop(); });
  for (auto& reader : raw->reader_sql) {
    soci::session* s = reader.get();
    raw->readers.emplace_back([raw, s] { raw->readerLoop(*s); });
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Database::~Database() {
  // Writes first: a done callback may still queue a read.
  {
    std::lock_guard lock(impl_->write_mu);
    impl_->write_stopping = true;
  }
  impl_->write_cv.notify_all();
  if (impl_->writer.joinable()) {
    impl_->writer.join();
  }
  {
    std::lock_guard lock(impl_->read_mu);
    impl_->read_stopping = true;
  }
  impl_->read_cv.notify_all();
  for (std::thread& t : impl_->readers) {
    if (t.joinable()) {
      t.join();
    }
  }
}

Backend Database::backend() const { return impl_->connector.backend; }

std::string_view Database::backendName() const {
  return impl_->connector.backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

domain::Result<int> Database::migrate() {
  const Backend backend = impl_->connector.backend;
  auto migrations = selectMigrations(embeddedMigrationFiles(), backend);
  if (!migrations) {
    return tl::unexpected(migrations.error());
  }
  const int newest_known = migrations->empty() ? 0 : migrations->back().version;
  // A connection of its own: DDL runs outside the group commit, each migration in its own
  // transaction under the write lock.
  auto session = connect(impl_->connector);
  if (!session) {
    return tl::unexpected(session.error());
  }
  soci::session& sql = **session;
  int applied = 0;
  for (const Migration& m : *migrations) {
    try {
      beginWriteTransaction(sql, backend, kMigrationLockKey);
      sql << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
             "name TEXT NOT NULL DEFAULT '', applied_at BIGINT NOT NULL DEFAULT 0)";
      if (maxAppliedVersion(sql) > newest_known) {
        rollbackQuietly(sql);
        return domain::fail(domain::ErrorCode::kUnavailable,
                            "The database was migrated by a newer version of Strada: run that "
                            "version or a newer one.");
      }
      long long done = 0;
      sql << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version),
          soci::into(done);
      if (done > 0) {
        sql << "COMMIT";
        continue;
      }
      for (const std::string& statement : m.statements) {
        sql << statement;
      }
      const long long at = domain::nowMillis();
      sql << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
          soci::use(m.version), soci::use(m.name), soci::use(at);
      sql << "COMMIT";
      ++applied;
    } catch (const std::exception& e) {
      rollbackQuietly(sql);
      return domain::internalError(
          "migration " + std::to_string(m.version) + " (" + m.name +
          ") failed: " + scrub(detail::safeDbMessage(e), impl_->connector.password));
    }
  }
  return applied;
}

domain::Result<int> Database::schemaVersion() {
  domain::Result<int> result = 0;
  read([&](soci::session& sql) {
    try {
      auto exists = migrationsTableExists(sql, impl_->connector.backend);
      if (!exists) {
        result = tl::unexpected(exists.error());
        return;
      }
      result = *exists ? maxAppliedVersion(sql) : 0;
    } catch (const std::exception& e) {
      result = detail::internalFrom("schema version", e);
    }
  });
  return result;
}

void Database::setAuditKey(std::shared_ptr<const crypto::SecretKey> mac_key) {
  const std::lock_guard lock(impl_->audit_key_mu);
  impl_->audit_key = std::move(mac_key);
}

void Database::submit(WriteJob job, WriteDone done) {
  {
    std::lock_guard lock(impl_->write_mu);
    if (!impl_->write_stopping) {
      impl_->write_queue.push_back(PendingWrite{std::move(job), std::move(done)});
      impl_->writes_queued.store(impl_->write_queue.size());
      impl_->write_cv.notify_one();
      return;
    }
  }
  if (done) {
    done(domain::fail(domain::ErrorCode::kUnavailable,
                      "The server is shutting down. Please try again in a moment."));
  }
}

domain::Status Database::write(WriteJob job) {
  std::promise<domain::Status> promise;
  std::future<domain::Status> future = promise.get_future();
  submit(std::move(job),
         [&promise](domain::Status status) { promise.set_value(std::move(status)); });
  return future.get();
}

void Database::submitRead(ReadJob job) {
  // After shutdown began there is no connection left to run it on; the job is dropped.
  (void)impl_->enqueueRead(std::move(job));
}

void Database::read(const ReadJob& job) {
  std::promise<void> promise;
  std::future<void> future = promise.get_future();
  const bool queued = impl_->enqueueRead([&job, &promise](soci::session& sql) {
    try {
      job(sql);
    } catch (...) {
      // Same rule as submitRead: the caller learns of errors through its own result values.
    }
    promise.set_value();
  });
  if (queued) {
    future.wait();
  }
}

Database::Stats Database::stats() const {
  Stats s;
  s.read_connections = impl_->reader_sql.size();
  s.reads_in_flight = impl_->reads_in_flight.load();
  s.writes_queued = impl_->writes_queued.load();
  s.batches_committed = impl_->batches_committed.load();
  s.jobs_committed = impl_->jobs_committed.load();
  return s;
}

std::string sqliteUrlForDataDir(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(data_dir, ec);
  if (ec) {
    dir = data_dir;
  }
  return std::string(kSqlitePrefix) + (dir.lexically_normal() / "strada.db").string();
}

}  // namespace strada::store
