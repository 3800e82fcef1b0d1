// Telephony: signed call events from a PBX or a telephony provider's relay. An answered call
// becomes a draft contact of the consultant who took it; the end of the call fills its duration.
//
// Authentication is by signature, not by session: X-Strada-Signature is
// "sha256=" + hex(HMAC-SHA-256(line secret, timestamp + "." + raw body)), the key being the secret
// exactly as `strada line add` printed it (its base64url text, so that `openssl dgst -hmac` and
// every HMAC library take it as it is), and the timestamp must
// be within kReplayWindowS of the server's clock. Every refusal answers the same 401, so a caller
// cannot learn which part failed; the reason goes to the log (with the line id, never the body).
#include <sodium.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <memory>

#include "api/async.h"
#include "api/contact_codec.h"
#include "api/json_input.h"
#include "vault/vault.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "domain/contact.h"
#include "domain/ids.h"
#include "domain/user.h"
#include "observe/log.h"
#include "store/contact_repository.h"
#include "store/repositories.h"
#include "store/telephony_repository.h"

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

enum class EventType { kOffered, kAnswered, kEnded };

std::string_view eventName(EventType e) {
  switch (e) {
    case EventType::kOffered:
      return "offered";
    case EventType::kAnswered:
      return "answered";
    case EventType::kEnded:
      return "ended";
  }
  return "";
}

struct CallEvent {
  EventType type = EventType::kOffered;
  std::string call_id;
  UnixMillis at = 0;
  std::string caller;  // normalised caller identifier; "" when withheld or not sent
  std::string agent_email;
};

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
    ev.type = EventType::kOffered;
  } else if (*event == "answered") {
    ev.type = EventType::kAnswered;
  } else if (*event == "ended") {
    ev.type = EventType::kEnded;
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
    ev.caller = domain::normaliseCallerIdentifier(**caller);
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
  if (ev.type == EventType::kAnswered && ev.agent_email.empty()) {
    return domain::invalidField("agent_email",
                                "An answered call needs the e-mail address of the consultant who "
                                "took it.");
  }
  return ev;
}

domain::Error unknownAgent() {
  return domain::Error{domain::ErrorCode::kInvalidArgument,
                       "No active consultant of this line's organisation has this e-mail "
                       "address.",
                       "agent_email", ""};
}

// A call's duration in whole seconds, within the contact's range.
std::int32_t durationSeconds(UnixMillis answered, UnixMillis ended) {
  const std::int64_t seconds = (ended - answered) / 1000;
  return static_cast<std::int32_t>(
      std::clamp<std::int64_t>(seconds, 0, domain::kMaxContactDurationS));
}

// Sets the duration of a linked contact if it is still a draft (its version bumped).
domain::Status applyDuration(store::WriteContext& w, const store::TelephonyCall& call) {
  if (call.contact_id.empty() || !call.answered_at || !call.ended_at) {
    return {};
  }
  auto found = store::findContact(w.sql(), call.contact_id);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!found->has_value() || (*found)->contact.data.status != domain::kStatusDraft) {
    return {};  // finalised (or erased) meanwhile: the consultant's record stands
  }
  store::ContactRow row = std::move(**found);
  const std::int32_t expected = row.contact.version;
  row.contact.data.duration_s = durationSeconds(*call.answered_at, *call.ended_at);
  row.contact.version = expected + 1;
  row.contact.updated_at = w.now();
  return store::updateContact(w, row, expected);
}

// What one accepted event does, in one transaction with its idempotency record.
struct EventJob {
  store::TelephonyLine line;
  CallEvent event;
  std::string caller_hash;                     // "" when no number
  std::optional<store::ContactRow> new_draft;  // for answered
  std::string request_id;
};

domain::Status applyEvent(store::WriteContext& w, const EventJob& job, std::string& result) {
  const std::string key = job.event.call_id + ":" + std::string(eventName(job.event.type));
  auto seen = store::findTelephonyEventSeen(w.sql(), job.line.id, key);
  if (!seen) {
    return tl::unexpected(seen.error());
  }
  if (seen->has_value()) {  // a replay: the first result, no second effect
    result = **seen;
    return {};
  }
  auto found = store::findTelephonyCall(w.sql(), job.line.id, job.event.call_id);
  if (!found) {
    return tl::unexpected(found.error());
  }
  const bool exists = found->has_value();
  store::TelephonyCall call;
  if (exists) {
    call = std::move(**found);
  } else {
    call.line_id = job.line.id;
    call.call_id = job.event.call_id;
    call.org_id = job.line.org_id;
  }
  if (call.caller_hash.empty()) {
    call.caller_hash = job.caller_hash;
  }
  const UnixMillis at = job.event.at;
  switch (job.event.type) {
    case EventType::kOffered:
      if (!call.offered_at) {
        call.offered_at = at;
      }
      break;
    case EventType::kAnswered: {
      call.answered_at = at;
      if (call.contact_id.empty() && job.new_draft) {
        store::ContactRow row = *job.new_draft;
        if (row.caller_hash.empty()) {
          row.caller_hash = call.caller_hash;  // the number came with "offered" only
        }
        if (call.ended_at) {  // "ended" arrived first
          row.contact.data.duration_s = durationSeconds(at, *call.ended_at);
        }
        if (auto s = store::insertContact(w, row); !s) {
          return s;
        }
        call.contact_id = row.contact.id;
        if (auto s = w.audit({row.contact.created_by, job.line.org_id, "telephony.answered",
                              "contact", row.contact.id, job.request_id});
            !s) {
          return s;
        }
      }
      break;
    }
    case EventType::kEnded:
      call.ended_at = at;
      if (auto s = applyDuration(w, call); !s) {
        return s;
      }
      if (auto s = call.contact_id.empty()
                       ? w.audit({"", job.line.org_id, "telephony.ended", "telephony_line",
                                  job.line.id, job.request_id})
                       : w.audit({"", job.line.org_id, "telephony.ended", "contact",
                                  call.contact_id, job.request_id});
          !s) {
        return s;
      }
      break;
  }
  if (auto s = exists ? store::updateTelephonyCall(w, call) : store::insertTelephonyCall(w, call);
      !s) {
    return s;
  }
  result = call.contact_id;
  return store::insertTelephonyEventSeen(w, job.line.id, key, w.now(), result);
}

