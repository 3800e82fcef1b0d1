// Test support: a real, empty database of the backend named by STRADA_TEST_BACKEND
// ("sqlite" by default, or "postgresql" with a server at STRADA_TEST_PG_URL, which ./test starts).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"

namespace strada::testing {

// A fresh, migrated database for one test. On SQLite: a new file in a temporary folder removed at
// destruction. On PostgreSQL: a new database created on the server and dropped at destruction.
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  store::Database& db() { return *db_; }
  const std::string& url() const { return url_; }
  const std::filesystem::path& dir() const { return dir_; }  // a temp folder, also on PostgreSQL
  bool isPostgres() const { return postgres_; }
  // Closes and reopens the connection (a restart), keeping the data.
  void reopen();
  // A whole backup of the database into `file`, the way an operator takes one: SQLite's
  // VACUUM INTO (an online copy), PostgreSQL's pg_dump (custom format).
  void backupTo(const std::filesystem::path& file);
  // Replaces the database with the backup in `file` (no server may be running on it): the
  // SQLite file is copied back; PostgreSQL's database is dropped, created and pg_restored.
  void restoreFrom(const std::filesystem::path& file);

 private:
  bool postgres_ = false;
  std::string url_;
  std::string admin_url_;
  std::string db_name_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace strada::testing
