// Private to store/: the SQL migrations compiled into the binary, and how they are chosen and
// split into statements.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace strada::store {

// One migrations/*.sql file as embedded by embed_migrations.cmake.
struct MigrationFile {
  int version;
  std::string_view name;
  std::string_view dialect;  // "" for both backends, else "sqlite" or "postgresql"
  std::string_view sql;
};

// Every embedded file, sorted by file name. Generated at build time.
std::span<const MigrationFile> embeddedMigrationFiles();

struct Migration {
  int version = 0;
  std::string name;
  std::vector<std::string> statements;
};

// For each version, the file of `backend`'s dialect if there is one, else the dialect-neutral
// file; in ascending version order. Internal when a version has two files of one dialect or two
// names.
[[nodiscard]] domain::Result<std::vector<Migration>> selectMigrations(
    std::span<const MigrationFile> files, Backend backend);

// Splits a script on the semicolons that end statements (outside quotes and comments); drops
// comments and empty statements. SOCI runs one statement per call.
std::vector<std::string> splitSqlStatements(std::string_view sql);

}  // namespace strada::store
