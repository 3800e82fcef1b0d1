#include "store/connection.h"

#include <libpq-fe.h>
#include <poll.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <utility>

#include "store/sql_errors.h"

namespace strada::store::detail {
namespace {

// libpq waits indefinitely for a host that drops packets; a server must fail at start-up instead.
constexpr std::string_view kPgConnectTimeoutS = "10";

}  // namespace

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
namespace {

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

}  // namespace

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
namespace {

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

}  // namespace

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
namespace {

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
}  // namespace

void ensureConnected(soci::session& sql, Backend backend,
                     std::chrono::steady_clock::time_point& last_used,
                     const std::function<void()>& before_reconnect) {
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
  if (before_reconnect) {
    before_reconnect();
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
                       detail::isDiskFull(e)
                           ? "The server's disk is full: this was not saved. Tell your "
                             "administrator, then try again."
                           : "The database could not save the change. Please try again.",
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

}  // namespace strada::store::detail
