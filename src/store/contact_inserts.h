// Private to store/: writing a new contact's rows (the contacts row, its contact_codes and
// contact_referrals rows) in a write job, with the writer connection's prepared statements when
// the context has them, as one-time statements otherwise. The columns come from
// store/contact_columns.h, their one home.
#pragma once

#include <exception>

#include "domain/error.h"
#include "store/contact_repository.h"
#include "store/database.h"

namespace strada::store::detail {

class StatementCache;

// Inserts `row`'s contact, codes and referrals in w's transaction, or defers them while the job
// has run no statement of its own (store/deferred_writes.h). Throws what SOCI throws (a unique
// violation for a taken id).
void insertContactRows(WriteContext& w, const ContactRow& row);
// The same, written at once on `sql` with `cache`'s statements (null: one-time statements).
void insertContactRowsNow(soci::session& sql, StatementCache* cache, const ContactRow& row);
// The error of a failed contact insert, as store::insertContact reports it.
[[nodiscard]] domain::Error contactInsertError(const std::exception& e);

}  // namespace strada::store::detail
