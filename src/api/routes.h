// Registers every API route. Each route declares what it requires: it is either public, or
// authenticated with a named Permission (and, for unsafe methods, the CSRF header). There is no
// third way to add a route, so the default is deny.
//
// Every POST, PUT, PATCH and DELETE, public or not, first passes two checks, before
// authentication and before its handler:
// - 403 (field "Sec-Fetch-Site" or "Origin") for a cross-site request: Sec-Fetch-Site
//   "cross-site", or "same-site" without a matching Origin, or an Origin whose scheme, host or
//   port is not the one the request was sent to (Host or X-Forwarded-Host, with the connection's
//   scheme or X-Forwarded-Proto). Requests with neither header (curl, servers) pass.
// - 415 (code "unsupported_media_type", field "Content-Type") when the request has a body, or a
//   Content-Type, that is not application/json (parameters such as charset allowed). Every API
//   body is JSON, the signed telephony webhook's included, except an upload route's
//   (uploadRoute): a file's raw bytes, Content-Type application/octet-stream. A cross-site form
//   cannot send that type, and the CSRF header is required as on every authenticated route.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>

#include "api/context.h"
#include "api/handler.h"
#include "http/router.h"
#include "policy/policy.h"

namespace strada::api {

using AuthedHandler =
    std::function<boost::asio::awaitable<http::Response>(http::Request&, const policy::Principal&)>;
// A handler written by hand that needs the API's context (api/handler.h).
using ContextHandler = boost::asio::awaitable<http::Response> (*)(ApiContext&, http::Request&,
                                                                  const policy::Principal&);

class RouteTable {
 public:
  RouteTable(http::Router& router, ApiContext& ctx) : router_(router), ctx_(ctx) {}

  // Unsafe methods: the cross-site and JSON checks above, then `handler`.
  void publicRoute(std::string method, std::string pattern, http::Handler handler);
  // Unsafe methods: the cross-site and JSON checks above. Then authenticates the session cookie
  // (401), checks X-CSRF-Token on POST/PUT/PATCH/DELETE (403), checks `permission` (403), then
  // calls `handler` with the principal.
  void route(std::string method, std::string pattern, policy::Permission permission,
             AuthedHandler handler);
  // As above, calling `handler(context(), req, principal)`.
  void route(std::string method, std::string pattern, policy::Permission permission,
             ContextHandler handler);
  // As above, for a declared route (api/handler.h): `decode` the request, `run` the use case with
  // what it gives, and answer with `encode` (none when the use case returns a Status: 204).
  template <class Decode, class Run, class... Encode>
  void route(std::string method, std::string pattern, policy::Permission permission, Decode decode,
             Run run, Encode... encode) {
    ApiContext& ctx = ctx_;
    route(std::move(method), std::move(pattern), permission,
          [&ctx, decode, run, encode...](http::Request& req, const policy::Principal& who) {
            return runUseCase(ctx, req, who, decode, run, encode...);
          });
  }

  // As the declared route() above for a body that is a file's raw bytes: Content-Type
  // application/octet-stream instead of JSON (415 otherwise), and at most `body_limit` bytes for
  // this route alone (413 past it, before the body is sent when its length is declared).
  template <class Decode, class Run, class Encode>
  void uploadRoute(const std::string& method, const std::string& pattern,
                   policy::Permission permission, std::size_t body_limit, Decode decode, Run run,
                   Encode encode) {
    ApiContext& ctx = ctx_;
    add(
        method, pattern, permission,
        [&ctx, decode, run, encode](http::Request& req, const policy::Principal& who) {
          return runUseCase(ctx, req, who, decode, run, encode);
        },
        body_limit);
  }

  ApiContext& context() { return ctx_; }

 private:
  // route() with `body_limit` (0: the server's); a non-zero limit marks an upload route.
  void add(std::string method, std::string pattern, policy::Permission permission,
           AuthedHandler handler, std::size_t body_limit);

  http::Router& router_;
  ApiContext& ctx_;
};

// Adds all of Strada's API routes to `router`. `ctx` must outlive the router.
void registerApiRoutes(http::Router& router, ApiContext& ctx);

// Per-resource registration, one file each.
void registerSystemRoutes(RouteTable& routes);
void registerAuthRoutes(RouteTable& routes);
void registerContactRoutes(RouteTable& routes);
// The contact list and its filters, CSV export, supervision views and statistics.
void registerContactListRoutes(RouteTable& routes);
void registerKnowledgeRoutes(RouteTable& routes);
void registerAgencyRoutes(RouteTable& routes);
void registerTelephonyRoutes(RouteTable& routes);
// The organisation's users, by name, for filters and lists (users.cpp).
void registerUserRoutes(RouteTable& routes);
// Direct assistance: clients (clients.cpp) and cases (cases.cpp).
void registerClientRoutes(RouteTable& routes);
void registerSubjectAccessRoutes(RouteTable& routes);
void registerCaseRoutes(RouteTable& routes);
// One's own sign-in security (account.cpp) and the organisation's users (user_admin.cpp).
void registerAccountRoutes(RouteTable& routes);
void registerUserAdminRoutes(RouteTable& routes);
// The organisation's retention rules and their preview (retention.cpp).
void registerRetentionRoutes(RouteTable& routes);
// Trainings given to partner professionals (trainings.cpp).
void registerTrainingRoutes(RouteTable& routes);
// The public pages under /public/ and the organisation's public profile (public_pages.cpp).
void registerPublicSiteRoutes(RouteTable& routes);
// News and statements, their public pages and Atom feeds (news.cpp).
void registerNewsRoutes(RouteTable& routes);
// Pages and case studies and their public pages (site_pages.cpp).
void registerSitePageRoutes(RouteTable& routes);
// `response` of a public route: when it is an HTML page, with the footer linking to the published
// pages of the reader's language and to the case studies (site_pages.cpp).
boost::asio::awaitable<http::Response> withSiteFooter(ApiContext& ctx, const http::Request& req,
                                                      http::Response response);

}  // namespace strada::api
