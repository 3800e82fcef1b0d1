// Clients of direct assistance: search before create, register, open, change, access history,
// erasure; and their possible duplicates: flag a pair, list the flags, dismiss one or merge its
// pair (cases/client_merge.h).
// Each route decodes, calls its use case in cases/clients.h, and encodes.
#include "cases/clients.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"
#include "cases/client_merge.h"

namespace strada::api {
namespace {

namespace json = boost::json;

constexpr std::string_view kFlags = "/api/v1/duplicate-flags";

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

domain::Result<cases::DuplicateFlagInput> decodeFlag(std::string_view body) {
  JsonFields in(body);
  cases::DuplicateFlagInput flag;
  in.required("other_client_id", flag.other_client_id, 64);
  in.required("reason", flag.reason, 64);
  return in.finish(std::move(flag));
}

domain::Result<std::string> decodeMerge(std::string_view body) {
  JsonFields in(body);
  std::string survivor_id;
  in.required("survivor_id", survivor_id, 64);
  return in.finish(std::move(survivor_id));
}

// ?status= (open when not given).
domain::Result<std::string> decodeFlagQuery(const http::Request& req) {
  if (req.query.size() == 1 && req.query.front().first == "status") {
    return req.query.front().second;
  }
  if (!req.query.empty()) {
    return unknownParam(req.query.back().first);
  }
  return std::string("open");
}

// The DuplicateFlag schema of docs/openapi.yaml.
json::object encodeFlag(const cases::DuplicateFlagView& v) {
  const store::DuplicateFlagRow& f = v.flag;
  const auto client = [](const std::string& id, const std::string& code) {
    return json::object{{"id", id}, {"client_code", code}};
  };
  return json::object{
      {"id", f.id},
      {"client_a", client(f.client_a, f.client_a_code)},
      {"client_b", client(f.client_b, f.client_b_code)},
      {"reason", f.reason},
      {"flagged_by", userRef(v.names, f.flagged_by)},
      {"flagged_at", domain::formatRfc3339(f.flagged_at)},
      {"status", f.status},
      {"resolved_by", userRef(v.names, f.resolved_by)},
      {"resolved_at", f.resolved_at != 0 ? json::value(domain::formatRfc3339(f.resolved_at))
                                         : json::value(nullptr)},
      {"survivor_id", orNull(f.survivor_id)}};
}

json::object encodeFlags(const std::vector<cases::DuplicateFlagView>& flags) {
  return itemsBody(flags, encodeFlag);
}

http::Response encodeCreatedFlag(const cases::DuplicateFlagView& view) {
  return created(encodeFlag(view), std::string(kFlags) + "/" + view.flag.id);
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
  routes.route("POST", "/api/v1/clients/{id}/duplicate-flags", Permission::kClientCreate,
               idAndBody<decodeFlag>, cases::flagDuplicate, encodeCreatedFlag);
  const std::string flags(kFlags);
  routes.route("GET", flags, Permission::kClientMerge, decodeFlagQuery, cases::listDuplicateFlags,
               encodeFlags);
  routes.route("POST", flags + "/{id}/dismiss", Permission::kClientMerge, idParam,
               cases::dismissDuplicateFlag, encodeFlag);
  routes.route("POST", flags + "/{id}/merge", Permission::kClientMerge, idAndBody<decodeMerge>,
               cases::mergeDuplicateFlag, encodeFlag);
}

}  // namespace strada::api
