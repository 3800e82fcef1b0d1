// The shapes of the identifiers the server makes, checked wherever one arrives from outside.
#pragma once

#include <cstddef>
#include <string_view>

namespace strada::domain {

// Exactly `size` lower-case hexadecimal characters (ids, blind indexes, hashes).
[[nodiscard]] bool isLowerHex(std::string_view text, std::size_t size);

// A record id as crypto::newId() makes them: 32 lower-case hex characters.
inline constexpr std::size_t kIdChars = 32;
[[nodiscard]] inline bool isIdShaped(std::string_view id) { return isLowerHex(id, kIdChars); }

}  // namespace strada::domain
