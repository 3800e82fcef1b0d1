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

using boost::asio::awaitable;
using domain::Result;

// The caller a body names: "caller_identifier" (required unless `ref_allowed`), or exactly one of
// it and "caller_ref".
Result<hotline::CallerName> decodeCallerName(JsonInput& in, bool ref_allowed) {
  hotline::CallerName name;
  if (!ref_allowed) {
    auto identifier = in.requiredString("caller_identifier");
    if (!identifier) {
      return tl::unexpected(identifier.error());
    }
    name.identifier = std::move(*identifier);
    return name;
  }
  auto identifier = in.optionalString("caller_identifier");
  if (!identifier) {
    return tl::unexpected(identifier.error());
  }
  auto ref = in.optionalString("caller_ref");
  if (!ref) {
    return tl::unexpected(ref.error());
  }
  name.identifier = std::move(*identifier);
  name.ref = std::move(*ref);
  return name;
}

boost::json::array encodeFlags(const std::vector<store::CallerFlag>& flags) {
  boost::json::array out;
  for (const auto& f : flags) {
    out.push_back(
        boost::json::object{{"flag", f.flag}, {"expires_at", domain::formatRfc3339(f.expires_at)}});
  }
  return out;
}

awaitable<http::Response> lookupCaller(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto in = JsonInput::parse(req.body);
  if (!in) {
    co_return errorResponse(req, in.error());
  }
  auto identifier = in->requiredString("caller_identifier");
  if (!identifier) {
    co_return errorResponse(req, identifier.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  auto found = co_await hotline::lookUpCaller(ctx.hotline(), actorOf(who, req.request_id),
                                              std::move(*identifier));
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  boost::json::array contacts;
  for (const auto& c : found->contacts) {
    contacts.push_back(boost::json::object{{"id", c.id},
                                           {"started_at", domain::formatRfc3339(c.data.started_at)},
                                           {"kind", c.data.kind},
                                           {"category", c.data.category},
                                           {"outcome", c.data.outcome},
                                           {"status", c.data.status}});
  }
  co_return http::Response::json(200, boost::json::object{{"earlier_contacts", std::move(contacts)},
                                                          {"count", found->count},
                                                          {"flags", encodeFlags(found->flags)}});
}

awaitable<http::Response> flagCaller(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  auto in = JsonInput::parse(req.body);
  if (!in) {
    co_return errorResponse(req, in.error());
  }
  auto caller = decodeCallerName(*in, false);
  if (!caller) {
    co_return errorResponse(req, caller.error());
  }
  auto flag = in->requiredString("flag");
  if (!flag) {
    co_return errorResponse(req, flag.error());
  }
  auto expires_text = in->requiredString("expires_at");
  if (!expires_text) {
    co_return errorResponse(req, expires_text.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  auto expires_at = domain::parseRfc3339(*expires_text, "expires_at");
  if (!expires_at) {
    co_return errorResponse(req, expires_at.error());
  }
  auto flagged =
      co_await hotline::flagCaller(ctx.hotline(), actorOf(who, req.request_id),
                                   std::move(*caller->identifier), std::move(*flag), *expires_at);
  if (!flagged) {
    co_return errorResponse(req, flagged.error());
  }
  co_return http::Response::json(
      200, boost::json::object{{"flag", flagged->flag},
                               {"expires_at", domain::formatRfc3339(flagged->expires_at)}});
}

awaitable<http::Response> unflagCaller(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto in = JsonInput::parse(req.body);
  if (!in) {
    co_return errorResponse(req, in.error());
  }
  auto caller = decodeCallerName(*in, true);
  if (!caller) {
    co_return errorResponse(req, caller.error());
  }
  auto flag = in->requiredString("flag");
  if (!flag) {
    co_return errorResponse(req, flag.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  auto done = co_await hotline::unflagCaller(ctx.hotline(), actorOf(who, req.request_id),
                                             std::move(*caller), std::move(*flag));
  if (!done) {
    co_return errorResponse(req, done.error());
  }
  co_return http::Response::noContent();
}

// --- the organisation's flagged callers ---

// Of the blind index, a cursor carries what an audit event names: its first 16 characters.
constexpr std::size_t kCursorHashChars = 16;
constexpr std::size_t kMaxFlagCodeBytes = 64;

// The cursor's key: "<created_at>:<first 16 characters of the index>:<flag>".
std::string encodeFlagCursor(const store::CallerFlag& last) {
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

struct FlagListQuery {
  std::optional<store::FlaggedCallerCursor> after;
  std::int32_t limit = kDefaultPageSize;
};

Result<FlagListQuery> decodeFlagListQuery(const http::Request& req) {
  FlagListQuery q;
  for (const auto& [key, value] : req.query) {
    if (key == "limit") {
      auto n = decodePageSize(value);
      if (!n) {
        return tl::unexpected(n.error());
      }
      q.limit = *n;
    } else if (key == "cursor") {
      auto c = decodeFlagCursor(value);
      if (!c) {
        return tl::unexpected(c.error());
      }
      q.after = std::move(*c);
    } else {
      return domain::invalidField(key.substr(0, 64),
                                  "This parameter is not known here. Remove it.");
    }
  }
  return q;
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

awaitable<http::Response> listFlaggedCallers(ApiContext& ctx, http::Request& req,
                                             const policy::Principal& who) {
  auto query = decodeFlagListQuery(req);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  auto page = co_await hotline::listFlaggedCallers(ctx.hotline(), actorOf(who, req.request_id),
                                                   std::move(query->after), query->limit);
  if (!page) {
    co_return errorResponse(req, page.error());
  }
  boost::json::array items;
  items.reserve(page->items.size());
  for (const auto& item : page->items) {
    items.emplace_back(encodeFlaggedCaller(item));
  }
  std::optional<std::string> next_cursor;
  if (page->more) {
    next_cursor = encodeFlagCursor(page->items.back().row.flag);
  }
  co_return http::Response::json(200, keysetPageBody(std::move(items), std::move(next_cursor)));
}

}  // namespace

void registerCallerRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("POST", "/api/v1/callers/lookup", policy::Permission::kCallerLookup,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return lookupCaller(ctx, req, who);
               });
  routes.route("POST", "/api/v1/callers/flags", policy::Permission::kCallerFlagWrite,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return flagCaller(ctx, req, who);
               });
  routes.route("GET", "/api/v1/callers/flags", policy::Permission::kCallerFlagWrite,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return listFlaggedCallers(ctx, req, who);
               });
  routes.route("POST", "/api/v1/callers/flags/delete", policy::Permission::kCallerFlagWrite,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return unflagCaller(ctx, req, who);
               });
}

}  // namespace strada::api
