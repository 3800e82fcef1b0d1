// Plain encodings used across the layers: hexadecimal bytes, comma-separated lists and UTF-8. One
// home, so that every layer writes and reads them the same way.
#pragma once

#include <cstddef>
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

// `text` with A-Z turned into a-z; every other byte (UTF-8 included) as it is.
std::string lowerAscii(std::string_view text);

// The length (1 to 4) of the well-formed UTF-8 sequence that starts at text[i], or 0 when none
// does: Unicode's table of well-formed byte sequences (chapter 3, table 3-7), so no overlong
// form, no surrogate and nothing past U+10FFFF. `i` must be less than text.size().
std::size_t utf8SequenceLength(std::string_view text, std::size_t i);
// True when all of `text` is well-formed UTF-8 (PostgreSQL refuses anything else).
bool isValidUtf8(std::string_view text);
// `text` as well-formed UTF-8 of at most `max_bytes` bytes, for naming a client's own key in an
// error: each ill-formed byte becomes U+FFFD, and a sequence that would pass `max_bytes` ends it
// (never cut in the middle).
std::string utf8Capped(std::string_view text, std::size_t max_bytes);

}  // namespace strada::domain