// The draft contact an answered call creates: a data contact by phone, anonymous, started when
// the call was answered, the caller's number sealed with its blind index (as every contact's).
Result<store::ContactRow> draftFor(const ApiContext& ctx, const store::TelephonyLine& line,
                                   const CallEvent& ev, const std::string& agent_id,
                                   UnixMillis now) {
  domain::Contact c;
  c.id = crypto::newId();
  c.org_id = line.org_id;
  c.created_by = agent_id;
  c.created_at = now;
  c.updated_at = now;
  c.version = 1;
  c.code_version = std::string(domain::codesVersion());
  c.data.status = std::string(domain::kStatusDraft);
  c.data.kind = std::string(domain::kKindData);
  c.data.channel = "phone";
  c.data.started_at = ev.at;
  c.data.anonymous = true;
  c.data.caller_identifier = ev.caller;
  if (auto valid = domain::validateContact(c.data, now); !valid) {
    domain::Error e = valid.error();
    if (e.field == "started_at") {
      e.field = "at";
    } else if (e.field == "caller_identifier") {
      e.field = "caller_number";
    }
    e.detail.clear();
    return tl::unexpected(e);
  }
  return sealContact(ctx.vault, std::move(c));
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
  if (!domain::isIdShaped(*line_id)) {
    co_return refuse(req, "unknown line");
  }
  auto lookup = [id = std::string(*line_id)](soci::session& sql) {
    return store::findTelephonyLine(sql, id);
  };
  auto line =
      co_await awaitRead<Result<std::optional<store::TelephonyLine>>>(ctx.db, std::move(lookup));
  if (!line) {
    co_return errorResponse(req, line.error());
  }
  if (!line->has_value() || !(*line)->active) {
    co_return refuse(req, line->has_value() ? "inactive line" : "unknown line");
  }
  const store::TelephonyLine& the_line = **line;
  auto secret = ctx.vault.open({vault::SealedField::kTelephonySecret, the_line.id}, the_line.secret_sealed);
  if (!secret) {
    co_return errorResponse(req, secret.error());
  }
  std::string signed_text(*timestamp_text);
  signed_text += '.';
  signed_text += req.body;
  const std::string expected = "sha256=" + crypto::toHex(crypto::hmacSha256(*secret, signed_text));
  sodium_memzero(secret->data(), secret->size());
  if (!crypto::constantTimeEqual(*signature, expected)) {
    co_return refuse(req, "bad signature");
  }

  auto event = decodeEvent(req.body);
  if (!event) {
    co_return errorResponse(req, event.error());
  }
  EventJob job;
  job.line = the_line;
  job.request_id = req.request_id;
  if (!event->caller.empty()) {
    job.caller_hash = hotline::callerIndex(ctx.vault, the_line.org_id, event->caller);
  }
  if (event->type == EventType::kAnswered) {
    auto email = domain::normaliseEmail(event->agent_email);
    if (!email) {
      co_return errorResponse(req, unknownAgent());
    }
    auto find_agent = [e = *email](soci::session& sql) { return store::findUserByEmail(sql, e); };
    auto agent =
        co_await awaitRead<Result<std::optional<store::UserRecord>>>(ctx.db, std::move(find_agent));
    if (!agent) {
      co_return errorResponse(req, agent.error());
    }
    if (!agent->has_value() || (*agent)->user.org_id != the_line.org_id || !(*agent)->user.active ||
        !policy::allows(
            policy::Principal{(*agent)->user.id, (*agent)->user.org_id, (*agent)->user.roles, ""},
            policy::Permission::kContactCreate)) {
      co_return errorResponse(req, unknownAgent());
    }
    auto draft = draftFor(ctx, the_line, *event, (*agent)->user.id, domain::nowMillis());
    if (!draft) {
      co_return errorResponse(req, draft.error());
    }
    job.new_draft = std::move(*draft);
  }
  job.event = std::move(*event);

  auto result = std::make_shared<std::string>();
  store::WriteJob write = [job = std::move(job), result](store::WriteContext& w) {
    return applyEvent(w, job, *result);
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  boost::json::object body{{"status", "ok"}, {"contact_id", nullptr}};
  if (!result->empty()) {
    body["contact_id"] = *result;
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
