// Private to store/: the one try/catch every repository function shares, what a write's unique
// violation or unchanged row means to the person, and the shapes of reading rows.
#pragma once

#include <soci/soci.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "store/sql_errors.h"

namespace strada::store::detail {

// Runs `body` (database work returning a domain::Result); a database exception becomes an internal
// error naming `what` with the safe database message (sql_errors.h), never the bound values.
template <class Body>
auto guarded(std::string_view what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return internalFrom(what, e);
  }
}

// One meaning of a unique violation on `table`: the violation names `column` ("" matches any).
struct UniqueConflict {
  std::string_view column;
  std::string_view message;
  std::string_view field;
  std::string_view detail = {};
};

// The conflict error of the first rule that `e` matches; nothing when `e` is no unique violation.
std::optional<tl::unexpected<domain::Error>> uniqueConflict(
    const std::exception& e, std::string_view table, std::initializer_list<UniqueConflict> rules);

// guarded() for a write whose unique violation the person can act on: answered by `rules`.
template <class Body>
auto guardedWrite(std::string_view what, std::string_view table,
                  std::initializer_list<UniqueConflict> rules, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    if (auto conflict = uniqueConflict(e, table, rules)) {
      return *conflict;
    }
    return internalFrom(what, e);
  }
}

// Runs `st`, an UPDATE or DELETE of one row; when it changed none, a not-found error.
domain::Status changeOneRow(soci::statement& st, std::string_view not_found,
                            std::string_view field = {});

// A table whose rows carry a version (optimistic concurrency) and what to say when an UPDATE
// ... WHERE id AND org_id AND version = :expected changed no row.
struct VersionedTable {
  const char* table;
  std::string_view not_found;
  std::string_view changed_meanwhile;
};

// After such an UPDATE changed no row: not found when the row does not exist in the organisation,
// otherwise someone else's change came first (a conflict on "version").
domain::Status explainUnchangedRow(soci::session& sql, const VersionedTable& t,
                                   const std::string& id, const std::string& org_id);

// Binds every holder as the next column of `st`, in order.
template <class... Columns>
void intoEach(soci::statement& st, Columns&... columns) {
  (st.exchange(soci::into(columns)), ...);
}

// Binds every value as the next parameter of `st`, in order (each must outlive the run).
template <class... Values>
void useEach(soci::statement& st, const Values&... values) {
  (st.exchange(soci::use(values)), ...);
}

// What to say when a statement meant to change one row did not.
struct RowUnchanged {
  domain::ErrorCode code;
  std::string_view message;
  std::string_view field = {};
};

// Runs `query` (an UPDATE or DELETE meant to change one row, its values bound to `st`) once; when
// it changed none, or several, the error `unchanged` describes.
domain::Status runOnOneRow(soci::statement& st, const std::string& query,
                           const RowUnchanged& unchanged);

// Appends `clause` to `text` and binds `value` as :`name` when `when`; every value stays bound.
void addClauseIf(bool when, std::string& text, soci::statement& st, std::string_view clause,
                 const std::string& value, const std::string& name);
// The same, when `value` is set (not empty).
inline void addClauseIfSet(std::string& text, soci::statement& st, std::string_view clause,
                           const std::string& value, const std::string& name) {
  addClauseIf(!value.empty(), text, st, clause, value, name);
}

// Every remaining row of executed `st`, each made by `make()` from the holders bound to it.
template <class Make>
auto collectRows(soci::statement& st, Make&& make) -> std::vector<decltype(make())> {
  std::vector<decltype(make())> out;
  while (st.fetch()) {
    out.push_back(make());
  }
  return out;
}

// The first row of executed `st`, made by `make()` (which can fail); nothing when there is none.
template <class Make>
auto fetchCheckedRow(soci::statement& st, Make&& make)
    -> domain::Result<std::optional<typename decltype(make())::value_type>> {
  if (!st.fetch()) {
    return std::nullopt;
  }
  auto row = make();
  if (!row) {
    return tl::unexpected(row.error());
  }
  return std::optional<typename decltype(make())::value_type>(std::move(*row));
}

// collectRows() for rows whose making can fail (a sealed column that is not hex): the first
// failure.
template <class Make>
auto collectCheckedRows(soci::statement& st, Make&& make)
    -> domain::Result<std::vector<typename decltype(make())::value_type>> {
  std::vector<typename decltype(make())::value_type> out;
  while (st.fetch()) {
    auto row = make();
    if (!row) {
      return tl::unexpected(row.error());
    }
    out.push_back(std::move(*row));
  }
  return out;
}

}  // namespace strada::store::detail
