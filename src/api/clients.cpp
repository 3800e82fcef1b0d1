// Clients of direct assistance: search before create, register, open, change, access history.
// Each route decodes, calls its use case in cases/clients.h, and encodes.
#include "cases/clients.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
namespace json = boost::json;

struct ClientInput {
  domain::ClientPerson person;
  domain::ClientCoded coded;
  std::int32_t version = 0;
};

domain::Result<ClientInput> decodeClientInput(std::string_view body, bool with_version) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  auto person = f.object("person", true);
  auto coded = f.object("coded", true);
  if (!person || !coded) {
    return tl::unexpected(!person ? person.error() : coded.error());
  }
  ClientInput input;
  if (with_version) {
    auto version = f.integer("version", 1, 2'147'483'647);
    if (!version) {
      return tl::unexpected(version.error());
    }
    if (!version->has_value()) {
      return domain::invalidField("version", "Send the version you started from.");
    }
    input.version = static_cast<std::int32_t>(**version);
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  auto p = decodePerson(**person);
  if (!p) {
    return tl::unexpected(p.error());
  }
  auto c = decodeCoded(**coded);
  if (!c) {
    return tl::unexpected(c.error());
  }
  input.person = std::move(*p);
  input.coded = std::move(*c);
  return input;
}

domain::Result<cases::ClientSearch> decodeSearch(std::string_view body, std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  cases::ClientSearch s;
  for (auto [key, out] :
       {std::pair{"client_code", &s.client_code}, std::pair{"full_name", &s.full_name},
        std::pair{"birth_date", &s.birth_date}, std::pair{"phone", &s.phone}}) {
    auto value = f.text(key, 200);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *out = std::move(*value);
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return s;
}

// {"matches": [...]}
json::object encodeMatches(const std::vector<cases::ClientSearchMatch>& found) {
  return {{"matches", encodeEach(found, [](const cases::ClientSearchMatch& m) {
             json::value kase = nullptr;
             if (m.case_id) {
               kase = json::object{{"id", *m.case_id}, {"status", m.case_status}};
             }
             return json::object{
                 {"client_id", m.client_id},
                 {"client_code", m.client_code},
                 {"matched_on", json::array(m.matched_on.begin(), m.matched_on.end())},
                 {"case", std::move(kase)}};
           })}};
}

// A new client's person and coded fields.
Arguments<domain::ClientPerson, domain::ClientCoded> decodeNewClient(const http::Request& req) {
  return decodeClientInput(req.body, false).map([](ClientInput&& input) {
    return std::tuple(std::move(input.person), std::move(input.coded));
  });
}

http::Response encodeCreatedClient(const cases::ClientView& view) {
  return created(encodeClientView(view), "/api/v1/clients/" + view.client.id);
}

// A client's change: its id, person and coded fields, and the version they started from.
Arguments<std::string, domain::ClientPerson, domain::ClientCoded, std::int32_t> decodeClientChange(
    const http::Request& req) {
  return decodeClientInput(req.body, true).map([&req](ClientInput&& input) {
    return std::tuple(std::string(req.param("id")), std::move(input.person), std::move(input.coded),
                      input.version);
  });
}

// {"entries": [...]}
json::object encodeAccessHistory(const std::vector<cases::AccessEntry>& history) {
  return {{"entries", encodeEach(history, [](const cases::AccessEntry& e) {
             return json::object{
                 {"at", domain::formatRfc3339(e.at)},
                 {"user",
                  json::object{{"id", e.user_id}, {"name", colleagueName(e.user_name, e.user_id)}}},
                 {"action", e.action},
                 {"reason", e.reason ? json::value(*e.reason) : json::value(nullptr)}};
           })}};
}

}  // namespace

void registerClientRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/clients/search", Permission::kClientSearch, bodyOf<decodeSearch>,
               cases::searchClients, encodeMatches);
  routes.route("POST", "/api/v1/clients", Permission::kClientCreate, decodeNewClient,
               cases::createClient, encodeCreatedClient);
  routes.route("GET", "/api/v1/clients/{id}", Permission::kClientRead, idParam, cases::readClient,
               encodeClientView);
  routes.route("PUT", "/api/v1/clients/{id}", Permission::kClientUpdate,
               &versionedRecordChange<decodeClientChange, cases::updateClient, cases::readClient,
                                      encodeClientView>);
  routes.route("GET", "/api/v1/clients/{id}/access", Permission::kClientAccessHistory, idParam,
               cases::clientAccessHistory, encodeAccessHistory);
}

}  // namespace strada::api
