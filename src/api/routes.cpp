#include "api/routes.h"

#include "api/auth.h"
#include "crypto/crypto.h"
#include "observe/log.h"

namespace strada::api {
namespace {

bool isUnsafeMethod(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

http::Response errorResponse(const http::Request& req, const domain::Error& error) {
  if (error.code == domain::ErrorCode::kInternal || error.code == domain::ErrorCode::kUnavailable) {
    observe::logError("request failed", {{"request_id", req.request_id},
                                         {"route", req.route},
                                         {"code", domain::errorCodeName(error.code)},
                                         {"detail", error.detail}});
  }
  return http::Response::error(error);
}

void RouteTable::publicRoute(std::string method, std::string pattern, http::Handler handler) {
  router_.add(std::move(method), std::move(pattern), std::move(handler));
}

void RouteTable::route(std::string method, std::string pattern, policy::Permission permission,
                       AuthedHandler handler) {
  const bool unsafe = isUnsafeMethod(method);
  ApiContext& ctx = ctx_;
  router_.add(
      std::move(method), std::move(pattern),
      [&ctx, unsafe, permission,
       handler = std::move(handler)](http::Request& req) -> boost::asio::awaitable<http::Response> {
        auto who = co_await authenticate(ctx, req);
        if (!who) {
          co_return errorResponse(req, who.error());
        }
        if (unsafe) {
          const auto sent = req.header(kCsrfHeader);
          const std::string expected = csrfTokenFor(ctx.vault, who->session_id);
          if (!sent || !crypto::constantTimeEqual(*sent, expected)) {
            co_return errorResponse(
                req, domain::Error{domain::ErrorCode::kPermissionDenied,
                                   "This request lacks a valid CSRF token. Reload the page and "
                                   "try again.",
                                   "X-CSRF-Token", "csrf mismatch"});
          }
        }
        if (auto allowed = policy::require(*who, permission); !allowed) {
          co_return errorResponse(req, allowed.error());
        }
        co_return co_await handler(req, *who);
      });
}

void registerApiRoutes(http::Router& router, ApiContext& ctx) {
  RouteTable routes(router, ctx);
  registerSystemRoutes(routes);
  registerAuthRoutes(routes);
  registerContactRoutes(routes);
  registerContactListRoutes(routes);
  registerKnowledgeRoutes(routes);
  registerAgencyRoutes(routes);
  registerTelephonyRoutes(routes);
  registerUserRoutes(routes);
}

}  // namespace strada::api
