// Parsers of untrusted request text, kept apart from the server so that a fuzzer
// (fuzz/request_target_fuzz.cpp) and its corpus replay can drive them without a socket.
// None of them throws; none of them logs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"

namespace strada::http {

struct ParsedTarget {
  std::string path;                                        // percent-decoded, starts with "/"
  std::vector<std::pair<std::string, std::string>> query;  // decoded ("+" is a space), in order
};

// Parses an origin-form request target ("/path?query", RFC 9112 section 3.2.1).
// InvalidArgument when the target is not in origin form, or when its decoded path holds a NUL
// (which no file name or route may contain).
[[nodiscard]] domain::Result<ParsedTarget> parseTarget(std::string_view target);

// The value of cookie `name` in a Cookie header ("a=1; b=2", RFC 6265 section 5.4), with
// surrounding double quotes removed; nullopt when absent. The first occurrence wins.
[[nodiscard]] std::optional<std::string> findCookie(std::string_view header, std::string_view name);

// True for a client-chosen X-Request-Id we are willing to echo: [A-Za-z0-9-]{8,64}.
[[nodiscard]] bool isValidRequestId(std::string_view id);

// True when an Accept-Encoding header value accepts gzip (a "gzip" or "*" coding whose q is not 0).
[[nodiscard]] bool acceptsGzip(std::string_view accept_encoding);

}  // namespace strada::http
