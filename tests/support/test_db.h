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

 private:
  bool postgres_ = false;
  std::string url_;
  std::string admin_url_;
  std::string db_name_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace strada::testing
