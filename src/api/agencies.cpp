// The partner-agency directory: search, open one, add, change (optimistic version), deactivate.
// Each route decodes, calls its use case in hotline/agencies.h, and encodes. A confidential
// address appears only in the single-agency GET, for the roles allowed it, recorded first (the
// use case decides).
#include "hotline/agencies.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/json_input.h"
#include "api/keyset.h"
#include "api/routes.h"
#include "domain/ids.h"

namespace strada::api {
namespace {

using domain::Result;

constexpr std::size_t kMaxListItems = 30;
constexpr std::size_t kIdLength = domain::kIdChars;

// The members a POST and a PUT share, in the order they are checked.
void readAgencyFields(JsonFields& in, hotline::AgencyChange& change) {
  domain::AgencyInput& a = change.input;
  in.required("name", a.name);
  in.required("type", a.type);
  in.required("country", a.country);
  in.optional("city", a.city);
  in.optional("phone", a.phone);
  in.optional("email", a.email);
  in.optional("website", a.website);
  in.optional("notes", a.notes);
  in.list("languages", a.languages, kMaxListItems);
  in.list("services", a.services, kMaxListItems);
  std::optional<std::string> address;
  in.optional("address", address);
  change.address_given = address.has_value();
  a.address = address.value_or("");
  in.optional("address_confidential", a.address_confidential);
}

// POST /api/v1/agencies: the new agency's fields.
Result<domain::AgencyInput> decodeNewAgency(const http::Request& req) {
  JsonFields in(req.body);
  hotline::AgencyChange change;
  readAgencyFields(in, change);
  return in.finish(std::move(change.input));
}

// PUT /api/v1/agencies/{id}: the agency, its new fields (and "active") and the version they change.
Arguments<std::string, hotline::AgencyChange, std::int32_t> decodeAgencyUpdate(
    const http::Request& req) {
  JsonFields in(req.body);
  hotline::AgencyChange change;
  readAgencyFields(in, change);
  std::int32_t version = 0;
  in.version(version);
  in.optional("active", change.active);
  return in.finish(std::tuple(std::string(req.param("id")), std::move(change), version));
}

// {"id","name","type","country","city","phone","email","website","languages","services","notes",
//  "address_confidential","active","updated_at","updated_by","version"} plus "address" when the
// view may show it.
boost::json::object encodeAgency(const hotline::AgencyView& view) {
  const domain::Agency& a = view.agency;
  boost::json::object o{
      {"id", a.id},
      {"name", a.data.name},
      {"type", a.data.type},
      {"country", a.data.country},
      {"city", a.data.city},
      {"phone", a.data.phone},
      {"email", a.data.email},
      {"website", a.data.website},
      {"languages", boost::json::array(a.data.languages.begin(), a.data.languages.end())},
      {"services", boost::json::array(a.data.services.begin(), a.data.services.end())},
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

// The cursor's key: "<id><name>" (the id is 32 characters).
std::string encodeCursor(const hotline::AgencyView& last) {
  return encodeCursorKey(last.agency.id + last.agency.data.name);
}

Result<store::AgencyCursor> decodeCursor(std::string_view text) {
  auto raw = decodeCursorKey(text);
  if (!raw) {
    return tl::unexpected(raw.error());
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
    } else if (auto s = applyPageParam(key, value, q.limit, q.after, decodeCursor); !s) {
      return tl::unexpected(s.error());
    }
  }
  return q;
}

// A page of the search: {"items": [agency...], "next_cursor"}.
boost::json::object encodeAgencyPage(const hotline::AgencyPage& page) {
  return keysetPageBody(page.items, page.more, encodeAgency, encodeCursor);
}

http::Response agencyCreated(const hotline::AgencyView& view) {
  return created(encodeAgency(view), "/api/v1/agencies/" + view.agency.id);
}

}  // namespace

void registerAgencyRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/agencies", Permission::kAgencyRead, decodeListQuery,
               hotline::searchAgencies, encodeAgencyPage);
  routes.route("POST", "/api/v1/agencies", Permission::kAgencyEdit, decodeNewAgency,
               hotline::createAgency, agencyCreated);
  routes.route("GET", "/api/v1/agencies/{id}", Permission::kAgencyRead, idParam,
               hotline::readAgency, encodeAgency);
  routes.route("PUT", "/api/v1/agencies/{id}", Permission::kAgencyEdit, decodeAgencyUpdate,
               hotline::updateAgency, encodeAgency);
  routes.route("DELETE", "/api/v1/agencies/{id}", Permission::kAgencyEdit, idParam,
               hotline::deactivateAgency);
}

}  // namespace strada::api
