#include "support/test_db.h"

#include <libpq-fe.h>
#include <soci/soci.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <system_error>

namespace strada::testing {

namespace {

std::string envOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

std::string uniqueSuffix() {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  return std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1)) + "_" +
         std::to_string(rd() % 1000000U);
}

// The admin URL with its database name replaced: ".../postgres?x=y" -> ".../<name>?x=y".
std::string withDatabase(const std::string& admin_url, const std::string& name) {
  const std::size_t scheme = admin_url.find("://");
  const std::size_t query = admin_url.find('?', scheme == std::string::npos ? 0 : scheme + 3);
  const std::string base = admin_url.substr(0, query);
  const std::string tail = query == std::string::npos ? std::string() : admin_url.substr(query);
  const std::size_t slash = base.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const std::string host_part = slash == std::string::npos ? base : base.substr(0, slash);
  return host_part + "/" + name + tail;
}

// Runs one statement on the admin database with libpq (which takes the URL as it is).
void adminExec(const std::string& admin_url, const std::string& statement) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult* result = PQexec(conn, statement.c_str());
    if (PQresultStatus(result) != PGRES_COMMAND_OK) {
      error = PQresultErrorMessage(result);
    }
    PQclear(result);
  }
  PQfinish(conn);
  if (!error.empty()) {
    throw std::runtime_error(error);
  }
}

// Runs a command line of ours (paths and URLs of the test, without quotes in them).
void runOrThrow(const std::string& command) {
  if (std::system(command.c_str()) != 0) {  // NOLINT(cert-env33-c): a test's own tool
    throw std::runtime_error("TestDatabase: failed: " + command);
  }
}

std::unique_ptr<store::Database> openOrThrow(const std::string& url) {
  auto db = store::Database::open(store::DatabaseOptions{url, 4, 512});
  if (!db) {
    throw std::runtime_error("TestDatabase: open failed: " + db.error().message + " (" +
                             db.error().detail + ")");
  }
  return std::move(*db);
}

}  // namespace

TestDatabase::TestDatabase() {
  const std::string backend = envOr("STRADA_TEST_BACKEND", "sqlite");
  std::error_code ec;
  dir_ = std::filesystem::temp_directory_path() / ("strada_test_" + uniqueSuffix());
  std::filesystem::create_directories(dir_, ec);
  if (ec) {
    throw std::runtime_error("TestDatabase: cannot create a temporary folder: " + ec.message());
  }
  if (backend == "sqlite") {
    url_ = store::sqliteUrlForDataDir(dir_.string());
  } else if (backend == "postgresql") {
    postgres_ = true;
    admin_url_ = envOr("STRADA_TEST_PG_URL", "");
    if (admin_url_.empty()) {
      throw std::runtime_error(
          "STRADA_TEST_BACKEND=postgresql needs STRADA_TEST_PG_URL, e.g. "
          "postgresql://postgres@127.0.0.1:PORT/postgres (start one with "
          "scripts/pg-test-server.sh start /tmp/strada-pg)");
    }
    db_name_ = "strada_test_" + uniqueSuffix();
    try {
      adminExec(admin_url_, "CREATE DATABASE " + db_name_);  // a generated name, never input
    } catch (const std::exception& e) {
      throw std::runtime_error("TestDatabase: CREATE DATABASE failed on STRADA_TEST_PG_URL: " +
                               std::string(e.what()));
    }
    url_ = withDatabase(admin_url_, db_name_);
  } else {
    throw std::runtime_error("STRADA_TEST_BACKEND must be \"sqlite\" or \"postgresql\", not \"" +
                             backend + "\"");
  }
  db_ = openOrThrow(url_);
  auto migrated = db_->migrate();
  if (!migrated) {
    throw std::runtime_error("TestDatabase: migrate failed: " + migrated.error().message + " (" +
                             migrated.error().detail + ")");
  }
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (postgres_ && !db_name_.empty()) {
    try {
      adminExec(admin_url_, "DROP DATABASE IF EXISTS " + db_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
      // A leftover database on a throwaway server; the server's folder is removed by ./test.
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void TestDatabase::backupTo(const std::filesystem::path& file) {
  if (!postgres_) {
    const std::string target = file.string();  // a temporary path of ours, no quote in it
    db_->read([&](soci::session& sql) { sql << "VACUUM INTO '" + target + "'"; });
    return;
  }
  runOrThrow("pg_dump -Fc -f '" + file.string() + "' '" + url_ + "'");
}

void TestDatabase::restoreFrom(const std::filesystem::path& file) {
  db_.reset();
  if (!postgres_) {
    const std::filesystem::path live = dir_ / "strada.db";
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(live.string() + suffix);
    }
    std::filesystem::copy_file(file, live);
  } else {
    adminExec(admin_url_, "DROP DATABASE " + db_name_ + " WITH (FORCE)");
    adminExec(admin_url_, "CREATE DATABASE " + db_name_);
    runOrThrow("pg_restore --no-owner -d '" + url_ + "' '" + file.string() + "'");
  }
  db_ = openOrThrow(url_);
}

void TestDatabase::reopen() {
  db_.reset();
  db_ = openOrThrow(url_);
}

}  // namespace strada::testing
