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

// A proleptic Gregorian calendar date.
struct CivilDate {
  std::int64_t y = 1970;
  unsigned m = 1;  // 1..12
  unsigned d = 1;  // 1..31
};

// Days since 1970-01-01 of a date, and back (Howard Hinnant's algorithms, public domain).
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);
CivilDate civilFromDays(std::int64_t days);

// The day (since 1970-01-01) of the first of the month that holds `day`, and of the next month.
std::int64_t monthStartDay(std::int64_t day);
std::int64_t nextMonthStartDay(std::int64_t day);

}  // namespace strada::domain
