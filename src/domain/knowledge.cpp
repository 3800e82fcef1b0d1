#include "domain/knowledge.h"

#include <algorithm>
#include <array>

#include "domain/codes.h"
#include "domain/encoding.h"

namespace strada::domain {
namespace {

constexpr std::array<std::string_view, 3> kKinds = {"country_sheet", "safety_tip",
                                                    "useful_numbers"};

// Counts the code points of valid UTF-8; nullopt-like -1 when the text is not valid UTF-8 or
// holds a control character other than those `allow_breaks` admits. Control characters are
// refused because the search snippets use U+0002/U+0003 as highlight markers.
std::int64_t countCodePoints(std::string_view s, bool allow_breaks) {
  std::int64_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const auto c = static_cast<unsigned char>(s[i]);
    const bool is_break = c == '\n' || c == '\r' || c == '\t';
    if ((c < 0x20 && !(allow_breaks && is_break)) || c == 0x7F) {
      return -1;
    }
    const std::size_t length = utf8SequenceLength(s, i);
    if (length == 0) {
      return -1;
    }
    i += length;
  }
  return count;
}

bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::span<const std::string_view> knowledgeKinds() { return kKinds; }

bool isKnowledgeKind(std::string_view kind) {
  return std::find(kKinds.begin(), kKinds.end(), kind) != kKinds.end();
}

Status validateKnowledge(const KnowledgeInput& input) {
  if (!isKnowledgeKind(input.kind)) {
    return invalidField("kind", "Choose a kind: country_sheet, safety_tip or useful_numbers.");
  }
  if (!input.country.empty() && !countryCodes().contains(input.country)) {
    return invalidField("country",
                        "Use an ISO 3166-1 two-letter country code, such as DE, or leave it "
                        "empty.");
  }
  if (!languageCodes().contains(input.language)) {
    return invalidField("language", "Use an ISO 639-1 two-letter language code, such as en.");
  }
  const std::int64_t title_chars = countCodePoints(input.title, false);
  if (title_chars < 0) {
    return invalidField("title", "The title contains characters that are not valid text.");
  }
  if (isBlank(input.title) || static_cast<std::size_t>(title_chars) > kMaxKnowledgeTitleChars) {
    return invalidField("title", "Give the article a title of 1 to 200 characters.");
  }
  if (input.body.size() > kMaxKnowledgeBodyBytes) {
    return invalidField("body", "The text is too long: keep it under 100 KB.");
  }
  if (countCodePoints(input.body, true) < 0) {
    return invalidField("body", "The text contains characters that are not valid text.");
  }
  return {};
}

}  // namespace strada::domain
