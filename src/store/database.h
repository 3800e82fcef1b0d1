// The database: SQLite (embedded default) or PostgreSQL, through SOCI.
//
// Durability contract: a write job's `done` callback reports success only after COMMIT returned,
// with SQLite in WAL mode and synchronous=FULL, and PostgreSQL with synchronous_commit=on. So an
// acknowledged write survives a crash or power cut right after.
//
// Writes are group-committed: jobs queue for one writer thread, which runs every queued job (up
// to `max_batch`) in one transaction, then commits once. One fsync then acknowledges many writes.
// A failing job is rolled back alone: a job that runs statements runs them under its own
// SAVEPOINT; a job that only adds contacts and audit events runs none, its rows are written
// at the batch's end (or before the next statement of a later job), and a row that fails then
// fails its job alone (store/deferred_writes.h).
//
// The audit chain needs one writer at a time: on SQLite the batch transaction is BEGIN IMMEDIATE;
// on PostgreSQL it takes a transaction-scoped advisory lock, so several servers sharing one
// database also append in one order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "audit/audit_action.h"
#include "audit/audit_event.h"
#include "crypto/secret.h"
#include "domain/error.h"
#include "domain/time.h"

namespace soci {
class session;
}

namespace strada::store {

namespace detail {
class StatementCache;
class DeferredRows;
class JobWriter;
}  // namespace detail

enum class Backend { kSqlite, kPostgresql };

struct DatabaseOptions {
  // "sqlite:/abs/path/strada.db" or "postgresql://user:pass@host:port/dbname" (libpq URI).
  std::string url;
  std::size_t read_threads = 4;  // pooled connections for reads
  std::size_t max_batch = 512;   // most jobs in one group commit
};

// The end of the audit chain as the open batch transaction sees it, shared by the jobs of one
// batch so that only the first audit event of a batch reads the chain's end from the database.
struct ChainCursor {
  bool known = false;
  audit::AuditEvent last;  // seq 0 while the chain is empty
  // The audit MAC key events are chained under (Database::setAuditKey); none: plain SHA-256.
  std::shared_ptr<const crypto::SecretKey> mac_key;
  [[nodiscard]] std::string_view macKey() const {
    return mac_key ? mac_key->bytes() : std::string_view();
  }
};

// Changes to the statistics rollup: (org id, UTC day, dimension, code) -> delta.
using StatsDeltas =
    std::map<std::tuple<std::string, std::int64_t, std::string, std::string>, long long>;

// Handed to a write job inside the open batch transaction, on the writer thread.
class WriteContext {
 public:
  // `cursor` (may be null) is shared across a batch; the writer restores it when a job rolls back.
  // `statements` (may be null) are the connection's prepared statements (store/ only).
  // `writer` (may be null) lets the job defer its rows (store/deferred_writes.h).
  WriteContext(soci::session& sql, Backend backend, domain::UnixMillis now,
               ChainCursor* cursor = nullptr, detail::StatementCache* statements = nullptr,
               detail::JobWriter* writer = nullptr);
  WriteContext(const WriteContext&) = delete;
  WriteContext& operator=(const WriteContext&) = delete;

