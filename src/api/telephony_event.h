// The parts of the telephony webhook (api/telephony.cpp) that read untrusted input, apart from
// the route so that they are fuzzed on their own (fuzz/telephony_event_fuzz.cpp): the timestamp
// header, the signature check and the strict decoding of the event body.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/error.h"
#include "hotline/telephony.h"

namespace strada::api {

// The X-Strada-Timestamp header: Unix seconds, 1 to 12 digits; nullopt otherwise.
[[nodiscard]] std::optional<std::int64_t> parseEventTimestamp(std::string_view text);

// Whether `signature` (the X-Strada-Signature header) is
// "sha256=" + hex(HMAC-SHA-256(secret, timestamp_text + "." + body)), compared in constant time.
[[nodiscard]] bool eventSignatureMatches(std::string_view secret, std::string_view timestamp_text,
                                         std::string_view body, std::string_view signature);

// Strict decoding of the event body; InvalidArgument naming the field. Never echoes a value.
// "at" must lie between 2000-01-01 and five minutes after `now`.
[[nodiscard]] domain::Result<hotline::CallEvent> decodeCallEvent(std::string_view body,
                                                                 domain::UnixMillis now);

}  // namespace strada::api
