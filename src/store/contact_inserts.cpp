#include "store/contact_inserts.h"

#include <soci/soci.h>

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "store/contact_columns.h"
#include "store/deferred_writes.h"
#include "store/sql_errors.h"
#include "store/statement_cache.h"
#include "store/statements.h"

namespace strada::store::detail {

namespace {

// Most codes one prepared contact_codes INSERT writes; a contact with more (rare: the lists
// allow 80) takes the one-time multi-row INSERT.
constexpr std::size_t kMostPreparedCodeRows = 16;

// contactInsertSql() bound once to its own copy of a row.
class PreparedContactInsert final : public CachedStatement {
 public:
  PreparedContactInsert(soci::session& sql, std::size_t /*key*/) : st_(sql) {
    st_.exchange(soci::use(row_.contact.id, "id"));
    st_.exchange(soci::use(row_.contact.org_id, "org_id"));
    st_.exchange(soci::use(row_.contact.created_by, "created_by"));
    st_.exchange(soci::use(created_at_, "created_at"));
    values_.bindWritten(st_, row_);
    st_.alloc();
    st_.prepare(contactInsertSql(), soci::details::st_repeatable_query);
    st_.define_and_bind();
  }

  void run(const ContactRow& row) {
    row_ = row;  // assigned in place: the statement is bound to these objects
    values_ = ContactValues(row_);
    created_at_ = row_.contact.created_at;
    st_.execute(true);
  }

 private:
  ContactRow row_;
  ContactValues values_;
  long long created_at_ = 0;
  soci::statement st_;  // declared last: it is bound to the members above
};

// A multi-row INSERT of `rows` contact_codes rows, bound once to its own values.
class PreparedCodeInsert final : public CachedStatement {
 public:
  PreparedCodeInsert(soci::session& sql, std::size_t rows) : lists_(rows), codes_(rows), st_(sql) {
    std::string text = std::string("INSERT INTO ") + kContactCodesInto + " VALUES ";
    for (std::size_t i = 0; i < rows; ++i) {
      const std::string n = std::to_string(i);
      st_.exchange(soci::use(contact_id_, "c" + n));
      st_.exchange(soci::use(org_id_, "o" + n));
      st_.exchange(soci::use(lists_[i], "l" + n));
      st_.exchange(soci::use(codes_[i], "k" + n));
      st_.exchange(soci::use(started_at_, "s" + n));
      text.append(i == 0 ? "(:c" : ", (:c").append(n);
      text.append(", :o").append(n).append(", :l").append(n).append(", :k").append(n);
      text.append(", :s").append(n).append(")");
    }
    st_.alloc();
    st_.prepare(text, soci::details::st_repeatable_query);
    st_.define_and_bind();
  }

  void run(const domain::Contact& c,
           const std::vector<std::pair<std::string, const std::string*>>& rows) {
    contact_id_ = c.id;
    org_id_ = c.org_id;
    started_at_ = c.data.started_at;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      lists_[i] = rows[i].first;
      codes_[i] = *rows[i].second;
    }
    st_.execute(true);
  }

 private:
  std::string contact_id_;
  std::string org_id_;
  long long started_at_ = 0;
  std::vector<std::string> lists_;  // sized once: the statement is bound to each element
  std::vector<std::string> codes_;
  soci::statement st_;
};

void insertContactRowOnce(soci::session& sql, const ContactRow& row) {
  const domain::Contact& c = row.contact;
  ContactValues v(row);
  const long long created_at = c.created_at;
  soci::statement st(sql);
  st.exchange(soci::use(c.id, "id"));
  st.exchange(soci::use(c.org_id, "org_id"));
  st.exchange(soci::use(c.created_by, "created_by"));
  st.exchange(soci::use(created_at, "created_at"));
  v.bindWritten(st, row);
  prepareAndRun(st, contactInsertSql());
}

}  // namespace

void insertContactRowsNow(soci::session& sql, StatementCache* cache, const ContactRow& row) {
  const domain::Contact& c = row.contact;
  if (cache == nullptr) {
    insertContactRowOnce(sql, row);
    insertMultiValues(sql, c);
    return;
  }
  cache->get<PreparedContactInsert>().run(row);
  const auto code_rows = contactCodeRows(c);
  if (code_rows.size() > kMostPreparedCodeRows) {
    insertContactCodes(sql, c);
  } else if (!code_rows.empty()) {
    cache->get<PreparedCodeInsert>(code_rows.size()).run(c, code_rows);
  }
  insertContactReferrals(sql, c);
}

void insertContactRows(WriteContext& w, const ContactRow& row) {
  if (DeferredRows* deferred = w.deferredRows(); deferred != nullptr) {
    deferred->addContact(row);
    return;
  }
  insertContactRowsNow(w.sql(), w.statements(), row);
}

domain::Error contactInsertError(const std::exception& e) {
  if (isUniqueViolation(e)) {
    return domain::Error{domain::ErrorCode::kConflict, "A contact with this id already exists.",
                         "id", ""};
  }
  return internalFrom("insert contact", e).value();
}

}  // namespace strada::store::detail
