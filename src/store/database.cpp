#include "store/database.h"

#include <libpq-fe.h>
#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <future>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "store/contact_stats.h"
#include "store/migrations.h"
#include "store/repositories.h"
#include "store/sql_errors.h"

namespace strada::store {

namespace {

// PostgreSQL advisory lock keys (any constant shared by every Strada server on one database).
// The writer's lock orders the audit chain; the migration lock keeps two servers starting at once
// from applying the same migration twice.
constexpr long long kWriterLockKey = 0x5354524144410001LL;     // "STRADA" 0001
constexpr long long kMigrationLockKey = 0x5354524144410002LL;  // "STRADA" 0002

// libpq waits indefinitely for a host that drops packets; a server must fail at start-up instead.
constexpr std::string_view kPgConnectTimeoutS = "10";

constexpr std::string_view kSqlitePrefix = "sqlite:";

struct Connector {
  Backend backend = Backend::kSqlite;
  std::string connect;   // SOCI connect string
  std::string password;  // scrubbed from any error text
};

std::string scrub(std::string text, const std::string& secret) {
  if (secret.empty()) {
    return text;
  }
  for (std::size_t at = text.find(secret); at != std::string::npos;
       at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

// The password of a libpq URI, from "user:password@" or "?password=" (still percent-encoded,
// which is how it would appear in an echo of the URL).
std::string uriPassword(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return {};
  }
  const std::string_view rest = url.substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos && colon + 1 < userinfo.size()) {
      return std::string(userinfo.substr(colon + 1));
    }
  }
  const std::size_t param = url.find("password=");
  if (param != std::string_view::npos) {
    const std::string_view value = url.substr(param + 9);
    return std::string(value.substr(0, value.find('&')));
  }
  return {};
}

// SOCI 4.0 re-splits its connect string on spaces and '=' and so mangles a libpq URI; libpq
// itself turns the URI into keyword='value' pairs, which SOCI passes through intact.
domain::Result<std::string> pgKeywordString(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    std::string detail = error != nullptr ? error : "out of memory";
    if (error != nullptr) {
      PQfreemem(error);
    }
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The PostgreSQL database url is not valid: write it as "
                        "postgresql://user:password@host:5432/dbname.",
                        {}, scrub(detail, uriPassword(url)));
  }
  std::string out;
  bool has_timeout = false;
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (o->val == nullptr || *o->val == '\0') {
      continue;
    }
    has_timeout = has_timeout || std::string_view(o->keyword) == "connect_timeout";
    out += o->keyword;
    out += "='";
    for (const char* c = o->val; *c != '\0'; ++c) {
      if (*c == '\'' || *c == '\\') {
        out += '\\';
      }
      out += *c;
    }
    out += "' ";
  }
  PQconninfoFree(options);
  if (!has_timeout) {
    out += "connect_timeout=";
    out += kPgConnectTimeoutS;
  }
  return out;
}

domain::Result<Connector> parseUrl(const std::string& url) {
  if (url.starts_with(kSqlitePrefix)) {
    std::string path = url.substr(kSqlitePrefix.size());
    if (path.starts_with("//")) {  // "sqlite:///abs/path" is a common way to write it too
      path.erase(0, 2);
    }
    if (path.empty()) {
      return domain::fail(
          domain::ErrorCode::kUnavailable,
          "The database url \"sqlite:\" names no file: write sqlite:/path/strada.db.");
    }
    if (path.find('"') != std::string::npos) {
      return domain::fail(domain::ErrorCode::kUnavailable,
                          "The SQLite database path must not contain a double quote: rename the "
                          "folder or choose another one.");
    }
    const std::filesystem::path file(path);
    std::error_code ec;
    const std::filesystem::path parent = file.parent_path().empty() ? "." : file.parent_path();
    if (!std::filesystem::is_directory(parent, ec)) {
      return domain::fail(domain::ErrorCode::kUnavailable,
                          "The folder of the SQLite database does not exist: create it or fix the "
                          "database url.");
    }
    return Connector{Backend::kSqlite, "db=\"" + path + "\"", {}};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto connect = pgKeywordString(url);
    if (!connect) {
      return tl::unexpected(connect.error());
    }
    return Connector{Backend::kPostgresql, std::move(*connect), uriPassword(url)};
  }
  return domain::fail(domain::ErrorCode::kUnavailable,
                      "The database url must start with \"sqlite:\" (sqlite:/path/strada.db) or "
                      "\"postgresql://\" (postgresql://user@host:5432/dbname).");
}

