#include "api/routes.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "api/auth.h"
#include "api/partner_referral_routes.h"
#include "api/report_routes.h"
#include "api/request_limits.h"
#include "api/sign_in_gate.h"
#include "api/standard_export_routes.h"
#include "crypto/crypto.h"
#include "http/parse.h"

namespace strada::api {
namespace {

bool isUnsafeMethod(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// The first value of a header that a proxy may list ("https, http").
std::string_view firstListValue(std::string_view value) { return value.substr(0, value.find(',')); }

// The origin the browser addressed: the Host header (or X-Forwarded-Host) with the scheme of
// the connection (or X-Forwarded-Proto), as a TLS reverse proxy in front of Strada passes them.
// Trusting these headers is safe here: a cross-site page cannot set them without a CORS
// preflight, which Strada never grants.
std::optional<http::Origin> addressedOrigin(const http::Request& req) {
  const auto forwarded_host = req.header("x-forwarded-host");
  const auto host = forwarded_host ? forwarded_host : req.header("host");
  if (!host) {
    return std::nullopt;
  }
  const auto forwarded_proto = req.header("x-forwarded-proto");
  const std::string_view scheme =
      forwarded_proto ? firstListValue(*forwarded_proto) : (req.secure ? "https" : "http");
  return http::originOfHost(scheme, firstListValue(*host));
}

http::Response crossSiteRefusal(const http::Request& req, std::string_view field) {
  return errorResponse(req, domain::Error{domain::ErrorCode::kPermissionDenied,
                                          "This request comes from another site and was refused. "
                                          "Open Strada at its own address and try again.",
                                          std::string(field), "cross-site request"});
}

// Login CSRF and its kin: a browser on another site may send a form or a "simple" fetch to any
// route, cookies or not. Refused when the browser says so (Sec-Fetch-Site) or when the Origin is
// not the address the request was sent to. Requests without either header (curl, servers, the
// telephony webhook) pass: a browser sends Origin on every unsafe request.
std::optional<http::Response> refuseCrossSite(const http::Request& req) {
  const auto fetch_site = req.header("sec-fetch-site");
  const auto origin = req.header("origin");
  if (fetch_site && *fetch_site == "cross-site") {
    return crossSiteRefusal(req, "Sec-Fetch-Site");
  }
  if (!origin) {
    if (fetch_site && *fetch_site == "same-site") {
      return crossSiteRefusal(req, "Sec-Fetch-Site");
    }
    return std::nullopt;
  }
  const auto sent = http::parseOrigin(*origin);
  const auto addressed = addressedOrigin(req);
  if (!sent || !addressed || *sent != *addressed) {
    return crossSiteRefusal(req, "Origin");
  }
  return std::nullopt;
}

// Every API body is JSON, but an upload route's (application/octet-stream). Refusing other types
// keeps a cross-site HTML form (which can only send form, multipart or text bodies) from reaching
// a handler even without an Origin header.
std::optional<http::Response> refuseBodyType(const http::Request& req, bool upload) {
  const auto content_type = req.header("content-type");
  if (upload         ? content_type && http::isMediaType(*content_type, "application/octet-stream")
      : content_type ? http::isJsonMediaType(*content_type)
                     : req.body.empty()) {
    return std::nullopt;
  }
  const std::string_view message =
      upload ? "Send the file's bytes as the request body, with the header Content-Type: "
               "application/octet-stream."
             : "Send the request body as JSON, with the header Content-Type: application/json.";
  boost::json::object error{
      {"code", "unsupported_media_type"}, {"message", message}, {"field", "Content-Type"}};
  return http::Response::json(415, boost::json::object{{"error", std::move(error)}});
}

// The checks every unsafe request passes before authentication and before its handler.
std::optional<http::Response> refuseUnsafeRequest(const http::Request& req, bool upload) {
  if (auto refused = refuseCrossSite(req)) {
    return refused;
  }
  return refuseBodyType(req, upload);
}

// `handler`, behind refuseUnsafeRequest when `method` is unsafe.
http::Handler guarded(std::string_view method, http::Handler handler, bool upload = false) {
  if (!isUnsafeMethod(method)) {
    return handler;
  }
  return [handler = std::move(handler),
          upload](http::Request& req) -> boost::asio::awaitable<http::Response> {
    if (auto refused = refuseUnsafeRequest(req, upload)) {
      co_return std::move(*refused);
    }
    co_return co_await handler(req);
  };
}

// 429 when the request is past its class's limit for `key` ("the client network" or "the
// account"), with Retry-After in whole seconds; nullopt otherwise (and the request is counted).
std::optional<http::Response> refuseOverLimit(ApiContext& ctx, const http::Request& req,
                                              RequestCost cost, const std::string& key,
                                              RateLimit limit, std::string_view whose) {
  const std::int64_t wait_ms = ctx.limiter->take(key, limit, steadyNowMs());
  if (wait_ms == 0) {
    return std::nullopt;
  }
  const std::int64_t seconds = std::max<std::int64_t>(1, (wait_ms + 999) / 1000);
  auto response =
      errorResponse(req, domain::Error{domain::ErrorCode::kResourceExhausted,
                                       "Too many requests of this kind from " + std::string(whose) +
                                           " in a short time. Wait " + std::to_string(seconds) +
                                           " second(s) and try again.",
                                       "", "rate limited: " + std::string(requestCostName(cost))});
  response.headers.emplace_back("Retry-After", std::to_string(seconds));
  return response;
}

std::string networkKey(const http::Request& req, std::size_t cost_index) {
  return "n:" + std::to_string(cost_index) + ":" + clientNetwork(req.remote_address);
}

// The client network's limit of `cost` (when rate limits are on).
std::optional<http::Response> refuseOverAddressLimit(ApiContext& ctx, const http::Request& req,
                                                     RequestCost cost) {
  const RateLimits& limits = ctx.config.rate_limits;
  if (!limits.enabled) {
    return std::nullopt;
  }
  const auto index = static_cast<std::size_t>(cost);
  return refuseOverLimit(ctx, req, cost, networkKey(req, index), limits.per_address.at(index),
                         "your network");
}

// The account's limit of `cost`. A refusal gives back what the request took from its network's
// limit: a refused request spends nothing.
std::optional<http::Response> refuseOverAccountLimit(ApiContext& ctx, const http::Request& req,
                                                     RequestCost cost,
                                                     const policy::Principal& who) {
  const RateLimits& limits = ctx.config.rate_limits;
  if (!limits.enabled) {
    return std::nullopt;
  }
  const auto index = static_cast<std::size_t>(cost);
  auto refused = refuseOverLimit(ctx, req, cost, "a:" + std::to_string(index) + ":" + who.user_id,
                                 limits.per_account.at(index), "your account");
  if (refused) {
    ctx.limiter->giveBack(networkKey(req, index), limits.per_address.at(index));
  }
  return refused;
}

}  // namespace

void RouteTable::publicRoute(std::string method, std::string pattern, http::Handler handler) {
  ApiContext& ctx = ctx_;
  const RequestCost cost = requestCost(method, pattern);
  http::Handler limited = [&ctx, cost, handler = std::move(handler)](
                              http::Request& req) -> boost::asio::awaitable<http::Response> {
    if (auto refused = refuseOverAddressLimit(ctx, req, cost)) {
      co_return std::move(*refused);
    }
    http::Response response = co_await handler(req);
    co_return co_await withSiteFooter(ctx, req, std::move(response));
  };
  http::Handler checked = guarded(method, std::move(limited));
  router_.add(std::move(method), std::move(pattern), std::move(checked));
}

void RouteTable::route(std::string method, std::string pattern, policy::Permission permission,
                       AuthedHandler handler) {
  add(std::move(method), std::move(pattern), permission, std::move(handler), 0);
}

void RouteTable::add(std::string method, std::string pattern, policy::Permission permission,
                     AuthedHandler handler, std::size_t body_limit) {
  const bool unsafe = isUnsafeMethod(method);
  const RequestCost cost = requestCost(method, pattern);
  ApiContext& ctx = ctx_;
  http::Handler authorised = [&ctx, unsafe, cost, permission, handler = std::move(handler)](
                                 http::Request& req) -> boost::asio::awaitable<http::Response> {
    if (auto refused = refuseOverAddressLimit(ctx, req, cost)) {
      co_return std::move(*refused);
    }
    auto who = co_await authenticate(ctx, req);
    if (!who) {
      co_return errorResponse(req, who.error());
    }
    if (auto refused = refuseOverAccountLimit(ctx, req, cost, *who)) {
      co_return std::move(*refused);
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
  };
  http::Handler checked = guarded(method, std::move(authorised), body_limit != 0);
  router_.add(std::move(method), std::move(pattern), std::move(checked), body_limit);
}

void RouteTable::route(std::string method, std::string pattern, policy::Permission permission,
                       ContextHandler handler) {
  ApiContext& ctx = ctx_;
  route(std::move(method), std::move(pattern), permission,
        [&ctx, handler](http::Request& req, const policy::Principal& who) {
          return handler(ctx, req, who);
        });
}

void registerApiRoutes(http::Router& router, ApiContext& ctx) {
  RouteTable routes(router, ctx);
  registerSystemRoutes(routes);
  registerAuthRoutes(routes);
  registerAccountRoutes(routes);
  registerUserAdminRoutes(routes);
  registerRetentionRoutes(routes);
  registerContactRoutes(routes);
  registerContactListRoutes(routes);
  registerKnowledgeRoutes(routes);
  registerAgencyRoutes(routes);
  registerTelephonyRoutes(routes);
  registerUserRoutes(routes);
  registerClientRoutes(routes);
  registerSubjectAccessRoutes(routes);
  registerCaseRoutes(routes);
  registerPartnerReferralRoutes(routes);
  registerStandardExportRoutes(routes);
  registerReportRoutes(routes);
  registerTrainingRoutes(routes);
  registerPublicSiteRoutes(routes);
  registerNewsRoutes(routes);
  registerSitePageRoutes(routes);
}

}  // namespace strada::api
