// libFuzzer target for the telephony webhook (api/telephony_event.h, used by api/telephony.cpp):
// the X-Strada-Timestamp header, the X-Strada-Signature check (HMAC-SHA-256 over
// timestamp "." body, compared in constant time) and the strict decoding of the call event a PBX
// posts. Build and run: see fuzz/README.md.
//
// Input: the timestamp header up to the first '\n', the signature header up to the second, and
// the body after it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/telephony_event.h"
#include "crypto/crypto.h"
#include "domain/contact.h"
#include "domain/encoding.h"

namespace {

// A line's secret as `strada line add` prints it (base64url of 32 bytes).
constexpr std::string_view kSecret = "c3RyYWRhLWZ1enotdGVsZXBob255LWxpbmUtc2VjcmV0";
// The server's clock for the decoder: 2026-01-01T00:00:00Z, so that a seed stays valid.
constexpr strada::domain::UnixMillis kNow = 1767225600000;

std::string_view nextLine(std::string_view& rest) {
  const auto newline = rest.find('\n');
  const std::string_view line = rest.substr(0, newline);
  rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  const std::string_view timestamp = nextLine(rest);
  const std::string_view signature = nextLine(rest);
  const std::string_view body = rest;

  if (const auto seconds = strada::api::parseEventTimestamp(timestamp);
      seconds && (*seconds < 0 || *seconds > 999999999999)) {
    __builtin_trap();
  }
  // The signature that the line's sender would send matches, and no other does.
  std::string right(timestamp);
  right += '.';
  right += body;
  right = "sha256=" + strada::crypto::toHex(strada::crypto::hmacSha256(kSecret, right));
  if (!strada::api::eventSignatureMatches(kSecret, timestamp, body, right) ||
      strada::api::eventSignatureMatches(kSecret, timestamp, body, signature) !=
          (signature == right)) {
    __builtin_trap();
  }

  auto event = strada::api::decodeCallEvent(body, kNow);
  if (!event) {
    const auto& error = event.error();
    if (error.code != strada::domain::ErrorCode::kInvalidArgument || error.message.empty() ||
        error.field.size() > 128 || !strada::domain::isValidUtf8(error.field)) {
      __builtin_trap();
    }
    return 0;
  }
  // What reaches hotline::applyCallEvent.
  const auto& e = *event;
  if (e.call_id.empty() || e.call_id.size() > 128 || e.at < 946684800000 ||
      e.at > kNow + strada::domain::UnixMillis{5} * 60 * 1000 ||
      e.caller_number.size() > strada::domain::kMaxCallerIdentifierBytes ||
      (e.type == strada::hotline::CallEventType::kAnswered && e.agent_email.empty())) {
    __builtin_trap();
  }
  for (const char c : e.call_id) {
    if (c < 0x20 || c >= 0x7f) {
      __builtin_trap();
    }
  }
  return 0;
}