// The durability settings of every connection (see database.h).
void configureSession(soci::session& sql, Backend backend) {
  if (backend == Backend::kSqlite) {
    sql << "PRAGMA busy_timeout = 5000";
    std::string mode;
    sql << "PRAGMA journal_mode = WAL", soci::into(mode);
    if (mode != "wal") {
      throw soci::soci_error("SQLite refused WAL journal mode (got \"" + mode + "\")");
    }
    sql << "PRAGMA synchronous = FULL";
    sql << "PRAGMA foreign_keys = ON";
    // Speed, not durability: every connection reads the file through one shared memory map (the
    // OS page cache) instead of copying pages into its own small cache, and keeps a larger
    // private cache for the writer's index updates. docs/performance.md has the figures.
    sql << "PRAGMA mmap_size = 1073741824";
    sql << "PRAGMA cache_size = -32768";
    return;
  }
  sql << "SET synchronous_commit = on";
  // libpq prints NOTICEs (such as "relation ... already exists, skipping") on stderr: keep
  // warnings and errors only, which reach the code as exceptions anyway.
  sql << "SET client_min_messages = warning";
}

domain::Error connectError(const Connector& c, const std::exception& e) {
  const std::string detail = scrub(detail::safeDbMessage(e), c.password);
  if (c.backend == Backend::kSqlite) {
    return domain::Error{domain::ErrorCode::kUnavailable,
                         "Could not open the SQLite database: check that its folder is writable by "
                         "this user and that the file is an SQLite database.",
                         {},
                         detail};
  }
  return domain::Error{domain::ErrorCode::kUnavailable,
                       "Could not connect to PostgreSQL: check that the server is running and the "
                       "host, port, user, password and database name in the database url.",
                       {},
                       detail};
}

domain::Result<std::unique_ptr<soci::session>> connect(const Connector& c) {
  try {
    auto sql = std::make_unique<soci::session>();
    if (c.backend == Backend::kSqlite) {
      sql->open(soci::sqlite3, c.connect);
    } else {
      sql->open(soci::postgresql, c.connect);
    }
    configureSession(*sql, c.backend);
    return sql;
  } catch (const std::exception& e) {
    return tl::unexpected(connectError(c, e));
  }
}

// A PostgreSQL connection can drop (server restart, failover, an administrator); reopen it
// before the next job rather than fail that job.
//
// A server that closes a connection it is not running a query on (pg_terminate_backend, a fast
// shutdown) first sends it a FATAL message and then closes the socket. Between jobs nothing else
// arrives on our connections (no LISTEN; SET runs synchronously), so a socket that is readable
// while idle means the server is going away: a poll() with no wait sees it, without a round trip.
// A connection that went quiet (a network cut, a host that vanished) sends nothing; it is pinged
// when it has sat unused for longer than kIdleBeforePing. A job that still meets a dead
// connection (it died during the job) fails alone with 503 "try again", and libpq then reports
// the connection bad so the next job reconnects.
constexpr auto kIdleBeforePing = std::chrono::seconds(2);

// True when the server has sent something on an idle connection, or closed it.
bool serverSpokeWhileIdle(PGconn* conn) {
  const int fd = PQsocket(conn);
  if (fd < 0) {
    return true;
  }
  pollfd p{};
  p.fd = fd;
  p.events = POLLIN;
  return ::poll(&p, 1, 0) != 0;  // > 0: input, hang-up or error; < 0: the socket is unusable
}

// Reconnects a PostgreSQL session that libpq reports broken, that the server has spoken on while
// idle, or that idled past kIdleBeforePing and no longer answers. `last_used` is the
// connection's own clock, updated here.
void ensureConnected(soci::session& sql, Backend backend,
                     std::chrono::steady_clock::time_point& last_used) {
  const auto now = std::chrono::steady_clock::now();
  const bool idle = now - last_used > kIdleBeforePing;
  last_used = now;
  if (backend != Backend::kPostgresql) {
    return;
  }
  auto* pg = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  const bool bad =
      pg == nullptr || PQstatus(pg->conn_) != CONNECTION_OK || serverSpokeWhileIdle(pg->conn_);
  if (!bad && (!idle || sql.is_connected())) {  // is_connected() pings the server
    return;
  }
  try {
    sql.reconnect();
    configureSession(sql, backend);
  } catch (const std::exception&) {
    // The next statement fails and reports it to its job.
  }
}

void beginWriteTransaction(soci::session& sql, Backend backend, long long lock_key) {
  if (backend == Backend::kSqlite) {
    sql << "BEGIN IMMEDIATE";
    return;
  }
  sql << "BEGIN";
  sql << "SELECT pg_advisory_xact_lock(:key)", soci::use(lock_key);
}

void rollbackQuietly(soci::session& sql) {
  try {
    sql << "ROLLBACK";
  } catch (const std::exception&) {
    // Nothing left to undo, or the connection is gone: either way the work is not committed.
  }
}

