// Private to store/: running a statement whose exchanges (into/use) were added one by one, for
// queries whose clauses vary. Each runs ONCE: on PostgreSQL that is one round trip (PQexecParams)
// instead of three (PREPARE, EXECUTE, DEALLOCATE), and its plan is made for the values bound.
#pragma once

#include <soci/soci.h>

#include <string>

namespace strada::store::detail {

// A SELECT: rows are fetched afterwards with st.fetch().
void prepareAndExecute(soci::statement& st, const std::string& query);
// An INSERT, UPDATE or DELETE: run at once (st.get_affected_rows() afterwards).
void prepareAndRun(soci::statement& st, const std::string& query);

}  // namespace strada::store::detail
