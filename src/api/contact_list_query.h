// Decoding the query parameters of the contact list, the CSV export, the supervision views and
// the statistics: every bad value is a 400 naming its parameter.
#pragma once

#include <charconv>
#include <initializer_list>
#include <string>
#include <string_view>

#include "domain/contact.h"
#include "domain/error.h"
#include "http/message.h"
#include "store/contact_queries.h"

namespace strada::api {

// A whole number that is all of `text`.
template <class Int>
bool parseWhole(std::string_view text, Int& out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

// The list's cursor: base64url of "<started_at>:<id>" of the last row of a page.
std::string encodeContactCursor(const domain::Contact& last);

// The list's filters, page size and cursor (GET /api/v1/contacts). Without a status: final
// contacts and the drafts the reader may see.
[[nodiscard]] domain::Result<store::ContactFilter> decodeListQuery(const http::Request& req);

// The export's filters (by default final contacts only), its label language ("lang") and its
// local times' zone ("tz") or fixed offset ("tz_offset_minutes").
struct ExportParams {
  store::ContactFilter filter;
  std::string language;   // "" when not given
  std::string time_zone;  // "tz": an IANA name; "" when not given
  std::optional<std::int32_t> utc_offset_minutes;
};
[[nodiscard]] domain::Result<ExportParams> decodeExportQuery(const http::Request& req);

// InvalidArgument naming the first query parameter that is not one of `keys`.
[[nodiscard]] domain::Status onlyParams(const http::Request& req,
                                        std::initializer_list<std::string_view> keys);

// The whole-number parameter `key` if given; InvalidArgument naming it with `message` when it is
// not a whole number.
[[nodiscard]] domain::Result<std::optional<std::int32_t>> optionalWholeParam(
    const http::Request& req, std::string_view key, const char* message);

}  // namespace strada::api
