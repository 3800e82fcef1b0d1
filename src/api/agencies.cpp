// The partner-agency directory: search, open one, add, change (optimistic version), deactivate.
//
// Addresses are sealed at rest under the "agencies.v1" key. A confidential address (a shelter's
// secret address) is never part of a list or a search result: the store blanks it in SQL, and
// the single-agency GET shows it only to roles with kAgencyReadConfidentialAddress, after
// recording "agency.read_confidential_address" in the audit chain.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <limits>

#include "api/async.h"
#include "api/json_input.h"
#include "api/keyset.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "domain/agency.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "store/agency_repository.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxListItems = 30;
constexpr std::size_t kMaxQueryText = 100;
constexpr std::size_t kIdLength = domain::kIdChars;

domain::Error notFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such agency.", "", ""};
}

template <class T>
tl::unexpected<domain::Error> errorOf(const Result<T>& r) {
  return tl::unexpected(r.error());
}

struct DecodedAgency {
  domain::AgencyInput input;
  bool address_given = false;           // absent or null on PUT keeps the stored address
  std::optional<std::int32_t> version;  // PUT only
  bool active = true;                   // PUT only
};

Result<DecodedAgency> decodeAgency(std::string_view body, bool for_update) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return errorOf(in);
  }
  DecodedAgency d;
  domain::AgencyInput& a = d.input;
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
  d.address_given = address->has_value();
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
    d.active = *active;
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  if (auto valid = domain::normaliseAgency(a); !valid) {
    return tl::unexpected(valid.error());
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
//  "address_confidential","active","updated_at","updated_by","version"} plus "address" when
// `address` is given.
boost::json::object encodeAgency(const domain::Agency& a,
                                 const std::optional<std::string>& address) {
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
  if (address) {
    o["address"] = *address;
  }
  return o;
}

Result<std::string> openAddress(const ApiContext& ctx, const store::AgencyRow& row) {
  if (row.address_sealed.empty()) {
    return std::string();
  }
  return ctx.vault.open({vault::SealedField::kAgencyAddress, row.agency.id}, row.address_sealed);
}

awaitable<Result<std::optional<store::AgencyRow>>> loadAgency(ApiContext& ctx, std::string id) {
  auto lookup = [id](soci::session& sql) { return store::findAgency(sql, id); };
  co_return co_await awaitRead<Result<std::optional<store::AgencyRow>>>(ctx.db, std::move(lookup));
}

awaitable<http::Response> getAgency(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, notFound());
  }
  auto found = co_await loadAgency(ctx, id);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  if (!found->has_value() || !policy::requireSameOrganisation(who, (*found)->agency.org_id)) {
    co_return errorResponse(req, notFound());
  }
  const store::AgencyRow& row = **found;
  std::optional<std::string> address;
  const bool confidential = row.agency.data.address_confidential;
  if (!confidential || policy::allows(who, policy::Permission::kAgencyReadConfidentialAddress)) {
    if (confidential) {
      // The view of a secret address is recorded before it is shown.
      store::WriteJob record_view = [who, id, rid = req.request_id](store::WriteContext& w) {
        return w.audit(
            {who.user_id, who.org_id, "agency.read_confidential_address", "agency", id, rid});
      };
      auto audited = co_await awaitWrite(ctx.db, std::move(record_view));
      if (!audited) {
        co_return errorResponse(req, audited.error());
      }
    }
    auto opened = openAddress(ctx, row);
    if (!opened) {
      co_return errorResponse(req, opened.error());
    }
    address = std::move(*opened);
  }
  co_return http::Response::json(200, encodeAgency(row.agency, address));
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

