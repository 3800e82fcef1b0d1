// libFuzzer target for cookies as the API reads them: the Cookie header fields of a request
// (http::Request::cookie over every field, http::findCookie), the session cookie's name in both
// forms (api/auth.h), and what authenticate() does with the token before the store sees it (the
// length check, then its SHA-256, the session's key), and the CSRF header's constant-time
// comparison. Build and run: see fuzz/README.md.
//
// Input: header fields, one per line; a line "name: value" is that header, any other line is a
// Cookie field. The first line also serves as the X-CSRF-Token sent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/auth.h"
#include "crypto/crypto.h"
#include "http/message.h"
#include "http/parse.h"

namespace {

// A cookie's value never crosses a ';' of its field, and is a part of one of the fields.
void checkValue(const strada::http::Request& req, const std::string& value) {
  if (value.find(';') != std::string::npos) {
    __builtin_trap();
  }
  for (const auto& [name, field] : req.headers) {
    if (field.find(value) != std::string::npos) {
      return;
    }
  }
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  strada::http::Request req;
  std::size_t start = 0;
  while (start <= input.size()) {
    const auto end = std::min(input.find('\n', start), input.size());
    const std::string_view line = input.substr(start, end - start);
    const auto colon = line.find(": ");
    if (colon != std::string_view::npos && colon > 0 && colon < 32) {
      std::string name(line.substr(0, colon));
      for (char& c : name) {
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      }
      req.headers.emplace_back(std::move(name), std::string(line.substr(colon + 2)));
    } else {
      req.headers.emplace_back("Cookie", std::string(line));
    }
    start = end + 1;
  }

  for (const bool secure : {false, true}) {
    const auto token = req.cookie(strada::api::sessionCookieName(secure));
    if (!token) {
      continue;
    }
    checkValue(req, *token);
    // authenticate(): a token of 1 to 128 bytes is looked up by its SHA-256.
    if (!token->empty() && token->size() <= 128) {
      const std::string session_id = strada::crypto::sha256Hex(*token);
      if (session_id.size() != 64) {
        __builtin_trap();
      }
    }
  }
  for (const std::string_view name : {"strada_lang", "a", "=", " ", "\"", ""}) {
    if (const auto value = req.cookie(name)) {
      checkValue(req, *value);
    }
  }
  if (!req.headers.empty()) {
    (void)strada::http::findCookie(req.headers.front().second, "strada_session");
  }
  // The CSRF check: the header sent against the token expected, in constant time.
  if (const auto sent = req.header(strada::api::kCsrfHeader)) {
    const std::string expected =
        strada::crypto::toBase64Url(strada::crypto::hmacSha256("key", "session id"));
    if (strada::crypto::constantTimeEqual(*sent, expected) != (*sent == expected)) {
      __builtin_trap();
    }
  }
  return 0;
}
