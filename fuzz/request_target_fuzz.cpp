// libFuzzer target for the parsers of untrusted request text in src/http/parse.h: the request
// target (path and query), the Cookie, Origin, Host and Content-Type headers, the client request
// id and the text check of query parameters. Build and run: see fuzz/README.md.
//
// Input layout: the bytes up to the first '\n' are the request target; the rest is a Cookie
// header; its first byte (mod 16) is the length of the cookie name that follows it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view target = input.substr(0, newline);
  const std::string_view header =
      newline == std::string_view::npos ? input : input.substr(newline + 1);

  if (const auto parsed = strada::http::parseTarget(target)) {
    // Invariants the server relies on.
    if (parsed->path.empty() || parsed->path.front() != '/' ||
        parsed->path.find('\0') != std::string::npos) {
      __builtin_trap();
    }
  }

  std::string_view name;
  if (!header.empty()) {
    const std::size_t name_length =
        static_cast<std::size_t>(static_cast<unsigned char>(header[0])) % 16U;
    name = header.substr(1, name_length);
  }
  (void)strada::http::findCookie(header, name);
  (void)strada::http::findCookie(header, "strada_session");
  (void)strada::http::isSafeClientRequestId(target);
  (void)strada::http::acceptsGzip(header);
  (void)strada::http::isPrintableUtf8(target);
  (void)strada::http::parseOrigin(header);
  (void)strada::http::originOfHost("https", header);
  (void)strada::http::isJsonMediaType(header);
  return 0;
}
