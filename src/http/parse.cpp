#include "http/parse.h"

#include <boost/url/parse.hpp>
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

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') {
      x = static_cast<char>(x - 'A' + 'a');
    }
    if (y >= 'A' && y <= 'Z') {
      y = static_cast<char>(y - 'A' + 'a');
    }
    if (x != y) {
      return false;
    }
  }
  return true;
}

// True when a "q=..." parameter says 0 (q=0, q=0.0, q=0.000).
bool isZeroQuality(std::string_view parameters) {
  std::size_t start = 0;
  while (start <= parameters.size()) {
    auto end = parameters.find(';', start);
    if (end == std::string_view::npos) {
      end = parameters.size();
    }
    const std::string_view parameter = trim(parameters.substr(start, end - start));
    if (parameter.size() >= 2 && (parameter[0] == 'q' || parameter[0] == 'Q') &&
        parameter[1] == '=') {
      const std::string_view value = trim(parameter.substr(2));
      if (value.empty() || value[0] != '0') {
        return false;
      }
      return value.find_first_not_of("0.", 1) == std::string_view::npos;
    }
    start = end + 1;
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
  std::size_t start = 0;
  while (start <= header.size()) {
    auto end = header.find(';', start);
    if (end == std::string_view::npos) {
      end = header.size();
    }
    const std::string_view pair = trim(header.substr(start, end - start));
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) {
      std::string_view value = trim(pair.substr(equals + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      return std::string(value);
    }
    start = end + 1;
  }
  return std::nullopt;
}

bool isValidRequestId(std::string_view id) {
  if (id.size() < 8 || id.size() > 64) {
    return false;
  }
  for (const char c : id) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

bool acceptsGzip(std::string_view accept_encoding) {
  // An explicit "gzip" entry decides; otherwise a "*" entry does (RFC 9110 section 12.5.3).
  std::optional<bool> gzip;
  std::optional<bool> any;
  std::size_t start = 0;
  while (start <= accept_encoding.size()) {
    auto end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) {
      end = accept_encoding.size();
    }
    const std::string_view item = accept_encoding.substr(start, end - start);
    const auto semicolon = item.find(';');
    const std::string_view coding = trim(item.substr(0, semicolon));
    const bool accepted =
        semicolon == std::string_view::npos || !isZeroQuality(item.substr(semicolon + 1));
    if (equalsIgnoreCase(coding, "gzip") && !gzip) {
      gzip = accepted;
    } else if (coding == "*" && !any) {
      any = accepted;
    }
    start = end + 1;
  }
  return gzip.value_or(any.value_or(false));
}

}  // namespace strada::http
