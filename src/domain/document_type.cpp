#include "domain/document_type.h"

#include <algorithm>
#include <array>

#include "domain/encoding.h"

namespace strada::domain {
namespace {

struct Signature {
  std::string_view prefix;
  std::string_view media_type;
};

// The first bytes each specification fixes: PDF 1.7 (ISO 32000-1, 7.5.2), JPEG (ITU T.81 SOI
// marker followed by another marker), PNG (RFC 2083, 3.1).
constexpr std::array<Signature, 3> kSignatures = {{
    {std::string_view("%PDF-"), "application/pdf"},
    {std::string_view("\xFF\xD8\xFF", 3), "image/jpeg"},
    {std::string_view("\x89PNG\r\n\x1A\n", 8), "image/png"},
}};

// An OpenDocument package starts with an uncompressed ZIP entry named "mimetype" holding the
// media type (OpenDocument 1.2, part 3, 3.3): the local file header is 30 bytes, then the name.
constexpr std::string_view kOdtMediaType = "application/vnd.oasis.opendocument.text";

bool isOpenDocumentText(std::string_view content) {
  constexpr std::size_t kNameOffset = 30;
  constexpr std::string_view kName = "mimetype";
  if (!content.starts_with(std::string_view("PK\x03\x04", 4)) ||
      content.size() < kNameOffset + kName.size() + kOdtMediaType.size()) {
    return false;
  }
  return content.substr(kNameOffset, kName.size()) == kName &&
         content.substr(kNameOffset + kName.size(), kOdtMediaType.size()) == kOdtMediaType;
}

// UTF-8 without NUL or other control characters than tab, LF, FF and CR (a binary file is seldom
// valid UTF-8, and never without control bytes).
bool isPlainText(std::string_view content) {
  const bool clean = std::none_of(content.begin(), content.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || byte == 0x7F;
  });
  return clean && isValidUtf8(content);
}

}  // namespace

std::optional<std::string_view> recognisedDocumentType(std::string_view content) {
  if (content.empty()) {
    return std::nullopt;
  }
  for (const Signature& s : kSignatures) {
    if (content.starts_with(s.prefix)) {
      return s.media_type;
    }
  }
  if (isOpenDocumentText(content)) {
    return kOdtMediaType;
  }
  if (isPlainText(content)) {
    return "text/plain; charset=utf-8";
  }
  return std::nullopt;
}

}  // namespace strada::domain
