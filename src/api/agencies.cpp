// The partner-agency directory: search, open one, add, change (optimistic version), deactivate.
// Each route decodes, calls its use case in hotline/agencies.h, and encodes. A confidential
// address appears only in the single-agency GET, for the roles allowed it, recorded first (the
// use case decides).
#include "hotline/agencies.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <limits>

#include "api/json_input.h"
#include "api/keyset.h"
#include "api/routes.h"
#include "domain/ids.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxListItems = 30;
constexpr std::size_t kIdLength = domain::kIdChars;

template <class T>
tl::unexpected<domain::Error> errorOf(const Result<T>& r) {
  return tl::unexpected(r.error());
}

struct DecodedAgency {
  hotline::AgencyChange change;         // active: PUT only
  std::optional<std::int32_t> version;  // PUT only
};

Result<DecodedAgency> decodeAgency(std::string_view body, bool for_update) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return errorOf(in);
  }
  DecodedAgency d;
  domain::AgencyInput& a = d.change.input;
  auto name = in->requiredString("name");
  if (!name) {
    return errorOf(name);
  }
  auto type = in->requiredString("type");
  if (!type) {
    return errorOf(type);
  }
  auto country = in->requiredString("country");
  if (!country) {
    return errorOf(country);
  }
  a.name = std::move(*name);
  a.type = std::move(*type);
  a.country = std::move(*country);
  for (auto [key, target] : {std::pair<const char*, std::string*>{"city", &a.city},
                             {"phone", &a.phone},
                             {"email", &a.email},
                             {"website", &a.website},
                             {"notes", &a.notes}}) {
    auto v = in->optionalString(key);
    if (!v) {
      return errorOf(v);
    }
    *target = v->value_or("");
  }
  auto languages = in->optionalStringArray("languages", kMaxListItems);
  if (!languages) {
    return errorOf(languages);
  }
  a.languages = std::move(*languages);
  auto services = in->optionalStringArray("services", kMaxListItems);
  if (!services) {
    return errorOf(services);
  }
  a.services = std::move(*services);
  auto address = in->optionalString("address");
  if (!address) {
    return errorOf(address);
  }
  d.change.address_given = address->has_value();
  a.address = address->value_or("");
  auto confidential = in->optionalBool("address_confidential", false);
  if (!confidential) {
    return errorOf(confidential);
  }
  a.address_confidential = *confidential;
  if (for_update) {
    auto version = in->requiredInteger("version", 1, std::numeric_limits<std::int32_t>::max());
    if (!version) {
      return errorOf(version);
    }
    d.version = static_cast<std::int32_t>(*version);
    auto active = in->optionalBool("active", true);
    if (!active) {
      return errorOf(active);
    }
    d.change.active = *active;
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return d;
}

boost::json::array stringArray(const std::vector<std::string>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& s : items) {
    out.emplace_back(s);
  }
  return out;
}

// {"id","name","type","country","city","phone","email","website","languages","services","notes",
//  "address_confidential","active","updated_at","updated_by","version"} plus "address" when the
// view may show it.
boost::json::object encodeAgency(const hotline::AgencyView& view) {
  const domain::Agency& a = view.agency;
  boost::json::object o{{"id", a.id},
                        {"name", a.data.name},
                        {"type", a.data.type},
                        {"country", a.data.country},
                        {"city", a.data.city},
                        {"phone", a.data.phone},
                        {"email", a.data.email},
                        {"website", a.data.website},
                        {"languages", stringArray(a.data.languages)},
                        {"services", stringArray(a.data.services)},
                        {"notes", a.data.notes},
                        {"address_confidential", a.data.address_confidential},
                        {"active", a.active},
                        {"updated_at", domain::formatRfc3339(a.updated_at)},
                        {"updated_by", a.updated_by},
                        {"version", a.version}};
  if (view.address) {
    o["address"] = *view.address;
  }
  return o;
}

awaitable<http::Response> getAgency(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  auto read = co_await hotline::readAgency(ctx.hotline(), actorOf(who, req.request_id),
                                           std::string(req.param("id")));
  if (!read) {
    co_return errorResponse(req, read.error());
  }
  co_return http::Response::json(200, encodeAgency(*read));
}

// The cursor's key: "<id><name>" (the id is 32 characters).
std::string encodeCursor(const domain::Agency& last) {
  return encodeCursorKey(last.id + last.data.name);
}