domain::Error unavailable(std::string_view what, const std::exception& e,
                          const std::string& password) {
  return domain::Error{domain::ErrorCode::kUnavailable,
                       "The database could not save the change. Please try again.",
                       {},
                       std::string(what) + ": " + scrub(detail::safeDbMessage(e), password)};
}

domain::Result<bool> migrationsTableExists(soci::session& sql, Backend backend) {
  long long n = 0;
  if (backend == Backend::kSqlite) {
    sql << "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
        soci::into(n);
  } else {
    sql << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
           "AND table_name = 'schema_migrations'",
        soci::into(n);
  }
  return n > 0;
}

int maxAppliedVersion(soci::session& sql) {
  int version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_migrations", soci::into(version, ind);
  return ind == soci::i_ok ? version : 0;
}

struct PendingWrite {
  WriteJob job;
  WriteDone done;
};

}  // namespace

// --- WriteContext ---

WriteContext::WriteContext(soci::session& sql, Backend backend, domain::UnixMillis now,
                           ChainCursor* cursor)
    : sql_(sql), backend_(backend), now_(now), cursor_(cursor != nullptr ? cursor : &own_cursor_) {}

domain::Status WriteContext::audit(const audit::AuditEntry& entry) {
  return audit(audit::toEventInput(entry));
}

domain::Status WriteContext::audit(const audit::AuditEventInput& event) {
  ChainCursor& cursor = *cursor_;
  if (!cursor.known) {
    // Safe without a race: the batch holds the write lock (BEGIN IMMEDIATE / advisory lock).
    auto last = lastAuditEvent(sql_);
    if (!last) {
      return tl::unexpected(last.error());
    }
    cursor.last = last->value_or(audit::AuditEvent{});  // seq 0: the chain is empty
    cursor.known = true;
  }
  audit::AuditEvent next;
  next.at = now_;
  next.input = event;
  std::optional<audit::AuditEvent> prev;
  if (cursor.last.seq > 0) {
    prev = cursor.last;
  }
  audit::chain(prev, next);
  auto appended = appendAuditEvent(sql_, next);
  if (!appended) {
    return appended;
  }
  cursor.last = std::move(next);
  return {};
}

// --- Database ---

struct Database::Impl {
  Connector connector;
  DatabaseOptions options;
  std::unique_ptr<soci::session> writer_sql;
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

  void writerLoop();
  void runBatch(std::vector<PendingWrite>& batch);
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

void Database::Impl::runBatch(std::vector<PendingWrite>& batch) {
  soci::session& sql = *writer_sql;
  const Backend backend = connector.backend;
  const domain::UnixMillis now = domain::nowMillis();
  std::vector<domain::Status> results(batch.size());
  std::optional<domain::Error> batch_error;
  ChainCursor cursor;
  StatsDeltas stats;

  ensureConnected(sql, backend, writer_last_used);
  try {
    beginWriteTransaction(sql, backend, kWriterLockKey);
  } catch (const std::exception& e) {
    batch_error = unavailable("begin", e, connector.password);
    rollbackQuietly(sql);
  }

  for (std::size_t i = 0; i < batch.size() && !batch_error; ++i) {
    try {
      sql << "SAVEPOINT j";
    } catch (const std::exception& e) {
      batch_error = unavailable("savepoint", e, connector.password);
      break;
    }
    // One context per job, one chain cursor per batch: a job that rolls back restores the
    // cursor it found, so the next job chains onto what the transaction really holds.
    const ChainCursor cursor_before = cursor;
    WriteContext context(sql, backend, now, &cursor);
    domain::Status status;
    try {
      status = batch[i].job(context);
    } catch (const std::exception& e) {
      status = detail::internalFrom("write job threw", e);
    } catch (...) {
      status = domain::internalError("write job threw a non-standard exception");
    }
    if (status) {
      try {
        sql << "RELEASE SAVEPOINT j";
      } catch (const std::exception& e) {
        status = detail::internalFrom("release savepoint", e);
      }
    }
    if (!status) {
      cursor = cursor_before;
      try {
        sql << "ROLLBACK TO SAVEPOINT j";
        sql << "RELEASE SAVEPOINT j";
      } catch (const std::exception& e) {
        batch_error = unavailable("rollback to savepoint", e, connector.password);
        break;
      }
    }
    if (status) {
      for (const auto& [cell, delta] : context.statsDeltas()) {
        stats[cell] += delta;
      }
    }
    results[i] = std::move(status);
  }

  if (!batch_error && !stats.empty()) {
    if (auto applied = applyStatsDeltas(sql, stats); !applied) {
      batch_error = applied.error();
    }
  }
  if (!batch_error) {
    try {
      sql << "COMMIT";
    } catch (const std::exception& e) {
      batch_error = unavailable("commit", e, connector.password);
    }
  }
  if (batch_error) {
    rollbackQuietly(sql);
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
