#include "http/parse.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>
#include <boost/url/url_view.hpp>

namespace strada::http {
namespace {

constexpr std::string_view kWhitespace = " \t";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(kWhitespace);
  return text.substr(first, last - first + 1);
}

// The parts of `text` between `separator`s (the items of a list header), empty ones included.
std::vector<std::string_view> splitAt(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(separator, start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// True when a "q=..." parameter says 0 (q=0, q=0.0, q=0.000).
bool isZeroQuality(std::string_view parameters) {
  for (const std::string_view part : splitAt(parameters, ';')) {
    const std::string_view parameter = trim(part);
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
        parameter[1] == '=') {
      const std::string_view value = trim(parameter.substr(2));
      if (value.empty() || value[0] != '0') {
        return false;
      }
      return value.find_first_not_of("0.", 1) == std::string_view::npos;
    }
  }
  return false;
}

}  // namespace

domain::Result<ParsedTarget> parseTarget(std::string_view target) {
  const auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) {
    return domain::invalidField("target", "The request target is not valid.");
  }
  const boost::urls::url_view& url = *parsed;
  ParsedTarget out;
  out.path = url.path();
  if (out.path.empty() || out.path.front() != '/' || out.path.find('\0') != std::string::npos) {
    return domain::invalidField("target", "The request target is not valid.");
  }
  if (url.has_query()) {
    boost::urls::encoding_opts options;
    options.space_as_plus = true;
    for (const auto& param : url.params(options)) {
      out.query.emplace_back(param.key, param.has_value ? param.value : std::string());
    }
  }
  return out;
}

std::optional<std::string> findCookie(std::string_view header, std::string_view name) {
  if (name.empty()) {
    return std::nullopt;
  }
  for (const std::string_view part : splitAt(header, ';')) {
    const std::string_view pair = trim(part);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) {
      std::string_view value = trim(pair.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
  }
  return std::nullopt;
}

bool isSafeClientRequestId(std::string_view id) {
  if (id.size() < 8 || id.size() > 64) {
    return false;
  }
  bool has_letter = false;
  for (const char c : id) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    const bool other = (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
    if (!letter && !other) {
      return false;
    }
    has_letter = has_letter || letter;
  }
  return has_letter;
}

bool isPrintableUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      if (lead < 0x20 || lead == 0x7F) {
        return false;
      }
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    std::uint32_t minimum = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code_point = lead & 0x1Fu;
      minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code_point = lead & 0x0Fu;
      minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code_point = lead & 0x07u;
      minimum = 0x10000;
    } else {
      return false;  // a continuation byte first, or 0xC0, 0xC1, 0xF5..0xFF
    }
    if (text.size() - i < length) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) {
        return false;
      }
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
    const bool c1_control = code_point >= 0x80 && code_point <= 0x9F;
    if (code_point < minimum || code_point > 0x10FFFF || surrogate || c1_control) {
      return false;
    }
    i += length;
  }
  return true;
}

domain::Status checkQueryText(const std::vector<std::pair<std::string, std::string>>& query) {
  for (const auto& [name, value] : query) {
    if (!isPrintableUtf8(name)) {
      return domain::invalidField(
          "query", "A query parameter name is not valid text. Remove it and try again.");
    }
    if (!isPrintableUtf8(value)) {
      return domain::invalidField(
          name,
          "This parameter is not valid text (UTF-8 without control characters). Correct "
          "it and try again.");
    }
  }
  return {};
}

namespace {

std::optional<std::uint16_t> parsePort(std::string_view text) {
  if (text.empty() || text.size() > 5) {
    return std::nullopt;
  }
  std::uint32_t port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    port = port * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) {
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(port);
}

bool isHostText(std::string_view host) {
  if (host.empty()) {
    return false;
  }
  if (host.front() == '[') {
    return host.size() > 2 && host.back() == ']' &&
           host.find_first_not_of("0123456789abcdefABCDEF:.", 1) == host.size() - 1;
  }
  return host.find_first_not_of(
             "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.") ==
         std::string_view::npos;
}

}  // namespace

std::optional<Origin> originOfHost(std::string_view scheme, std::string_view host) {
  Origin out;
  out.scheme = lowerAscii(trim(scheme));
  if (out.scheme != "http" && out.scheme != "https") {
    return std::nullopt;
  }
  host = trim(host);
  // The port follows the last colon after an IPv6 literal's closing bracket, if any.
  const auto bracket = host.rfind(']');
  const auto colon = host.rfind(':');
  std::string_view name = host;
  out.port = out.scheme == "https" ? 443 : 80;
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
    if (host.front() != '[' && host.find(':') != colon) {
      return std::nullopt;  // an IPv6 address without brackets
    }
    const auto port = parsePort(host.substr(colon + 1));
    if (!port) {
      return std::nullopt;
    }
    out.port = *port;
    name = host.substr(0, colon);
  }
  if (!isHostText(name)) {
    return std::nullopt;
  }
  out.host = lowerAscii(name);
  return out;
}

std::optional<Origin> parseOrigin(std::string_view origin) {
  const auto separator = origin.find("://");
  if (separator == std::string_view::npos) {
    return std::nullopt;  // "null" (an opaque origin) included
  }
  const std::string_view authority = origin.substr(separator + 3);
  if (authority.find_first_of("/?#@") != std::string_view::npos) {
    return std::nullopt;
  }
  return originOfHost(origin.substr(0, separator), authority);
}

std::optional<std::string> percentDecoded(std::string_view text) {
  const auto escaped = boost::urls::make_pct_string_view(text);
  if (!escaped) {
    return std::nullopt;
  }
  return escaped->decode();
}

bool isMediaType(std::string_view content_type, std::string_view expected) {
  const std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  return equalsIgnoreCase(type, expected);
}

bool isJsonMediaType(std::string_view content_type) {
  return isMediaType(content_type, "application/json");
}

bool acceptsGzip(std::string_view accept_encoding) {
  // An explicit "gzip" entry decides; otherwise a "*" entry does (RFC 9110 section 12.5.3).
  std::optional<bool> gzip;
  std::optional<bool> any;
  for (const std::string_view item : splitAt(accept_encoding, ',')) {
    const auto semicolon = item.find(';');
    const std::string_view coding = trim(item.substr(0, semicolon));
    const bool accepted =
        semicolon == std::string_view::npos || !isZeroQuality(item.substr(semicolon + 1));
    if (equalsIgnoreCase(coding, "gzip") && !gzip) {
      gzip = accepted;
    } else if (coding == "*" && !any) {
      any = accepted;
    }
  }
  return gzip.value_or(any.value_or(false));
}

char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = lowerAscii(c);
  }
  return out;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lowerAscii(x) == lowerAscii(y);
         });
}

}  // namespace strada::http