Result<store::AgencyCursor> decodeCursor(std::string_view text) {
  auto raw = decodeCursorKey(text);
  if (!raw) {
    return errorOf(raw);
  }
  if (raw->size() < kIdLength || !domain::isIdShaped(std::string_view(*raw).substr(0, kIdLength))) {
    return invalidCursor();
  }
  return store::AgencyCursor{raw->substr(kIdLength), raw->substr(0, kIdLength)};
}

// The filters as given: the use case checks them against the directory's lists.
Result<store::AgencyQuery> decodeListQuery(const http::Request& req) {
  store::AgencyQuery q;
  q.limit = kDefaultPageSize;
  for (const auto& [key, value] : req.query) {
    if (key == "q") {
      q.name_contains = value;
    } else if (key == "type") {
      q.type = value;
    } else if (key == "country") {
      q.country = value;
    } else if (key == "city") {
      q.city = value;
    } else if (key == "service") {
      q.service = value;
    } else if (key == "limit") {
      auto n = decodePageSize(value);
      if (!n) {
        return errorOf(n);
      }
      q.limit = *n;
    } else if (key == "cursor") {
      auto c = decodeCursor(value);
      if (!c) {
        return errorOf(c);
      }
      q.after = std::move(*c);
    } else {
      return domain::invalidField(key.substr(0, 64),
                                  "This parameter is not known here. Remove it.");
    }
  }
  return q;
}

awaitable<http::Response> listAgencies(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto query = decodeListQuery(req);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  auto page = co_await hotline::searchAgencies(ctx.hotline(), actorOf(who, req.request_id),
                                               std::move(*query));
  if (!page) {
    co_return errorResponse(req, page.error());
  }
  boost::json::array items;
  items.reserve(page->items.size());
  for (const auto& view : page->items) {
    items.emplace_back(encodeAgency(view));
  }
  std::optional<std::string> next_cursor;
  if (page->more) {
    next_cursor = encodeCursor(page->items.back().agency);
  }
  co_return http::Response::json(200, keysetPageBody(std::move(items), std::move(next_cursor)));
}

awaitable<http::Response> createAgency(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto decoded = decodeAgency(req.body, false);
  if (!decoded) {
    co_return errorResponse(req, decoded.error());
  }
  auto created = co_await hotline::createAgency(ctx.hotline(), actorOf(who, req.request_id),
                                                std::move(decoded->change.input));
  if (!created) {
    co_return errorResponse(req, created.error());
  }
  auto response = http::Response::json(201, encodeAgency(*created));
  response.headers.emplace_back("Location", "/api/v1/agencies/" + created->agency.id);
  co_return response;
}

awaitable<http::Response> updateAgency(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto decoded = decodeAgency(req.body, true);
  if (!decoded) {
    co_return errorResponse(req, decoded.error());
  }
  auto updated = co_await hotline::updateAgency(ctx.hotline(), actorOf(who, req.request_id),
                                                std::string(req.param("id")),
                                                std::move(decoded->change), *decoded->version);
  if (!updated) {
    co_return errorResponse(req, updated.error());
  }
  co_return http::Response::json(200, encodeAgency(*updated));
}

awaitable<http::Response> deactivateAgency(ApiContext& ctx, http::Request& req,
                                           const policy::Principal& who) {
  auto status = co_await hotline::deactivateAgency(ctx.hotline(), actorOf(who, req.request_id),
                                                   std::string(req.param("id")));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::noContent();
}

}  // namespace
void registerAgencyRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("GET", "/api/v1/agencies", policy::Permission::kAgencyRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return listAgencies(ctx, req, who);
               });
  routes.route("POST", "/api/v1/agencies", policy::Permission::kAgencyEdit,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return createAgency(ctx, req, who);
               });
  routes.route("GET", "/api/v1/agencies/{id}", policy::Permission::kAgencyRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return getAgency(ctx, req, who);
               });
  routes.route("PUT", "/api/v1/agencies/{id}", policy::Permission::kAgencyEdit,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return updateAgency(ctx, req, who);
               });
  routes.route("DELETE", "/api/v1/agencies/{id}", policy::Permission::kAgencyEdit,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return deactivateAgency(ctx, req, who);
               });
}

}  // namespace strada::api
