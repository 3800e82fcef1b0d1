// The organisation's users as colleagues see them: GET /api/v1/users answers each user's id,
// display name, roles and whether the account is active, so that the contact list can be
// filtered by consultant and a supervisor sees who logged a draft by name.
//
// Least privilege: the answer never holds an e-mail address (the store does not even read it)
// and only ever the principal's own organisation. It is not audited: it names staff, not callers.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/async.h"
#include "api/encode.h"
#include "api/routes.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

// A user without a name is shown by the start of their id (colleagueName), never by their
// e-mail address.
boost::json::object encodeColleague(const store::UserListing& u) {
  return boost::json::object{{"id", u.id},
                             {"name", colleagueName(u.name, u.id)},
                             {"roles", encodeRoles(u.roles)},
                             {"active", u.active}};
}

// Written by hand: the organisation's users are not a hotline use case.
awaitable<http::Response> listUsers(ApiContext& ctx, http::Request& req,
                                    const policy::Principal& who) {
  if (auto none = noParams(req); !none) {
    co_return errorResponse(req, none.error());
  }
  auto job = [org = who.org_id](soci::session& sql) {
    return store::listOrganisationUsers(sql, org);
  };
  auto users = co_await awaitRead<Result<std::vector<store::UserListing>>>(ctx.db, std::move(job));
  co_return respond(req, users, [](const std::vector<store::UserListing>& all) {
    return itemsBody(all, encodeColleague);
  });
}

}  // namespace

void registerUserRoutes(RouteTable& routes) {
  // Those who may list contacts may see who logged them.
  routes.route("GET", "/api/v1/users", policy::Permission::kContactList, listUsers);
}

}  // namespace strada::api
