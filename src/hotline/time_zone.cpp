#include "hotline/time_zone.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace strada::hotline {
namespace {

constexpr std::size_t kMaxZoneFileBytes = std::size_t{256} * 1024;
constexpr std::size_t kHeaderBytes = 44;

domain::Error unknownZone() {
  return domain::invalidField("tz",
                              "This is not a known time zone. Use a name such as Europe/Amsterdam.")
      .value();
}

// "Europe/Amsterdam", "America/Argentina/Buenos_Aires", "Etc/GMT+2": never "..", never absolute.
bool zoneNameShaped(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/' ||
      name.find("..") != std::string_view::npos || name.find("//") != std::string_view::npos) {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

std::uint32_t be32(const std::string& b, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(b[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) |
         std::uint32_t{static_cast<unsigned char>(b[at + 3])};
}

std::int64_t be64(const std::string& b, std::size_t at) {
  return static_cast<std::int64_t>((std::uint64_t{be32(b, at)} << 32) | be32(b, at + 4));
}

struct Counts {
  std::size_t isut, isstd, leap, time, type, chars;
};

Counts countsAt(const std::string& b, std::size_t at) {
  return Counts{be32(b, at + 20), be32(b, at + 24), be32(b, at + 28),
                be32(b, at + 32), be32(b, at + 36), be32(b, at + 40)};
}

}  // namespace

TimeZone TimeZone::fixed(std::int32_t offset_minutes) {
  TimeZone zone;
  zone.initial_offset_ = offset_minutes * 60;
  zone.name_ = offset_minutes == 0 ? std::string("UTC")
                                   : "UTC" + formatLocalTime(0, offset_minutes * 60).substr(19);
  return zone;
}

domain::Result<TimeZone> TimeZone::load(std::string_view name,
                                        const std::filesystem::path& zoneinfo_dir) {
  if (!zoneNameShaped(name)) {
    return tl::unexpected(unknownZone());
  }
  std::ifstream in(zoneinfo_dir / std::string(name), std::ios::binary);
  std::string b;
  if (in) {
    b.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  // Version 2 or later: the 64-bit block follows the 32-bit one.
  if (b.size() < kHeaderBytes || b.size() > kMaxZoneFileBytes || b.compare(0, 4, "TZif") != 0 ||
      b[4] < '2') {
    return tl::unexpected(unknownZone());
  }
  const Counts v1 = countsAt(b, 0);
  const std::size_t v2_at =
      kHeaderBytes + v1.time * 5 + v1.type * 6 + v1.chars + v1.leap * 8 + v1.isstd + v1.isut;
  if (b.size() < v2_at + kHeaderBytes || b.compare(v2_at, 4, "TZif") != 0) {
    return tl::unexpected(unknownZone());
  }
  const Counts c = countsAt(b, v2_at);
  const std::size_t times_at = v2_at + kHeaderBytes;
  const std::size_t index_at = times_at + c.time * 8;
  const std::size_t types_at = index_at + c.time;
  if (c.type == 0 || b.size() < types_at + c.type * 6) {
    return tl::unexpected(unknownZone());
  }
  TimeZone zone;
  zone.name_ = std::string(name);
  const auto offset_of = [&](std::size_t type) {
    return static_cast<std::int32_t>(be32(b, types_at + type * 6));
  };
  zone.initial_offset_ = offset_of(0);
  for (std::size_t i = 0; i < c.time; ++i) {
    const auto type = static_cast<std::size_t>(static_cast<unsigned char>(b[index_at + i]));
    if (type >= c.type) {
      return tl::unexpected(unknownZone());
    }
    zone.transitions_.push_back(be64(b, times_at + i * 8));
    zone.offsets_.push_back(offset_of(type));
  }
  return zone;
}

std::int32_t TimeZone::offsetSecondsAt(domain::UnixMillis t) const {
  const std::int64_t seconds = t >= 0 ? t / 1000 : -((-t + 999) / 1000);
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), seconds);
  if (it == transitions_.begin()) {
    return initial_offset_;
  }
  return offsets_[static_cast<std::size_t>(it - transitions_.begin()) - 1];
}

std::filesystem::path zoneinfoDir() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? std::filesystem::path(dir)
                                        : std::filesystem::path("/usr/share/zoneinfo");
}

std::string mainZoneOfCountry(std::string_view country, const std::filesystem::path& zoneinfo_dir) {
  std::ifstream in(zoneinfo_dir / "zone.tab");
  std::string line;
  while (country.size() == 2 && std::getline(in, line)) {
    if (line.size() > 3 && line.compare(0, 2, country) == 0 && line[2] == '\t') {
      std::istringstream fields(line);
      std::string code, coordinates, zone;
      std::getline(fields, code, '\t');
      std::getline(fields, coordinates, '\t');
      std::getline(fields, zone, '\t');
      return zone;
    }
  }
  return {};
}

std::string formatLocalTime(domain::UnixMillis t, std::int32_t offset_seconds) {
  const std::int32_t offset_minutes = offset_seconds / 60;
  const domain::UnixMillis local = t + static_cast<domain::UnixMillis>(offset_minutes) * 60000;
  // formatRfc3339 writes "YYYY-MM-DDTHH:MM:SS.mmmZ": keep it to the second.
  std::string text = domain::formatRfc3339(local).substr(0, 19);
  const std::int32_t magnitude = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  const auto two = [](std::int32_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
  return text + (offset_minutes < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60);
}

}  // namespace strada::hotline
