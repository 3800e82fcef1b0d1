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

#include <algorithm>
#include <boost/json/object.hpp>
#include <cctype>
#include <charconv>
#include <cstdlib>

#include "api/json_input.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "crypto/secret.h"
#include "domain/contact.h"
#include "observe/log.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;
using domain::UnixMillis;

constexpr std::size_t kMaxEventBodyBytes = std::size_t{8} * 1024;
constexpr std::int64_t kReplayWindowS = 300;
constexpr std::size_t kMaxCallIdBytes = 128;
constexpr UnixMillis kEarliestEventMillis = 946684800000;  // 2000-01-01T00:00:00Z
constexpr UnixMillis kMaxClockAheadMillis = UnixMillis{5} * 60 * 1000;
constexpr std::string_view kLineHeader = "x-strada-line";
constexpr std::string_view kTimestampHeader = "x-strada-timestamp";
constexpr std::string_view kSignatureHeader = "x-strada-signature";

using hotline::CallEvent;
using hotline::CallEventType;

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

// Unix seconds: 1 to 12 digits.
std::optional<std::int64_t> parseTimestamp(std::string_view text) {
  if (text.empty() || text.size() > 12 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return value;
}

bool isWithheld(std::string_view number) {
  std::string lower(number);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "anonymous" || lower == "withheld";
}

// Strict decoding of the event body; InvalidArgument naming the field. Never echoes a value.
Result<CallEvent> decodeEvent(std::string_view body) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  CallEvent ev;
  auto event = in->requiredString("event");
  if (!event) {
    return tl::unexpected(event.error());
  }
  if (*event == "offered") {
    ev.type = CallEventType::kOffered;
  } else if (*event == "answered") {
    ev.type = CallEventType::kAnswered;
  } else if (*event == "ended") {
    ev.type = CallEventType::kEnded;
  } else {
    return domain::invalidField("event", "Use offered, answered or ended.");
  }
  auto call_id = in->requiredString("call_id");
  if (!call_id) {
    return tl::unexpected(call_id.error());
  }
  if (call_id->empty() || call_id->size() > kMaxCallIdBytes ||
      !std::all_of(call_id->begin(), call_id->end(),
                   [](char c) { return c >= 0x20 && c < 0x7f; })) {
    return domain::invalidField("call_id",
                                "Use 1 to 128 printable ASCII characters for the call id.");
  }
  ev.call_id = std::move(*call_id);
  auto at = in->requiredString("at");
  if (!at) {
    return tl::unexpected(at.error());
  }
  auto instant = domain::parseRfc3339(*at, "at");
  if (!instant) {
    return tl::unexpected(instant.error());
  }
  // The bounds of a contact's start (validateContact): not before 2000, at most 5 minutes ahead.
  if (*instant < kEarliestEventMillis || *instant > domain::nowMillis() + kMaxClockAheadMillis) {
    return domain::invalidField("at", "Use the time the event happened, from this clock.");
  }
  ev.at = *instant;
  auto caller = in->optionalString("caller_number");
  if (!caller) {
    return tl::unexpected(caller.error());
  }
  if (caller->has_value() && !isWithheld(**caller)) {
    if ((*caller)->size() > domain::kMaxCallerIdentifierBytes) {
      return domain::invalidField("caller_number", "The caller's number is too long.");
    }
    ev.caller_number = std::move(**caller);
  }
  auto agent = in->optionalString("agent_email");
  if (!agent) {
    return tl::unexpected(agent.error());
  }
  if (agent->has_value()) {
    ev.agent_email = std::move(**agent);
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  if (ev.type == CallEventType::kAnswered && ev.agent_email.empty()) {
    return domain::invalidField("agent_email",
                                "An answered call needs the e-mail address of the consultant who "
                                "took it.");
  }
  return ev;
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
  const auto timestamp = parseTimestamp(*timestamp_text);
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
  std::string signed_text(*timestamp_text);
  signed_text += '.';
  signed_text += req.body;
  const std::string expected =
      "sha256=" + crypto::toHex(crypto::hmacSha256(key->secret, signed_text));
  crypto::wipe(key->secret);
  if (!crypto::constantTimeEqual(*signature, expected)) {
    co_return refuse(req, "bad signature");
  }

  auto event = decodeEvent(req.body);
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
