#include "integration/at_rest.h"

#include <soci/soci.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace strada::testing {

std::string sqliteBytesAtRest(const TestDatabase& tdb) {
  const std::string path = tdb.url().substr(std::string("sqlite:").size());
  std::string bytes;
  for (const std::string& p : {path, path + "-wal", path + "-journal", path + "-shm"}) {
    if (std::filesystem::exists(p)) {
      std::ifstream in(p, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  return bytes;
}

std::vector<std::string> postgresValuesAtRest(TestDatabase& tdb) {
  std::vector<std::string> values;
  tdb.db().read([&](soci::session& sql) {
    std::vector<std::string> tables(1000);
    std::vector<std::string> columns(1000);
    sql << "SELECT table_name, column_name FROM information_schema.columns "
           "WHERE table_schema = 'public' AND data_type IN ('text', 'bytea', "
           "'character varying', 'character')",
        soci::into(tables), soci::into(columns);
    for (std::size_t i = 0; i < tables.size(); ++i) {
      // Names come from the catalogue, never from input.
      soci::rowset<std::string> rows =
          (sql.prepare << "SELECT COALESCE(CAST(\"" + columns[i] + "\" AS TEXT), '') FROM \"" +
                              tables[i] + "\"");
      for (const auto& v : rows) {
        values.push_back(v);
      }
    }
  });
  return values;
}

std::string everythingAtRest(TestDatabase& tdb) {
  if (!tdb.isPostgres()) {
    return sqliteBytesAtRest(tdb);
  }
  std::string out;
  for (const auto& v : postgresValuesAtRest(tdb)) {
    out += v + '\n';
  }
  return out;
}

}  // namespace strada::testing
