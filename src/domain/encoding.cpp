#include "domain/encoding.h"

#include <array>

namespace strada::domain {
namespace {

// One row of Unicode's table 3-7: the lead bytes `first`..`last` start a sequence of `length`
// bytes whose second byte lies in `second_min`..`second_max`; any further byte is 0x80..0xBF.
struct Utf8Lead {
  unsigned char first, last;
  std::size_t length;
  unsigned char second_min, second_max;
};
constexpr std::array<Utf8Lead, 9> kUtf8Leads = {{
    {0x00, 0x7F, 1, 0x00, 0x00},
    {0xC2, 0xDF, 2, 0x80, 0xBF},
    {0xE0, 0xE0, 3, 0xA0, 0xBF},
    {0xE1, 0xEC, 3, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x80, 0x9F},
    {0xEE, 0xEF, 3, 0x80, 0xBF},
    {0xF0, 0xF0, 4, 0x90, 0xBF},
    {0xF1, 0xF3, 4, 0x80, 0xBF},
    {0xF4, 0xF4, 4, 0x80, 0x8F},
}};

int hexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

std::string toHex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    const auto b = static_cast<unsigned char>(ch);
    out += kDigits[b >> 4];
    out += kDigits[b & 0x0f];
  }
  return out;
}

Result<std::string> fromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return fail(ErrorCode::kInvalidArgument, "Hex text must have an even number of characters.");
  }
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hexValue(hex[i]);
    const int lo = hexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return fail(ErrorCode::kInvalidArgument,
                  "Hex text may hold only the characters 0-9 and a-f.");
    }
    out += static_cast<char>((hi << 4) | lo);
  }
  return out;
}

std::string joinList(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) {
      out += ',';
    }
    out += item;
  }
  return out;
}

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = text.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? text.size() : comma;
    if (end > start) {
      out.emplace_back(text.substr(start, end - start));
    }
    start = end + 1;
  }
  return out;
}

std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  for (const Utf8Lead& lead : kUtf8Leads) {
    if (byte(i) < lead.first || byte(i) > lead.last) {
      continue;
    }
    if (lead.length == 1) {
      return 1;
    }
    if (i + lead.length > text.size() || byte(i + 1) < lead.second_min ||
        byte(i + 1) > lead.second_max) {
      return 0;
    }
    for (std::size_t k = 2; k < lead.length; ++k) {
      if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
        return 0;
      }
    }
    return lead.length;
  }
  return 0;  // 0x80..0xC1 and 0xF5..0xFF never lead a sequence
}

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8SequenceLength(text, i);
    if (length == 0) {
      return false;
    }
    i += length;
  }
  return true;
}

std::string utf8Capped(std::string_view text, std::size_t max_bytes) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8SequenceLength(text, i);
    const std::string_view piece = length == 0 ? kReplacement : text.substr(i, length);
    if (out.size() + piece.size() > max_bytes) {
      break;
    }
    out += piece;
    i += length == 0 ? 1 : length;
  }
  return out;
}

std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

}  // namespace strada::domain
