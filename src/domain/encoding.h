// Plain encodings used across the layers: hexadecimal bytes and comma-separated lists. One home,
// so that every layer writes and reads them the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace strada::domain {

// Lower-case hexadecimal of `bytes`.
std::string toHex(std::string_view bytes);
// The bytes of `hex` (either case); InvalidArgument for an odd length or a non-hex character.
[[nodiscard]] Result<std::string> fromHex(std::string_view hex);

// "a,b,c"; {} -> "". Items must not contain a comma (codes and language tags never do).
std::string joinList(const std::vector<std::string>& items);
// The non-empty items of "a,b,c"; "" -> {}.
std::vector<std::string> splitList(std::string_view text);

}  // namespace strada::domain
