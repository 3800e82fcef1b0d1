// Repeat callers: look a caller identifier up (earlier contacts, active flags), flag a caller and
// remove a flag. The identifier travels only in POST bodies (never in a URL), is matched by its
// blind index, and is never logged or stored in the clear; audit events name the index's first
// 16 hex characters.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/async.h"
#include "api/contact_codec.h"
#include "api/json_input.h"
#include "domain/codes.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kLookupContacts = 20;
// A flag lasts at most two years; then a supervisor decides again.
constexpr domain::UnixMillis kMaxFlagMs = 2LL * 366 * 24 * 60 * 60 * 1000;

// The body of a caller request, read in the order its errors are reported: "caller_identifier"
// (kept only as its blind index), then "flag" for the routes that take one. The route reads its
// other fields from `in`, then refuses unknown ones.
struct CallerBody {
  JsonInput in;
  std::string hash;
  std::string flag;  // empty unless FlagField::kRequired
};

enum class FlagField { kNone, kRequired };

Result<CallerBody> readCallerBody(const DataKeys& keys, const policy::Principal& who,
                                  std::string_view body, FlagField flag_field) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  auto raw = in->requiredString("caller_identifier");
  if (!raw) {
    return tl::unexpected(raw.error());
  }
  const auto bad = [] {
    return domain::invalidField("caller_identifier",
                                "Give a phone number or a handle of at most 100 characters.");
  };
  if (raw->size() > domain::kMaxCallerIdentifierBytes) {
    return bad();
  }
  const std::string normalised = domain::normaliseCallerIdentifier(*raw);
  if (normalised.empty()) {
    return bad();
  }
  std::string hash = callerHash(keys, who.org_id, normalised);
  std::string flag;
  if (flag_field == FlagField::kRequired) {
    auto given = in->requiredString("flag");
    if (!given) {
      return tl::unexpected(given.error());
    }
    flag = std::move(*given);
  }
  return CallerBody{std::move(*in), std::move(hash), std::move(flag)};
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
  auto body = readCallerBody(ctx.keys, who, req.body, FlagField::kNone);
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
  auto body = readCallerBody(ctx.keys, who, req.body, FlagField::kRequired);
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
  auto body = readCallerBody(ctx.keys, who, req.body, FlagField::kRequired);
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
  routes.route("POST", "/api/v1/callers/flags/delete", policy::Permission::kCallerFlagWrite,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return unflagCaller(ctx, req, who);
               });
}

}  // namespace strada::api
