// Repeat callers: look a caller identifier up (earlier contacts, active flags), flag a caller,
// list the organisation's flagged callers and remove a flag. Each route decodes, calls its use
// case in hotline/callers.h, and encodes. The identifier travels only in POST bodies (never in a
// URL); only the first 16 characters of a caller_ref go into a list cursor (a URL).
#include "hotline/callers.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "api/contact_codec.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/keyset.h"
#include "domain/ids.h"

namespace strada::api {
namespace {

using domain::Result;

// The caller a body names: "caller_identifier" (required unless `ref_allowed`), or exactly one of
// it and "caller_ref".
hotline::CallerName readCallerName(JsonFields& in, bool ref_allowed) {
  hotline::CallerName name;
  if (!ref_allowed) {
    name.identifier = in.required("caller_identifier");
    return name;
  }
  in.optional("caller_identifier", name.identifier);
  in.optional("caller_ref", name.ref);
  return name;
}

// POST /api/v1/callers/lookup: {"caller_identifier"}.
Result<std::string> decodeLookup(const http::Request& req) {
  JsonFields in(req.body);
  std::string identifier = in.required("caller_identifier");
  return in.finish(std::move(identifier));
}

boost::json::object encodeFlag(const store::CallerFlag& flag) {
  return {{"flag", flag.flag}, {"expires_at", domain::formatRfc3339(flag.expires_at)}};
}

boost::json::object encodeLookup(const hotline::CallerLookup& found) {
  const auto encode_contact = [](const auto& c) {
    return boost::json::object{{"id", c.id},
                               {"started_at", domain::formatRfc3339(c.data.started_at)},
                               {"kind", c.data.kind},
                               {"category", c.data.category},
                               {"outcome", c.data.outcome},
                               {"status", c.data.status}};
  };
  return {{"earlier_contacts", encodeEach(found.contacts, encode_contact)},
          {"count", found.count},
          {"flags", encodeEach(found.flags, encodeFlag)}};
}

// POST /api/v1/callers/flags: {"caller_identifier", "flag", "expires_at"}.
Arguments<std::string, std::string, domain::UnixMillis> decodeFlag(const http::Request& req) {
  JsonFields in(req.body);
  hotline::CallerName caller = readCallerName(in, false);
  std::string flag = in.required("flag");
  std::string expires_text = in.required("expires_at");
  if (auto done = in.finish(); !done) {
    return tl::unexpected(done.error());
  }
  auto expires_at = domain::parseRfc3339(expires_text, "expires_at");
  if (!expires_at) {
    return tl::unexpected(expires_at.error());
  }
  return std::tuple(std::move(*caller.identifier), std::move(flag), *expires_at);
}

// POST /api/v1/callers/flags/delete: {"caller_identifier" or "caller_ref", "flag"}.
Arguments<hotline::CallerName, std::string> decodeUnflag(const http::Request& req) {
  JsonFields in(req.body);
  hotline::CallerName caller = readCallerName(in, true);
  std::string flag = in.required("flag");
  return in.finish(std::tuple(std::move(caller), std::move(flag)));
}

// --- the organisation's flagged callers ---

// Of the blind index, a cursor carries what an audit event names: its first 16 characters.
constexpr std::size_t kCursorHashChars = 16;
constexpr std::size_t kMaxFlagCodeBytes = 64;

// The cursor's key: "<created_at>:<first 16 characters of the index>:<flag>".
std::string encodeFlagCursor(const hotline::FlaggedCallerItem& item) {
  const store::CallerFlag& last = item.row.flag;
  return encodeCursorKey(std::to_string(last.created_at) + ":" +
                         last.caller_hash.substr(0, kCursorHashChars) + ":" + last.flag);
}

Result<store::FlaggedCallerCursor> decodeFlagCursor(std::string_view text) {
  auto raw = decodeCursorKey(text);
  if (!raw) {
    return tl::unexpected(raw.error());
  }
  const std::string_view key = *raw;
  const auto first = key.find(':');
  const auto second = first == std::string_view::npos ? first : key.find(':', first + 1);
  if (second == std::string_view::npos) {
    return invalidCursor();
  }
  store::FlaggedCallerCursor cursor;
  const std::string_view at = key.substr(0, first);
  const auto [ptr, ec] = std::from_chars(at.data(), at.data() + at.size(), cursor.created_at);
  const std::string_view prefix = key.substr(first + 1, second - first - 1);
  const std::string_view flag = key.substr(second + 1);
  if (at.empty() || ec != std::errc() || ptr != at.data() + at.size() ||
      !domain::isLowerHex(prefix, kCursorHashChars) || flag.empty() ||
      flag.size() > kMaxFlagCodeBytes) {
    return invalidCursor();
  }
  cursor.caller_hash_prefix = std::string(prefix);
  cursor.flag = std::string(flag);
  return cursor;
}

// GET /api/v1/callers/flags: the page's cursor and size.
Arguments<std::optional<store::FlaggedCallerCursor>, std::int32_t> decodeFlagListQuery(
    const http::Request& req) {
  std::optional<store::FlaggedCallerCursor> after;
  std::int32_t limit = kDefaultPageSize;
  for (const auto& [key, value] : req.query) {
    if (auto s = applyPageParam(key, value, limit, after, decodeFlagCursor); !s) {
      return tl::unexpected(s.error());
    }
  }
  return std::tuple(std::move(after), limit);
}

boost::json::object encodeFlaggedCaller(const hotline::FlaggedCallerItem& item) {
  const store::CallerFlag& f = item.row.flag;
  boost::json::value latest = nullptr;
  if (item.row.latest_contact) {
    latest = boost::json::object{
        {"id", item.row.latest_contact->id},
        {"started_at", domain::formatRfc3339(item.row.latest_contact->started_at)}};
  }
  boost::json::value author_name = nullptr;
  if (item.author_name) {
    author_name = colleagueName(*item.author_name, f.created_by);
  }
  return boost::json::object{{"caller_ref", f.caller_hash},
                             {"flag", f.flag},
                             {"expires_at", domain::formatRfc3339(f.expires_at)},
                             {"created_by", f.created_by},
                             {"created_by_name", std::move(author_name)},
                             {"created_at", domain::formatRfc3339(f.created_at)},
                             {"contact_count", item.row.contact_count},
                             {"latest_contact", std::move(latest)}};
}

// A page of the list: {"items": [flagged caller...], "next_cursor"}.
boost::json::object encodeFlaggedPage(const hotline::FlaggedCallerPage& page) {
  return keysetPageBody(page.items, page.more, encodeFlaggedCaller, encodeFlagCursor);
}

}  // namespace

void registerCallerRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/callers/lookup", Permission::kCallerLookup, decodeLookup,
               hotline::lookUpCaller, encodeLookup);
  routes.route("POST", "/api/v1/callers/flags", Permission::kCallerFlagWrite, decodeFlag,
               hotline::flagCaller, encodeFlag);
  routes.route("GET", "/api/v1/callers/flags", Permission::kCallerFlagWrite, decodeFlagListQuery,
               hotline::listFlaggedCallers, encodeFlaggedPage);
  routes.route("POST", "/api/v1/callers/flags/delete", Permission::kCallerFlagWrite, decodeUnflag,
               hotline::unflagCaller);
}

}  // namespace strada::api
