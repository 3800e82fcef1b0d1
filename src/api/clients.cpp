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
  JsonFields f(*o, "");
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

domain::Result<cases::ClientSearch> decodeSearch(std::string_view body) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  JsonFields f(*o, "");
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

awaitable<http::Response> searchClients(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto search = decodeSearch(req.body);
  if (!search) {
    co_return errorResponse(req, search.error());
  }
  auto found = co_await cases::searchClients(ctx.hotline(), actorOf(who, req.request_id), *search);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  json::array matches;
  for (const auto& m : *found) {
    json::array on;
    for (const auto& kind : m.matched_on) {
      on.emplace_back(kind);
    }
    json::value kase = nullptr;
    if (m.case_id) {
      kase = json::object{{"id", *m.case_id}, {"status", m.case_status}};
    }
    matches.push_back(json::object{{"client_id", m.client_id},
                                   {"client_code", m.client_code},
                                   {"matched_on", std::move(on)},
                                   {"case", std::move(kase)}});
  }
  co_return http::Response::json(200, json::object{{"matches", std::move(matches)}});
}

awaitable<http::Response> createClient(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto input = decodeClientInput(req.body, false);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto created = co_await cases::createClient(ctx.hotline(), actorOf(who, req.request_id),
                                              std::move(input->person), std::move(input->coded));
  if (!created) {
    co_return errorResponse(req, created.error());
  }
  auto response = http::Response::json(201, encodeClientView(*created));
  response.headers.emplace_back("Location", "/api/v1/clients/" + created->client.id);
  co_return response;
}

awaitable<http::Response> getClient(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  auto read = co_await cases::readClient(ctx.hotline(), actorOf(who, req.request_id),
                                         std::string(req.param("id")));
  if (!read) {
    co_return errorResponse(req, read.error());
  }
  co_return http::Response::json(200, encodeClientView(*read));
}

awaitable<http::Response> updateClient(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto input = decodeClientInput(req.body, true);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  const std::string id(req.param("id"));
  auto updated = co_await cases::updateClient(ctx.hotline(), actorOf(who, req.request_id), id,
                                              std::move(input->person), std::move(input->coded),
                                              input->version);
  if (updated) {
    co_return http::Response::json(200, encodeClientView(*updated));
  }
  if (updated.error().code != domain::ErrorCode::kConflict || updated.error().field != "version") {
    co_return errorResponse(req, updated.error());
  }
  // A stale version: the stored client comes with the refusal, so the screen can offer to reload.
  json::object body = errorBody(updated.error());
  auto current = co_await cases::readClient(ctx.hotline(), actorOf(who, req.request_id), id);
  if (current) {
    body["current"] = encodeClientView(*current);
  }
  co_return http::Response::json(409, body);
}

awaitable<http::Response> getClientAccess(ApiContext& ctx, http::Request& req,
                                          const policy::Principal& who) {
  auto history = co_await cases::clientAccessHistory(ctx.hotline(), actorOf(who, req.request_id),
                                                     std::string(req.param("id")));
  if (!history) {
    co_return errorResponse(req, history.error());
  }
  json::array entries;
  for (const auto& e : *history) {
    entries.push_back(json::object{
        {"at", domain::formatRfc3339(e.at)},
        {"user", json::object{{"id", e.user_id}, {"name", colleagueName(e.user_name, e.user_id)}}},
        {"action", e.action},
        {"reason", e.reason ? json::value(*e.reason) : json::value(nullptr)}});
  }
  co_return http::Response::json(200, json::object{{"entries", std::move(entries)}});
}

}  // namespace

void registerClientRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  const auto bind = [&ctx](auto handler) {
    return [&ctx, handler](http::Request& req, const policy::Principal& who) {
      return handler(ctx, req, who);
    };
  };
  using policy::Permission;
  routes.route("POST", "/api/v1/clients/search", Permission::kClientSearch, bind(searchClients));
  routes.route("POST", "/api/v1/clients", Permission::kClientCreate, bind(createClient));
  routes.route("GET", "/api/v1/clients/{id}", Permission::kClientRead, bind(getClient));
  routes.route("PUT", "/api/v1/clients/{id}", Permission::kClientUpdate, bind(updateClient));
  routes.route("GET", "/api/v1/clients/{id}/access", Permission::kClientAccessHistory,
               bind(getClientAccess));
}

}  // namespace strada::api
