// Repeat callers: look a caller identifier up (earlier contacts, active flags), flag a caller,
// list the organisation's flagged callers and remove a flag. The identifier travels only in POST
// bodies (never in a URL), is matched by its blind index, and is never logged or stored in the
// clear; audit events name the index's first 16 hex characters.
//
// The list names each caller by a "caller_ref": the blind index itself. It is an HMAC keyed with
// a secret the client never holds, scoped to the organisation, so it reveals nothing a
// supervisor of that organisation could not see already, and it is what a removal names the
// caller by. Only its first 16 characters go into a list cursor (a URL).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>
#include <map>

#include "api/async.h"
#include "api/contact_codec.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/keyset.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kLookupContacts = 20;
// A flag lasts at most two years; then a supervisor decides again.
constexpr domain::UnixMillis kMaxFlagMs = 2LL * 366 * 24 * 60 * 60 * 1000;

// The body of a caller request, read in the order its errors are reported: the caller (kept only
// as its blind index), then "flag" for the routes that take one. The route reads its other fields
// from `in`, then refuses unknown ones.
struct CallerBody {
  JsonInput in;
  std::string hash;
  std::string flag;  // empty unless FlagField::kRequired
};

enum class FlagField { kNone, kRequired };
// How a request may name the caller: by "caller_identifier" only, or by exactly one of
// "caller_identifier" and "caller_ref" (a ref from the list of flagged callers).
enum class CallerNamedBy { kIdentifier, kIdentifierOrRef };

constexpr std::size_t kCallerRefChars = 64;

bool isCallerRef(std::string_view text) { return domain::isLowerHex(text, kCallerRefChars); }

Result<std::string> identifierHash(const vault::Vault& keys, const policy::Principal& who,
                                   std::string_view raw) {
  const auto bad = [] {
    return domain::invalidField("caller_identifier",
                                "Give a phone number or a handle of at most 100 characters.");
  };
  if (raw.size() > domain::kMaxCallerIdentifierBytes) {
    return bad();
  }
  const std::string normalised = domain::normaliseCallerIdentifier(raw);
  if (normalised.empty()) {
    return bad();
  }
  return keys.blindIndex(vault::BlindIndex::kCaller, who.org_id, normalised);
}

// The blind index named by "caller_identifier" or "caller_ref", whichever the body has.
Result<std::string> identifierOrRefHash(const vault::Vault& keys, const policy::Principal& who,
                                        JsonInput& in) {
  auto identifier = in.optionalString("caller_identifier");
  if (!identifier) {
    return tl::unexpected(identifier.error());
  }
  auto ref = in.optionalString("caller_ref");
  if (!ref) {
    return tl::unexpected(ref.error());
  }
  if (*identifier && *ref) {
    return domain::invalidField("caller_ref",
                                "Name the caller once: give caller_identifier or caller_ref, not "
                                "both.");
  }
  if (*ref) {
    if (!isCallerRef(**ref)) {
      return domain::invalidField(
          "caller_ref", "This caller reference is not valid. Reload the list of flagged callers.");
    }
    return std::move(**ref);
  }
  if (!*identifier) {
    return domain::invalidField(
        "caller_identifier",
        "Give the caller's number or handle, or a caller_ref from the list of flagged callers.");
  }
  return identifierHash(keys, who, **identifier);
}

Result<CallerBody> readCallerBody(const vault::Vault& keys, const policy::Principal& who,
                                  std::string_view body, FlagField flag_field,
                                  CallerNamedBy named_by = CallerNamedBy::kIdentifier) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  Result<std::string> hash;
  if (named_by == CallerNamedBy::kIdentifierOrRef) {
    hash = identifierOrRefHash(keys, who, *in);
  } else if (auto raw = in->requiredString("caller_identifier"); raw) {
    hash = identifierHash(keys, who, *raw);
  } else {
    hash = tl::unexpected(raw.error());
  }
  if (!hash) {
    return tl::unexpected(hash.error());
  }
  std::string flag;
  if (flag_field == FlagField::kRequired) {
    auto given = in->requiredString("flag");
    if (!given) {
      return tl::unexpected(given.error());
    }
    flag = std::move(*given);
  }
  return CallerBody{std::move(*in), std::move(*hash), std::move(flag)};
}

struct LookupResult {
  std::int64_t count = 0;
  std::vector<store::ContactRow> contacts;
  std::vector<store::CallerFlag> flags;
};

