#include "api/telephony_event.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <utility>

#include "api/json_input.h"
#include "crypto/crypto.h"
#include "domain/contact.h"

namespace strada::api {
namespace {

using domain::Result;
using domain::UnixMillis;
using hotline::CallEvent;
using hotline::CallEventType;

constexpr std::size_t kMaxCallIdBytes = 128;
constexpr UnixMillis kEarliestEventMillis = 946684800000;  // 2000-01-01T00:00:00Z
constexpr UnixMillis kMaxClockAheadMillis = UnixMillis{5} * 60 * 1000;

bool isWithheld(std::string_view number) {
  std::string lower(number);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "anonymous" || lower == "withheld";
}

}  // namespace

std::optional<std::int64_t> parseEventTimestamp(std::string_view text) {
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

bool eventSignatureMatches(std::string_view secret, std::string_view timestamp_text,
                           std::string_view body, std::string_view signature) {
  std::string signed_text(timestamp_text);
  signed_text += '.';
  signed_text += body;
  const std::string expected = "sha256=" + crypto::toHex(crypto::hmacSha256(secret, signed_text));
  return crypto::constantTimeEqual(signature, expected);
}

Result<CallEvent> decodeCallEvent(std::string_view body, UnixMillis now) {
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
  if (*instant < kEarliestEventMillis || *instant > now + kMaxClockAheadMillis) {
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

}  // namespace strada::api
