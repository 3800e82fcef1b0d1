// Parsers of untrusted request text, kept apart from the server so that a fuzzer
// (fuzz/request_target_fuzz.cpp) and its corpus replay can drive them without a socket.
// None of them throws; none of them logs.
#pragma once

#include <cstdint>
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

// True for a client-chosen X-Request-Id we are willing to log beside our own id:
// [A-Za-z0-9._-]{8,64} with at least one letter, so that a telephone number ("0612345678",
// "06-1234-5678") sent as an id is refused and never reaches a log line.
[[nodiscard]] bool isSafeClientRequestId(std::string_view id);

// True when `text` is valid UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF)
// without control characters (U+0000..U+001F, U+007F..U+009F): text a database and a log line
// may hold.
[[nodiscard]] bool isPrintableUtf8(std::string_view text);

// InvalidArgument naming the parameter when a decoded query parameter name or value is not
// isPrintableUtf8 (the field is the name, or "query" when the name itself is not printable).
[[nodiscard]] domain::Status checkQueryText(
    const std::vector<std::pair<std::string, std::string>>& query);

// The origin of a request ("https", "strada.example.org", 443), from an Origin header
// (RFC 6454 section 7) or from a Host header and a scheme. Scheme and host are lower-cased; the
// port is explicit (80 or 443 when the text has none).
struct Origin {
  std::string scheme;
  std::string host;
  std::uint16_t port = 0;
  friend bool operator==(const Origin&, const Origin&) = default;
};
// nullopt for "null", for anything but "http" or "https", and for malformed text.
[[nodiscard]] std::optional<Origin> parseOrigin(std::string_view origin);
// `host` is a Host header value ("example.org", "example.org:8443", "[::1]:8080").
[[nodiscard]] std::optional<Origin> originOfHost(std::string_view scheme, std::string_view host);

// True when a Content-Type header value is application/json, with or without parameters
// ("application/json; charset=utf-8"), in any letter case.
[[nodiscard]] bool isJsonMediaType(std::string_view content_type);
// The same for the media type `expected` ("application/octet-stream").
[[nodiscard]] bool isMediaType(std::string_view content_type, std::string_view expected);

// `text` with its percent-escapes decoded ("Passport%20scan" -> "Passport scan"); nothing when an
// escape is malformed. A header value carries text beyond ASCII so (X-Strada-Document-Title).
[[nodiscard]] std::optional<std::string> percentDecoded(std::string_view text);

// True when an Accept-Encoding header value accepts gzip (a "gzip" or "*" coding whose q is not 0).
[[nodiscard]] bool acceptsGzip(std::string_view accept_encoding);

// ASCII letter case, as HTTP names and tokens use it (other bytes are left as they are).
[[nodiscard]] char lowerAscii(char c);
[[nodiscard]] std::string lowerAscii(std::string_view text);
[[nodiscard]] bool equalsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace strada::http
