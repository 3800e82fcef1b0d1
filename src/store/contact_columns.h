// Private to store/: the contacts table's columns in ONE place. Which columns a page of contacts
// reads and how a row becomes a domain::Contact; which columns a write binds and the INSERT and
// UPDATE built from that one list; how a contact's multi-valued codes and referrals are written
// and how a page's are loaded.
// contact_repository.cpp and contact_queries.cpp both use it, so a new column is added here once.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/contact.h"
#include "store/contact_repository.h"
#include "store/statements.h"

namespace strada::store::detail {

// A nullable BIGINT column.
struct NullableMillis {
  long long value = 0;
  soci::indicator ind = soci::i_null;

  [[nodiscard]] std::optional<domain::UnixMillis> get() const;
  static NullableMillis of(const std::optional<domain::UnixMillis>& v);
};

// "SELECT <every coded column>" without FROM: never a sealed column (nor caller_region, the
// clear column emptied since the region is sealed). ContactColumns::bindInto
// binds exactly these, in this order.
extern const char* const kContactSelect;
// The same list with every column written contacts.<column>, for queries that join.
const std::string& qualifiedContactSelect();

// A contact's numeric and nullable columns in bindable form (ints for bools, long long for
// instants), converted to and from the contact in this one place.
struct ContactNumbers {
  long long started_at = 0;
  long long updated_at = 0;
  int duration_s = 0;
  int anonymous = 0;
  int imminent_danger = 0;
  int follow_up_needed = 0;
  int version = 0;
  NullableMillis follow_up_due, follow_up_done_at, finalised_at;

  ContactNumbers() = default;
  explicit ContactNumbers(const domain::Contact& c);
  void copyTo(domain::Contact& c) const;
};

// Holders for one row of kContactSelect: the text columns are read straight into `row`.
struct ContactColumns {
  ContactRow row;
  long long created_at = 0;
  ContactNumbers numbers;

  void bindInto(soci::statement& st);
  // The row as read (no multi-valued codes yet, no sealed columns).
  [[nodiscard]] ContactRow toRow() const;
};

// The written columns of one contact in bindable form. Bound by reference: keep it (and the row
// it was made from) alive and unmoved while a statement that bound it runs.
struct ContactValues : ContactNumbers {
  std::string summary_hex, caller_sealed_hex, region_sealed_hex;

  ContactValues() = default;
  explicit ContactValues(const ContactRow& row);
  // Binds, by name, every column an insert and an update both write (not id, org_id,
  // created_by, created_at): `row`'s strings and this object's converted values.
  void bindWritten(soci::statement& st, const ContactRow& row);
};

// INSERT of the identity columns (id, org_id, created_by, created_at) and every written column;
// UPDATE of the written columns WHERE id = :id AND org_id = :org_id AND version = :expected.
const std::string& contactInsertSql();
const std::string& contactUpdateSql();

// The multi-valued code lists as contact_codes names them.
inline constexpr const char* kListExploitation = "exploitation";
inline constexpr const char* kListIndustry = "industry";
inline constexpr const char* kListIndicator = "indicator";
inline constexpr const char* kListAssistance = "assistance";

// Within a write: the contact_codes rows (started_at copied) and contact_referrals rows of `c`
// (none exist yet).
void insertMultiValues(soci::session& sql, const domain::Contact& c);
// The two halves of insertMultiValues, each one multi-row INSERT per 200 rows (none for none).
void insertContactCodes(soci::session& sql, const domain::Contact& c);
void insertContactReferrals(soci::session& sql, const domain::Contact& c);

// contact_codes' written columns, and `c`'s (list, code) rows in the order they are written.
inline constexpr const char* kContactCodesInto =
    "contact_codes (contact_id, org_id, list, code, started_at)";
std::vector<std::pair<std::string, const std::string*>> contactCodeRows(const domain::Contact& c);

// Fills the multi-valued codes (code order: by list, then code) and referral ids (by agency id)
// of `rows`, a few queries per 200 contacts.
void loadMultiValues(soci::session& sql, std::vector<ContactRow>& rows);

// Every row of `st` (executed, bound with `cols`), with its multi-valued codes and referrals.
std::vector<ContactRow> fetchContactRows(soci::session& sql, soci::statement& st,
                                         ContactColumns& cols);

// Every row of "kContactSelect FROM contacts <tail>", with its multi-valued codes and referrals;
// `uses` (soci::use(value, name)) bind the tail's values.
template <class... Uses>
std::vector<ContactRow> queryContacts(soci::session& sql, const std::string& tail, Uses... uses) {
  ContactColumns cols;
  soci::statement st(sql);
  cols.bindInto(st);
  (st.exchange(uses), ...);
  prepareAndExecute(st, std::string(kContactSelect) + " FROM contacts " + tail);
  return fetchContactRows(sql, st, cols);
}

}  // namespace strada::store::detail