Result<store::AgencyQuery> decodeListQuery(const http::Request& req, const policy::Principal& who) {
  store::AgencyQuery q;
  q.org_id = who.org_id;
  q.limit = kDefaultPageSize;
  for (const auto& [key, value] : req.query) {
    if (key == "q") {
      if (value.size() > kMaxQueryText) {
        return domain::invalidField("q", "Search with at most 100 characters.");
      }
      q.name_contains = value;
    } else if (key == "type") {
      if (!value.empty() && !domain::agencyTypeCodes().contains(value)) {
        return domain::invalidField("type", "Choose the type of agency from the list.");
      }
      q.type = value;
    } else if (key == "country") {
      if (!value.empty() && !domain::countryCodes().contains(value)) {
        return domain::invalidField("country", "Use an ISO 3166-1 two-letter country code.");
      }
      q.country = value;
    } else if (key == "city") {
      if (value.size() > kMaxQueryText) {
        return domain::invalidField("city", "Give the city in at most 100 characters.");
      }
      q.city = value;
    } else if (key == "service") {
      if (!value.empty() && !domain::agencyServiceCodes().contains(value)) {
        return domain::invalidField("service", "Choose the service from the list.");
      }
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
  auto query = decodeListQuery(req, who);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  auto page = co_await readKeysetPage(ctx.db, std::move(*query), &store::listAgencies);
  if (!page) {
    co_return errorResponse(req, page.error());
  }
  boost::json::array items;
  items.reserve(page->rows.size());
  for (const auto& row : page->rows) {
    std::optional<std::string> address;
    // Never a confidential address in a list, even if the store were to return one.
    if (!row.agency.data.address_confidential) {
      auto opened = openAddress(ctx, row);
      if (!opened) {
        co_return errorResponse(req, opened.error());
      }
      address = std::move(*opened);
    }
    items.emplace_back(encodeAgency(row.agency, address));
  }
  std::optional<std::string> next_cursor;
  if (page->more) {
    next_cursor = encodeCursor(page->rows.back().agency);
  }
  co_return http::Response::json(200, keysetPageBody(std::move(items), std::move(next_cursor)));
}

awaitable<http::Response> createAgency(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto decoded = decodeAgency(req.body, false);
  if (!decoded) {
    co_return errorResponse(req, decoded.error());
  }
  store::AgencyRow row;
  row.agency.id = crypto::newId();
  row.agency.org_id = who.org_id;
  row.agency.updated_at = domain::nowMillis();
  row.agency.updated_by = who.user_id;
  row.agency.version = 1;
  row.agency.data = std::move(decoded->input);
  const std::string address = row.agency.data.address;
  if (!address.empty()) {
    row.address_sealed = ctx.vault.seal({vault::SealedField::kAgencyAddress, row.agency.id}, address);
  }
  row.agency.data.address.clear();  // only the sealed form goes to the store
  const domain::Agency created = row.agency;
  store::WriteJob insert = [row = std::move(row), who,
                            rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::insertAgency(w, row); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "agency.create", "agency", row.agency.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(insert));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  // The editor just typed the address; editors may see confidential addresses.
  std::optional<std::string> shown;
  if (!created.data.address_confidential ||
      policy::allows(who, policy::Permission::kAgencyReadConfidentialAddress)) {
    shown = address;
  }
  auto response = http::Response::json(201, encodeAgency(created, shown));
  response.headers.emplace_back("Location", "/api/v1/agencies/" + created.id);
  co_return response;
}

awaitable<http::Response> updateAgency(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, notFound());
  }
  auto decoded = decodeAgency(req.body, true);
  if (!decoded) {
    co_return errorResponse(req, decoded.error());
  }
  auto found = co_await loadAgency(ctx, id);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  if (!found->has_value() || !policy::requireSameOrganisation(who, (*found)->agency.org_id)) {
    co_return errorResponse(req, notFound());
  }
  const std::int32_t expected = *decoded->version;
  store::AgencyRow row;
  row.agency.id = id;
  row.agency.org_id = who.org_id;
  row.agency.updated_at = domain::nowMillis();
  row.agency.updated_by = who.user_id;
  row.agency.version = expected + 1;
  row.agency.active = decoded->active;
  row.agency.data = std::move(decoded->input);
  std::string address = row.agency.data.address;
  if (decoded->address_given) {
    if (!address.empty()) {
      row.address_sealed = ctx.vault.seal({vault::SealedField::kAgencyAddress, id}, address);
    }
  } else {
    // Kept as sealed: the version check below makes sure it is the address the editor saw.
    row.address_sealed = (*found)->address_sealed;
    auto opened = openAddress(ctx, **found);
    if (!opened) {
      co_return errorResponse(req, opened.error());
    }
    address = std::move(*opened);
  }
  row.agency.data.address.clear();
  const domain::Agency updated = row.agency;
  store::WriteJob write = [row = std::move(row), expected, who,
                           rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::updateAgency(w, row, expected); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "agency.update", "agency", row.agency.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  std::optional<std::string> shown;
  if (!updated.data.address_confidential ||
      policy::allows(who, policy::Permission::kAgencyReadConfidentialAddress)) {
    shown = std::move(address);
  }
  co_return http::Response::json(200, encodeAgency(updated, shown));
}

awaitable<http::Response> deactivateAgency(ApiContext& ctx, http::Request& req,
                                           const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, notFound());
  }
  store::WriteJob write = [id, who,
                           rid = req.request_id](store::WriteContext& w) -> domain::Status {
    auto version = store::deactivateAgency(w, who.org_id, id, who.user_id);
    if (!version) {
      return tl::unexpected(version.error());
    }
    return w.audit({who.user_id, who.org_id, "agency.deactivate", "agency", id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
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