Result<LookupResult> lookUp(soci::session& sql, const std::string& org_id, const std::string& hash,
                            bool with_contacts, domain::UnixMillis now) {
  LookupResult out;
  auto count = store::countContactsByCaller(sql, org_id, hash);
  if (!count) {
    return tl::unexpected(count.error());
  }
  out.count = *count;
  if (with_contacts) {
    auto contacts = store::findContactsByCaller(sql, org_id, hash, kLookupContacts);
    if (!contacts) {
      return tl::unexpected(contacts.error());
    }
    out.contacts = std::move(*contacts);
  }
  auto flags = store::listActiveCallerFlags(sql, org_id, hash, now);
  if (!flags) {
    return tl::unexpected(flags.error());
  }
  out.flags = std::move(*flags);
  return out;
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
  auto body = readCallerBody(ctx.vault, who, req.body, FlagField::kNone);
  if (!body) {
    co_return errorResponse(req, body.error());
  }
  if (auto unknown = body->in.rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  const std::string& hash = body->hash;
  // Earlier contacts are listed only for those who may see the contact list.
  const bool with_contacts = policy::allows(who, policy::Permission::kContactList);
  auto job = [org = who.org_id, h = hash, with_contacts, now = domain::nowMillis()](
                 soci::session& sql) { return lookUp(sql, org, h, with_contacts, now); };
  auto found = co_await awaitRead<Result<LookupResult>>(ctx.db, std::move(job));
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  store::WriteJob record = [who, id = callerAuditId(hash),
                            rid = req.request_id](store::WriteContext& w) {
    return w.audit({who.user_id, who.org_id, "caller.lookup", "caller", id, rid});
  };
  auto audited = co_await awaitWrite(ctx.db, std::move(record));
  if (!audited) {
    co_return errorResponse(req, audited.error());
  }
  boost::json::array contacts;
  for (const auto& row : found->contacts) {
    const auto& c = row.contact;
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
  auto body = readCallerBody(ctx.vault, who, req.body, FlagField::kRequired);
  if (!body) {
    co_return errorResponse(req, body.error());
  }
  auto expires_text = body->in.requiredString("expires_at");
  if (!expires_text) {
    co_return errorResponse(req, expires_text.error());
  }
  if (auto unknown = body->in.rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  if (!domain::findCodeList("caller_flag")->contains(body->flag)) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "Choose a flag from the list.", "flag", ""});
  }
  auto expires_at = domain::parseRfc3339(*expires_text, "expires_at");
  if (!expires_at) {
    co_return errorResponse(req, expires_at.error());
  }
  const domain::UnixMillis now = domain::nowMillis();
  if (*expires_at <= now || *expires_at > now + kMaxFlagMs) {
    co_return errorResponse(
        req,
        domain::Error{domain::ErrorCode::kInvalidArgument,
                      "The flag must expire in the future, within two years.", "expires_at", ""});
  }
  store::CallerFlag f{who.org_id, body->hash, body->flag, *expires_at, who.user_id, now};
  store::WriteJob write = [f, who, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::upsertCallerFlag(w, f); !s) {
      return s;
    }
    return w.audit(
        {who.user_id, who.org_id, "caller.flag", "caller", callerAuditId(f.caller_hash), rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::json(
      200,
      boost::json::object{{"flag", f.flag}, {"expires_at", domain::formatRfc3339(f.expires_at)}});
}

awaitable<http::Response> unflagCaller(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto body = readCallerBody(ctx.vault, who, req.body, FlagField::kRequired,
                             CallerNamedBy::kIdentifierOrRef);
  if (!body) {
    co_return errorResponse(req, body.error());
  }
  if (auto unknown = body->in.rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  store::WriteJob write = [org = who.org_id, h = body->hash, fl = body->flag, who,
                           rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::deleteCallerFlag(w, org, h, fl); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "caller.unflag", "caller", callerAuditId(h), rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
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

struct FlaggedCallerItem {
  store::FlaggedCaller row;
  std::string created_by_name;  // colleagueName of the author; "" when not of the organisation
};

// One page of flagged callers, with their authors named as the list of colleagues names them
// (one read of the organisation's users per page).
Result<std::vector<FlaggedCallerItem>> readFlaggedCallers(soci::session& sql,
                                                          const store::FlaggedCallerQuery& q) {
  auto rows = store::listFlaggedCallers(sql, q);
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::map<std::string, std::string, std::less<>> names;
  if (!rows->empty()) {
    auto users = store::listOrganisationUsers(sql, q.org_id);
    if (!users) {
      return tl::unexpected(users.error());
    }
    for (const store::UserListing& u : *users) {
      names.emplace(u.id, colleagueName(u.name, u.id));
    }
  }
  std::vector<FlaggedCallerItem> out;
  out.reserve(rows->size());
  for (auto& row : *rows) {
    auto known = names.find(row.flag.created_by);
    std::string name = known == names.end() ? std::string() : known->second;
    out.push_back(FlaggedCallerItem{std::move(row), std::move(name)});
  }
  return out;
}

Result<store::FlaggedCallerQuery> decodeFlagListQuery(const http::Request& req,
                                                      const policy::Principal& who) {
  store::FlaggedCallerQuery q;
  q.org_id = who.org_id;
  q.now = domain::nowMillis();
  q.limit = kDefaultPageSize;
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

boost::json::object encodeFlaggedCaller(const FlaggedCallerItem& item) {
  const store::CallerFlag& f = item.row.flag;
  boost::json::value latest = nullptr;
  if (item.row.latest_contact) {
    latest = boost::json::object{
        {"id", item.row.latest_contact->id},
        {"started_at", domain::formatRfc3339(item.row.latest_contact->started_at)}};
  }
  boost::json::value author_name = nullptr;
  if (!item.created_by_name.empty()) {
    author_name = item.created_by_name;
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
  auto query = decodeFlagListQuery(req, who);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  auto page = co_await readKeysetPage(ctx.db, std::move(*query), &readFlaggedCallers);
  if (!page) {
    co_return errorResponse(req, page.error());
  }
  // Every view of the list is recorded, before any of it leaves; the event names only how many
  // rows were shown.
  store::WriteJob record = [who, rows = page->rows.size(),
                            rid = req.request_id](store::WriteContext& w) {
    return w.audit({who.user_id, who.org_id, "caller.flag_list", "caller_flags",
                    "rows:" + std::to_string(rows), rid});
  };
  auto audited = co_await awaitWrite(ctx.db, std::move(record));
  if (!audited) {
    co_return errorResponse(req, audited.error());
  }
  boost::json::array items;
  items.reserve(page->rows.size());
  for (const auto& item : page->rows) {
    items.emplace_back(encodeFlaggedCaller(item));
  }
  std::optional<std::string> next_cursor;
  if (page->more) {
    next_cursor = encodeFlagCursor(page->rows.back().row.flag);
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
