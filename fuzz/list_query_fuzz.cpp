// libFuzzer target for query strings and cursors: the request target as the server parses it
// (http::parseTarget), then the contact list's and the CSV export's query decoders
// (api/contact_list_query.h), the page size and the keyset cursor of every list (api/keyset.h),
// and the checks the other lists use (onlyParams, optionalWholeParam). Build and run: see
// fuzz/README.md.
//
// Input: a request target ("/api/v1/contacts?status=any&cursor=..."); its whole text is also
// tried as a bare cursor and as a page size.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/contact_list_query.h"
#include "api/keyset.h"
#include "domain/encoding.h"
#include "domain/ids.h"
#include "http/message.h"
#include "http/parse.h"

namespace {

void checkError(const strada::domain::Error& error) {
  if (error.code != strada::domain::ErrorCode::kInvalidArgument || error.message.empty() ||
      error.field.size() > 128 || !strada::domain::isValidUtf8(error.field)) {
    __builtin_trap();
  }
}

void checkFilter(const strada::store::ContactFilter& f) {
  if (f.limit < 1 || f.limit > strada::api::kMaxPageSize) {
    __builtin_trap();
  }
  if (f.from && f.to && *f.from >= *f.to) {
    __builtin_trap();
  }
  // A cursor that reaches the store is a time and an id-shaped, printable key.
  if (f.after && !strada::domain::isIdShaped(f.after->id)) {
    __builtin_trap();
  }
  if (!f.consultant.empty() && !strada::domain::isIdShaped(f.consultant)) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto cursor = strada::api::decodeCursorKey(input)) {
    if (!strada::http::isPrintableUtf8(*cursor)) {
      __builtin_trap();
    }
    // What a list hands out is what it reads back.
    auto again = strada::api::decodeCursorKey(strada::api::encodeCursorKey(*cursor));
    if (!again || *again != *cursor) {
      __builtin_trap();
    }
  } else {
    checkError(cursor.error());
  }
  if (auto limit = strada::api::decodePageSize(input);
      limit && (*limit < 1 || *limit > strada::api::kMaxPageSize)) {
    __builtin_trap();
  }

  auto target = strada::http::parseTarget(input);
  if (!target) {
    return 0;
  }
  strada::http::Request req;
  req.method = "GET";
  req.path = target->path;
  req.query = target->query;

  if (auto list = strada::api::decodeListQuery(req)) {
    checkFilter(*list);
  } else {
    checkError(list.error());
  }
  if (auto exported = strada::api::decodeExportQuery(req)) {
    checkFilter(exported->filter);
    if (exported->language.size() > 8 || exported->time_zone.size() > 128) {
      __builtin_trap();
    }
  } else {
    checkError(exported.error());
  }
  if (auto only = strada::api::onlyParams(req, {"from", "to", "lang"}); !only) {
    checkError(only.error());
  }
  if (auto n = strada::api::optionalWholeParam(req, "year", "Use a year."); !n) {
    checkError(n.error());
  }
  return 0;
}
