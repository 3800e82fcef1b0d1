// Named time zones (IANA, "Europe/Amsterdam") read from the system's zoneinfo files (TZif, the
// tzdata package), for showing instants as local times. g++ 12's standard library has no
// std::chrono time-zone database, so this reads the compiled files itself: the offsets at every
// transition the file lists (Debian's "fat" files list them up to 2037; later instants take the
// last listed offset).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::hotline {

class TimeZone {
 public:
  // UTC at a fixed offset east of UTC: named "UTC" or "UTC+02:00".
  static TimeZone fixed(std::int32_t offset_minutes);
  // The zone `name` from `zoneinfo_dir`; InvalidArgument naming "tz" when `name` is not a zone
  // name there (or not one at all: "..", an absolute path, odd characters).
  [[nodiscard]] static domain::Result<TimeZone> load(std::string_view name,
                                                     const std::filesystem::path& zoneinfo_dir);

  [[nodiscard]] const std::string& name() const { return name_; }
  // Seconds east of UTC at `t`.
  [[nodiscard]] std::int32_t offsetSecondsAt(domain::UnixMillis t) const;

 private:
  std::string name_;
  std::int32_t initial_offset_ = 0;        // before the first transition
  std::vector<std::int64_t> transitions_;  // Unix seconds, ascending
  std::vector<std::int32_t> offsets_;      // in force from transitions_[i]
};

// Where zoneinfo files are: $TZDIR, else /usr/share/zoneinfo.
std::filesystem::path zoneinfoDir();

// The main zone of a country (ISO 3166-1 alpha-2): the first zone zone.tab lists for it
// ("NL" -> "Europe/Amsterdam"); "" when there is none or no zone.tab.
std::string mainZoneOfCountry(std::string_view country, const std::filesystem::path& zoneinfo_dir);

// "2025-04-07T11:30:00+02:00": `t` at `offset_seconds` east of UTC (whole minutes).
std::string formatLocalTime(domain::UnixMillis t, std::int32_t offset_seconds);

}  // namespace strada::hotline
