// Clients of direct assistance: search before create, register, open, change, access history,
// erasure.
// Each route decodes, calls its use case in cases/clients.h, and encodes.
#include "cases/clients.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

domain::Result<cases::ClientSearch> decodeSearch(std::string_view body) {
  JsonFields in(body);
  cases::ClientSearch s;
  for (auto [key, out] :
       {std::pair{"client_code", &s.client_code}, std::pair{"full_name", &s.full_name},
        std::pair{"birth_date", &s.birth_date}, std::pair{"phone", &s.phone}}) {
    in.optional(key, *out, 200);
  }
  return in.finish(std::move(s));
}

// {"matches": [...]}
json::object encodeMatches(const std::vector<cases::ClientSearchMatch>& found) {
  return {{"matches", encodeEach(found, [](const cases::ClientSearchMatch& m) {
             return json::object{
                 {"client_id", m.client_id},
                 {"client_code", m.client_code},
                 {"matched_on", json::array(m.matched_on.begin(), m.matched_on.end())},
                 {"case", caseRef(m.case_id, m.case_status)}};
           })}};
}

// A client's body: its person and coded fields (two arguments of the use case), and with a
// non-null `version` its "version".
Arguments<domain::ClientPerson, domain::ClientCoded> decodeClient(std::string_view body,
                                                                  std::int32_t* version) {
  JsonFields in(body);
  std::tuple<domain::ClientPerson, domain::ClientCoded> client;
  readPerson(in.object("person", true), std::get<0>(client));
  readCoded(in.object("coded", true), std::get<1>(client));
  if (version != nullptr) {
    in.version(*version);
  }
  return in.finish(std::move(client));
}

domain::Result<cases::ClientErasure> decodeErasure(std::string_view body) {
  JsonFields in(body);
  cases::ClientErasure erasure;
  in.required("reason", erasure.reason, cases::kMaxErasureReason);
  in.required("confirm_client_code", erasure.confirm_client_code, 64);
  return in.finish(std::move(erasure));
}

http::Response encodeCreatedClient(const cases::ClientView& view) {
  return created(encodeClientView(view), "/api/v1/clients/" + view.client.id);
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
  routes.route("POST", "/api/v1/clients", Permission::kClientCreate, bodyOf<decodeClient>,
               cases::createClient, encodeCreatedClient);
  routes.route("GET", "/api/v1/clients/{id}", Permission::kClientRead, idParam, cases::readClient,
               encodeClientView);
  routes.route("PUT", "/api/v1/clients/{id}", Permission::kClientUpdate,
               &versionedRecordChange<versionedChange<decodeClient>, cases::updateClient,
                                      cases::readClient, encodeClientView>);
  routes.route("GET", "/api/v1/clients/{id}/access", Permission::kClientAccessHistory, idParam,
               cases::clientAccessHistory, encodeAccessHistory);
  routes.route("POST", "/api/v1/clients/{id}/erasure", Permission::kClientErase,
               idAndBody<decodeErasure>, cases::eraseClient, encodeClientView);
}

}  // namespace strada::api
