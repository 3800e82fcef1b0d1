#include "store/migrations.h"

#include <map>

namespace strada::store {

namespace {

std::string_view dialectName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

bool isBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

domain::Result<std::vector<Migration>> selectMigrations(std::span<const MigrationFile> files,
                                                        Backend backend) {
  struct Choice {
    const MigrationFile* neutral = nullptr;
    const MigrationFile* dialect = nullptr;
  };
  std::map<int, Choice> by_version;
  for (const MigrationFile& f : files) {
    if (!f.dialect.empty() && f.dialect != "sqlite" && f.dialect != "postgresql") {
      return domain::internalError("migration " + std::to_string(f.version) +
                                   " has an unknown dialect");
    }
    Choice& c = by_version[f.version];  // the other dialect's file still reserves the number
    if (!f.dialect.empty() && f.dialect != dialectName(backend)) {
      continue;
    }
    const MigrationFile*& slot = f.dialect.empty() ? c.neutral : c.dialect;
    if (slot != nullptr) {
      return domain::internalError("migration " + std::to_string(f.version) +
                                   " has two files for one dialect");
    }
    slot = &f;
  }
  std::vector<Migration> out;
  for (const auto& [version, choice] : by_version) {
    const MigrationFile* f = choice.dialect != nullptr ? choice.dialect : choice.neutral;
    if (f == nullptr) {
      return domain::internalError("migration " + std::to_string(version) + " has no file for " +
                                   std::string(dialectName(backend)));
    }
    out.push_back(Migration{version, std::string(f->name), splitSqlStatements(f->sql)});
  }
  return out;
}

std::vector<std::string> splitSqlStatements(std::string_view sql) {
  std::vector<std::string> out;
  std::string current;
  std::size_t i = 0;
  const std::size_t n = sql.size();
  while (i < n) {
    const char c = sql[i];
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {  // line comment
      while (i < n && sql[i] != '\n') {
        ++i;
      }
      continue;
    }
    if (c == '/' && i + 1 < n && sql[i + 1] == '*') {  // block comment
      const std::size_t end = sql.find("*/", i + 2);
      i = end == std::string_view::npos ? n : end + 2;
      current += ' ';
      continue;
    }
    if (c == '\'' || c == '"') {  // quoted literal or identifier; doubled quote escapes
      current += c;
      ++i;
      while (i < n) {
        current += sql[i];
        if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            current += sql[i + 1];
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        ++i;
      }
      continue;
    }
    if (c == ';') {
      if (!isBlank(current)) {
        out.push_back(current);
      }
      current.clear();
      ++i;
      continue;
    }
    current += c;
    ++i;
  }
  if (!isBlank(current)) {
    out.push_back(current);
  }
  for (std::string& s : out) {
    const std::size_t b = s.find_first_not_of(" \t\r\n");
    const std::size_t e = s.find_last_not_of(" \t\r\n");
    s = s.substr(b, e - b + 1);
  }
  return out;
}

}  // namespace strada::store
