// Instants are Unix milliseconds (UTC) everywhere inside Strada; RFC 3339 only at the edges.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace strada::domain {

using UnixMillis = std::int64_t;

// Parses an RFC 3339 date-time ("2026-11-30T08:15:00Z", "2026-11-30T09:15:00.250+01:00").
// A time zone (Z or an offset) is required. Fails with InvalidArgument naming `field`.
[[nodiscard]] Result<UnixMillis> parseRfc3339(std::string_view text, std::string_view field);

// Formats as RFC 3339 UTC with millisecond precision: "2026-11-30T08:15:00.000Z".
std::string formatRfc3339(UnixMillis t);

// Current wall-clock time.
UnixMillis nowMillis();

}  // namespace strada::domain