  // The connection, inside this job's own savepoint. The first call writes the rows the batch
  // deferred so far (store/deferred_writes.h): every statement sees every earlier write.
  [[nodiscard]] soci::session& sql();
  [[nodiscard]] Backend backend() const { return backend_; }
  // The batch's clock reading; use it for created_at and audit times.
  [[nodiscard]] domain::UnixMillis now() const { return now_; }
  // Appends an audit event to the chain in this transaction: it commits or rolls back with the
  // work it records.
  [[nodiscard]] domain::Status audit(const audit::AuditEntry& entry);
  // The same with the chain's raw input (the chain's own tests, and events replayed as they are).
  [[nodiscard]] domain::Status audit(const audit::AuditEventInput& event);
  // Chains this job's further events (and, once it commits, the rest of its batch's) under
  // `mac_key`, from the chain's end as the transaction then holds it (read again). For the
  // vault's one-time upgrade of the chain (vault/audit_keys.h).
  void useAuditKey(std::shared_ptr<const crypto::SecretKey> mac_key);
  // This job's changes to the statistics rollup. The writer adds up the deltas of the jobs that
  // succeed and writes them once, in the same transaction, just before COMMIT: one upsert per
  // cell per batch instead of one per cell per contact.
  [[nodiscard]] StatsDeltas& statsDeltas() { return stats_; }
  // The writer connection's prepared statements, for store/'s repositories; null when the
  // context was made without them (then statements run as one-time queries).
  [[nodiscard]] detail::StatementCache* statements() { return statements_; }
  // store/ only: where the job's new rows go while it has run no statement of its own; null once
  // it has (or without a writer): then they are written at once.
  [[nodiscard]] detail::DeferredRows* deferredRows();
  // store/ only: whether sql() was called (the job then runs under its own savepoint).
  [[nodiscard]] bool ranStatements() const { return ran_statements_; }
  // store/ only: the error the job's deferred rows had when sql() wrote them; the job fails.
  void failDeferred(domain::Error error) { deferred_error_ = std::move(error); }
  [[nodiscard]] const std::optional<domain::Error>& deferredError() const {
    return deferred_error_;
  }

 private:
  soci::session& sql_;
  Backend backend_;
  domain::UnixMillis now_;
  ChainCursor own_cursor_;
  ChainCursor* cursor_;
  detail::StatementCache* statements_;
  detail::JobWriter* writer_;
  bool ran_statements_ = false;
  std::optional<domain::Error> deferred_error_;
  StatsDeltas stats_;
};

namespace detail {
// The writer's side of a job's deferral (store/database.cpp implements it).
class JobWriter {
 public:
  virtual ~JobWriter() = default;
  // The buffer of the running job's rows.
  virtual DeferredRows& deferredRows() = 0;
  // The job's first sql(): write the deferred rows, open the job's savepoint. Throws when the
  // batch cannot go on (the job then fails and so does the batch).
  virtual void beginStatements(WriteContext& w) = 0;
};
}  // namespace detail

using WriteJob = std::function<domain::Status(WriteContext&)>;
using WriteDone = std::function<void(domain::Status)>;
using ReadJob = std::function<void(soci::session&)>;

class Database {
 public:
  // Connects, sets the pragmas/settings of the durability contract, and starts the writer and
  // reader threads. Does not migrate. Unavailable with a sentence saying what to fix.
  [[nodiscard]] static domain::Result<std::unique_ptr<Database>> open(
      const DatabaseOptions& options);
  // Finishes every queued job, then stops the threads.
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] Backend backend() const;
  [[nodiscard]] std::string_view backendName() const;  // "sqlite" or "postgresql"

  // Applies the migrations not yet applied, in number order, each in its own transaction, and
  // records them in schema_migrations. Returns how many it applied.
  [[nodiscard]] domain::Result<int> migrate();
  // The highest applied migration number (0 for an empty database).
  [[nodiscard]] domain::Result<int> schemaVersion();

  // The audit MAC key every later batch chains its events under (vault/audit_keys.h sets it
  // when it has loaded or made the key; until then events are chained with plain SHA-256).
  // Thread safe.
  void setAuditKey(std::shared_ptr<const crypto::SecretKey> mac_key);

  // Queues `job` for the next group commit; `done` runs on the writer thread once the batch has
  // committed (or with the job's or the commit's error). After shutdown began: Unavailable.
  void submit(WriteJob job, WriteDone done);
  // Blocking form, for the command line and tests. Never call it from the writer thread.
  [[nodiscard]] domain::Status write(WriteJob job);

  // Queues `job` on a reader thread with a pooled connection (no transaction).
  void submitRead(ReadJob job);
  // Blocking form, for the command line and tests.
  void read(const ReadJob& job);

  struct Stats {
    std::size_t read_connections = 0;
    std::size_t reads_in_flight = 0;
    std::size_t writes_queued = 0;
    std::uint64_t batches_committed = 0;
    std::uint64_t jobs_committed = 0;
  };
  [[nodiscard]] Stats stats() const;

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "sqlite:" + absolute path of DIR/strada.db.
std::string sqliteUrlForDataDir(const std::string& data_dir);

}  // namespace strada::store
