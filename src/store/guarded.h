// Private to store/: the one try/catch every repository function shares, what a write's unique
// violation or unchanged row means to the person, and the shapes of reading rows.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "domain/error.h"
#include "store/sql_errors.h"
#include "store/statements.h"

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

// How a value is bound: 64-bit integers (times, counts) as long long and bools as 0 or 1, the
// types both backends take; any other value as itself.
template <class T>
struct Bound {
  using Type = const T&;
};
template <>
struct Bound<std::int64_t> {
  using Type = long long;
};
template <>
struct Bound<bool> {
  using Type = int;
};

// ":p0, :p1, ..." for `count` parameters.
std::string placeholders(std::size_t count);

// Inserts one row into `table` (a constant of ours, never input): `columns` names its columns,
// `values` are theirs in the same order.
template <class... Values>
void insertRow(soci::session& sql, std::string_view table, std::string_view columns,
               const Values&... values) {
  const std::tuple<typename Bound<Values>::Type...> bound(values...);
  soci::statement st(sql);
  std::apply([&st](const auto&... value) { useEach(st, value...); }, bound);
  prepareAndRun(st, "INSERT INTO " + std::string(table) + " (" + std::string(columns) +
                        ") VALUES (" + placeholders(sizeof...(Values)) + ")");
}

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

// Row holders of a query: `bindInto(st)` binds them as the columns of `st`, in order, and
// `toRow()` makes the row they hold after a fetch.
template <class Columns>
using RowOf = decltype(std::declval<Columns&>().toRow());

// Runs `query` once, its columns read into `columns` and `params` bound in order.
template <class Columns, class... Params>
void runSelect(soci::statement& st, Columns& columns, const std::string& query,
               const Params&... params) {
  columns.bindInto(st);
  useEach(st, params...);
  prepareAndExecute(st, query);
}

// guarded(): every row of `query` (see runSelect()), made by columns.toRow().
template <class Columns, class... Params>
domain::Result<std::vector<RowOf<Columns>>> selectRows(soci::session& sql, std::string_view what,
                                                       Columns& columns, const std::string& query,
                                                       const Params&... params) {
  return guarded(what, [&]() -> domain::Result<std::vector<RowOf<Columns>>> {
    soci::statement st(sql);
    runSelect(st, columns, query, params...);
    return collectRows(st, [&] { return columns.toRow(); });
  });
}

// selectRows() for a query of one row at most: that row, or nothing.
template <class Columns, class... Params>
domain::Result<std::optional<RowOf<Columns>>> selectRow(soci::session& sql, std::string_view what,
                                                        Columns& columns, const std::string& query,
                                                        const Params&... params) {
  return selectRows(sql, what, columns, query, params...)
      .map([](std::vector<RowOf<Columns>> rows) -> std::optional<RowOf<Columns>> {
        if (rows.empty()) {
          return std::nullopt;
        }
        return std::move(rows.front());
      });
}

}  // namespace strada::store::detail
