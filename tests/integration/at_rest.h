// What a test database holds at rest, for the tests that check that sealed or secret text never
// reaches it in the clear. Each check also looks for a control (a row id) that must be found, so
// that it cannot pass by reading nothing.
#pragma once

#include <string>
#include <vector>

#include "support/test_db.h"

namespace strada::testing {

// The bytes of a SQLite test database: its file, then its -wal, -journal and -shm files where
// they exist.
std::string sqliteBytesAtRest(const TestDatabase& tdb);

// Every value of every text, character and bytea column of every table of the public schema of
// a PostgreSQL test database, as text.
std::vector<std::string> postgresValuesAtRest(TestDatabase& tdb);

// Everything the test database holds at rest as one text: the SQLite files' bytes, or every
// PostgreSQL value a line each.
std::string everythingAtRest(TestDatabase& tdb);

}  // namespace strada::testing
