// Keyset pagination of the API's lists (contacts, agencies): the "limit" and "cursor" query
// parameters, reading a page with one row of look-ahead, and the page body
// {"items": [...], "next_cursor": string or null}.
//
// A cursor is opaque to clients: base64url of the sort key of the last row of a page. Each list
// decides what its key holds, and answers invalidCursor() when a decoded key is not one of its.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/async.h"
#include "api/handler.h"
#include "domain/error.h"
#include "store/database.h"

namespace strada::api {

inline constexpr std::int32_t kDefaultPageSize = 50;
inline constexpr std::int32_t kMaxPageSize = 200;

// The "limit" parameter: a whole number from 1 to kMaxPageSize, else InvalidArgument on "limit".
[[nodiscard]] domain::Result<std::int32_t> decodePageSize(std::string_view text);

// The cursor of a page whose last row has the sort key `key`.
std::string encodeCursorKey(std::string_view key);

// The sort key back from a "cursor" parameter; invalidCursor() when it is not base64url, or
// when the key it holds is not UTF-8 without control characters (http::isPrintableUtf8).
[[nodiscard]] domain::Result<std::string> decodeCursorKey(std::string_view cursor);

// InvalidArgument on "cursor": the client starts again from the first page.
[[nodiscard]] tl::unexpected<domain::Error> invalidCursor();

// The parameters every list takes after its own: "limit" sets `limit` (decodePageSize), "cursor"
// sets `after` (decoded by `decode_cursor`), and any other `key` is unknownParam.
template <class Cursor>
[[nodiscard]] domain::Status applyPageParam(
    std::string_view key, std::string_view value, std::int32_t& limit, std::optional<Cursor>& after,
    domain::Result<Cursor> (*decode_cursor)(std::string_view)) {
  if (key == "limit") {
    auto n = decodePageSize(value);
    if (!n) {
      return tl::unexpected(n.error());
    }
    limit = *n;
    return {};
  }
  if (key != "cursor") {
    return unknownParam(key);
  }
  auto cursor = decode_cursor(value);
  if (!cursor) {
    return tl::unexpected(cursor.error());
  }
  after = std::move(*cursor);
  return {};
}

// One page of a list. `more`: a next page exists, and starts after rows.back().
template <class Row>
struct KeysetPage {
  std::vector<Row> rows;
  bool more = false;
};

// Runs `read(sql, query)` on a reader thread for the page of `query.limit` rows. The store is
// asked for one row more: that row, dropped here, tells whether a next page exists.
template <class Row, class Query>
boost::asio::awaitable<domain::Result<KeysetPage<Row>>> readKeysetPage(
    store::Database& db, Query query,
    domain::Result<std::vector<Row>> (*read)(soci::session&, const Query&)) {
  const std::int32_t page = query.limit;
  query.limit = page + 1;
  auto job = [q = std::move(query), read](soci::session& sql) { return read(sql, q); };
  auto rows = co_await awaitRead<domain::Result<std::vector<Row>>>(db, std::move(job));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  KeysetPage<Row> out{std::move(*rows), false};
  if (out.rows.size() > static_cast<std::size_t>(page)) {
    out.rows.resize(static_cast<std::size_t>(page));
    out.more = !out.rows.empty();
  }
  co_return out;
}

// {"items": items, "next_cursor": next_cursor, or null on the last page}
boost::json::object keysetPageBody(boost::json::array items,
                                   std::optional<std::string> next_cursor);

// The body of a page of `rows`: {"items": [encode_row(row)...], "next_cursor":
// cursor_of(rows.back()) when `more`, else null}.
template <class Rows, class EncodeRow, class CursorOf>
boost::json::object keysetPageBody(const Rows& rows, bool more, const EncodeRow& encode_row,
                                   const CursorOf& cursor_of) {
  std::optional<std::string> next_cursor;
  if (more && !rows.empty()) {
    next_cursor = cursor_of(rows.back());
  }
  return keysetPageBody(encodeEach(rows, encode_row), std::move(next_cursor));
}

}  // namespace strada::api
