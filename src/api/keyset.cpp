#include "api/keyset.h"

#include <charconv>

#include "crypto/crypto.h"
#include "http/parse.h"

namespace strada::api {

domain::Result<std::int32_t> decodePageSize(std::string_view text) {
  std::int32_t n = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || n < 1 || n > kMaxPageSize) {
    return domain::invalidField("limit", "Use a page size between 1 and 200.");
  }
  return n;
}

std::string encodeCursorKey(std::string_view key) { return crypto::toBase64Url(key); }

domain::Result<std::string> decodeCursorKey(std::string_view cursor) {
  auto key = crypto::fromBase64Url(cursor);
  // A crafted key must not carry bytes that the database refuses (PostgreSQL answers invalid
  // UTF-8 with an error) or that would reach a log line.
  if (!key || !http::isPrintableUtf8(*key)) {
    return invalidCursor();
  }
  return std::move(*key);
}

tl::unexpected<domain::Error> invalidCursor() {
  return domain::invalidField("cursor",
                              "This cursor is not valid. Start again from the first page.");
}

boost::json::object keysetPageBody(boost::json::array items,
                                   std::optional<std::string> next_cursor) {
  boost::json::object body{{"items", std::move(items)}, {"next_cursor", nullptr}};
  if (next_cursor) {
    body["next_cursor"] = *next_cursor;
  }
  return body;
}

}  // namespace strada::api
