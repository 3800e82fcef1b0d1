// Private to store/: writing a new contact's rows (the contacts row, its contact_codes and
// contact_referrals rows) in a write job, with the writer connection's prepared statements when
// the context has them, as one-time statements otherwise. The columns come from
// store/contact_columns.h, their one home.
#pragma once

#include "store/contact_repository.h"
#include "store/database.h"

namespace strada::store::detail {

// Inserts `row`'s contact, codes and referrals in w's transaction. Throws what SOCI throws (a
// unique violation for a taken id).
void insertContactRows(WriteContext& w, const ContactRow& row);

}  // namespace strada::store::detail
