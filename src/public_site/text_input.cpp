// What the public site's written texts share (public_site/text_input.h).
#include "public_site/text_input.h"

#include <algorithm>

#include "public_site/catalog.h"

namespace strada::public_site {
namespace {

std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                           text.front() == '\r')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

// A control character other than tab, newline and carriage return (only where `lines`).
bool hasControl(std::string_view text, bool lines) {
  return std::any_of(text.begin(), text.end(), [lines](char c) {
    const auto byte = static_cast<unsigned char>(c);
    if (lines && (c == '\n' || c == '\r' || c == '\t')) {
      return false;
    }
    return byte < 0x20 || byte == 0x7F;
  });
}

}  // namespace

domain::Status checkText(std::string& text, const std::string& field, std::size_t min,
                         std::size_t max, bool lines) {
  text = trimmed(text);
  const std::size_t n = characters(text);
  if (n < min || n > max || hasControl(text, lines)) {
    const std::string where = lines ? "" : " on one line";
    return domain::invalidField(
        field, min > 0 ? "Write 1 to " + std::to_string(max) + " characters" + where + "."
                       : "Write at most " + std::to_string(max) + " characters" + where + ".");
  }
  return {};
}

bool validSlug(std::string_view slug) {
  if (slug.empty() || slug.size() > 80 || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  for (std::size_t i = 0; i < slug.size(); ++i) {
    const char c = slug[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && slug[i + 1] == '-')) {
      return false;
    }
  }
  return true;
}

bool publicLanguage(std::string_view language) {
  return std::find(kPublicLanguages.begin(), kPublicLanguages.end(), language) !=
         kPublicLanguages.end();
}

}  // namespace strada::public_site
