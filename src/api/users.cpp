// The organisation's users as colleagues see them: GET /api/v1/users answers each user's id,
// display name, roles and whether the account is active, so that the contact list can be
// filtered by consultant and a supervisor sees who logged a draft by name.
//
// Least privilege: the answer never holds an e-mail address (the store does not even read it)
// and only ever the principal's own organisation. It is not audited: it names staff, not callers.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/async.h"
#include "api/routes.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kIdPrefixChars = 8;

// A user without a name is shown by the start of their id, which is what the screens showed
// before names were known; never by their e-mail address.
std::string displayName(const store::UserListing& u) {
  if (!u.name.empty()) {
    return u.name;
  }
  return "User " + u.id.substr(0, kIdPrefixChars);
}

boost::json::object encodeUser(const store::UserListing& u) {
  boost::json::array roles;
  roles.reserve(u.roles.size());
  for (const domain::Role role : u.roles) {
    roles.emplace_back(domain::roleName(role));
  }
  return boost::json::object{
      {"id", u.id}, {"name", displayName(u)}, {"roles", std::move(roles)}, {"active", u.active}};
}

awaitable<http::Response> listUsers(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  if (!req.query.empty()) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "This parameter is not known here. Remove it.",
                                               req.query.front().first.substr(0, 64), ""});
  }
  auto job = [org = who.org_id](soci::session& sql) {
    return store::listOrganisationUsers(sql, org);
  };
  auto users = co_await awaitRead<Result<std::vector<store::UserListing>>>(ctx.db, std::move(job));
  if (!users) {
    co_return errorResponse(req, users.error());
  }
  boost::json::array items;
  items.reserve(users->size());
  for (const auto& u : *users) {
    items.emplace_back(encodeUser(u));
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void registerUserRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  // Those who may list contacts may see who logged them.
  routes.route("GET", "/api/v1/users", policy::Permission::kContactList,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return listUsers(ctx, req, who);
               });
}

}  // namespace strada::api
