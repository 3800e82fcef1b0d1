#include "crypto/totp.h"

#include <liboath/oath.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <mutex>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

constexpr std::size_t kSecretBytes = 20;
constexpr std::size_t kWindow = 1;

void initialiseOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) {
      std::fputs("strada: liboath did not initialise\n", stderr);
      std::abort();
    }
  });
}

}  // namespace

std::string newTotpSecret() { return randomBytes(kSecretBytes); }

std::string base32(std::string_view bytes) {
  initialiseOnce();
  char* out = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &length) != OATH_OK || out == nullptr) {
    std::fputs("strada: base32 encoding failed\n", stderr);
    std::abort();
  }
  std::string text(out, length);
  std::free(out);  // NOLINT(cppcoreguidelines-no-malloc): liboath's allocation
  text.erase(std::remove(text.begin(), text.end(), '='), text.end());
  return text;
}

std::string groupedInFours(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && i % 4 == 0) {
      out.push_back('-');
    }
    out.push_back(text[i]);
  }
  return out;
}

std::optional<std::string> fromBase32(std::string_view text) {
  initialiseOnce();
  std::string clean;
  for (char c : text) {
    if (c == '-' || c == ' ' || c == '=') {
      continue;
    }
    clean.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  while (clean.size() % 8 != 0) {
    clean.push_back('=');
  }
  char* out = nullptr;
  std::size_t length = 0;
  if (oath_base32_decode(clean.data(), clean.size(), &out, &length) != OATH_OK) {
    return std::nullopt;
  }
  std::string bytes(out, length);
  std::free(out);  // NOLINT(cppcoreguidelines-no-malloc): liboath's allocation
  return bytes;
}

std::int64_t totpStepAt(std::int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

std::string totpCode(std::string_view secret, std::int64_t unix_seconds) {
  initialiseOnce();
  std::array<char, kTotpDigits + 1> code{};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(unix_seconds),
                         kTotpStepSeconds, 0, kTotpDigits, code.data()) != OATH_OK) {
    return {};
  }
  return std::string(code.data(), kTotpDigits);
}

std::optional<std::int64_t> totpMatch(std::string_view secret, std::int64_t unix_seconds,
                                      std::string_view code) {
  if (code.size() != kTotpDigits ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  initialiseOnce();
  const std::string otp(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int found =
      oath_totp_validate3(secret.data(), secret.size(), static_cast<time_t>(unix_seconds),
                          kTotpStepSeconds, 0, kWindow, &position, &counter, otp.c_str());
  if (found < 0) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(counter);
}

}  // namespace strada::crypto
