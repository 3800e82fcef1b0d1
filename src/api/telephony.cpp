// Telephony: signed call events from a PBX or a telephony provider's relay. An answered call
// becomes a draft contact of the consultant who took it; the end of the call fills its duration.
//
// Authentication is by signature, not by session: X-Strada-Signature is
// "sha256=" + hex(HMAC-SHA-256(line secret, timestamp + "." + raw body)), the key being the secret
// exactly as `strada line add` printed it (its base64url text, so that `openssl dgst -hmac` and
// every HMAC library take it as it is), and the timestamp must
// be within kReplayWindowS of the server's clock. Every refusal answers the same 401, so a caller
// cannot learn which part failed; the reason goes to the log (with the line id, never the body).
//
// This file checks the signature, decodes the event and encodes the answer; what the event does
// is the use case hotline::applyCallEvent (hotline/telephony.h).
#include "hotline/telephony.h"

#include <boost/json/object.hpp>
#include <cstdlib>

#include "api/routes.h"
#include "api/telephony_event.h"
#include "crypto/secret.h"
#include "observe/log.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;

constexpr std::size_t kMaxEventBodyBytes = std::size_t{8} * 1024;
constexpr std::int64_t kReplayWindowS = 300;
constexpr std::string_view kLineHeader = "x-strada-line";
constexpr std::string_view kTimestampHeader = "x-strada-timestamp";
constexpr std::string_view kSignatureHeader = "x-strada-signature";

domain::Error refused() {
  return domain::Error{domain::ErrorCode::kUnauthenticated,
                       "This event is not signed correctly for an active telephony line.", "", ""};
}

// Logs why an event was refused (never the body or the caller's number) and answers the one
// generic 401.
http::Response refuse(const http::Request& req, std::string_view reason) {
  observe::logWarn("telephony event refused", {{"request_id", req.request_id}, {"reason", reason}});
  return errorResponse(req, refused());
}

awaitable<http::Response> receiveEvent(ApiContext& ctx, http::Request& req) {
  if (req.body.size() > kMaxEventBodyBytes) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kPayloadTooLarge,
                                               "A telephony event is at most 8 KiB.", "", ""});
  }
  const auto line_id = req.header(kLineHeader);
  const auto timestamp_text = req.header(kTimestampHeader);
  const auto signature = req.header(kSignatureHeader);
  if (!line_id || !timestamp_text || !signature) {
    co_return refuse(req, "unsigned");
  }
  const auto timestamp = parseEventTimestamp(*timestamp_text);
  const std::int64_t now_s = domain::nowMillis() / 1000;
  if (!timestamp || std::llabs(now_s - *timestamp) > kReplayWindowS) {
    co_return refuse(req, "timestamp outside the replay window");
  }
  auto key = co_await hotline::openTelephonyLine(ctx.hotline(), std::string(*line_id));
  if (!key) {
    if (key.error().code == domain::ErrorCode::kUnauthenticated) {
      co_return refuse(req, key.error().detail);
    }
    co_return errorResponse(req, key.error());
  }
  const bool signed_right =
      eventSignatureMatches(key->secret, *timestamp_text, req.body, *signature);
  crypto::wipe(key->secret);
  if (!signed_right) {
    co_return refuse(req, "bad signature");
  }

  auto event = decodeCallEvent(req.body, domain::nowMillis());
  if (!event) {
    co_return errorResponse(req, event.error());
  }
  auto contact_id = co_await hotline::applyCallEvent(ctx.hotline(), std::move(key->line),
                                                     std::move(*event), req.request_id);
  if (!contact_id) {
    co_return errorResponse(req, contact_id.error());
  }
  boost::json::object body{{"status", "ok"}, {"contact_id", nullptr}};
  if (!contact_id->empty()) {
    body["contact_id"] = *contact_id;
  }
  co_return http::Response::json(200, body);
}

}  // namespace

void registerTelephonyRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  // Public in the RouteTable sense (no session, no CSRF): authenticated by the line's signature.
  routes.publicRoute("POST", "/api/v1/telephony/events",
                     [&ctx](http::Request& req) { return receiveEvent(ctx, req); });
}

}  // namespace strada::api
