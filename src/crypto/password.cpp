#include "crypto/password.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <vector>

#include "crypto/crypto.h"
#include "domain/encoding.h"

namespace strada::crypto {

using domain::lowerAscii;

namespace {

constexpr std::size_t kMinCharacters = 12;
constexpr std::size_t kMaxBytes = 256;
constexpr std::size_t kMinEmailPartLength = 3;
constexpr std::size_t kMinNameLength = 3;
// A single word of a name is matched only from four characters on: three-letter names
// ("Ana", "Li") occur inside too many ordinary words.
constexpr std::size_t kMinNameWordLength = 4;
constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// Passwords of 12 characters or more that appear near the top of public breach lists.
// Shorter ones are already refused by the length rule. Compared in lower case.
constexpr std::array<std::string_view, 52> kCommonPasswords = {
    "password1234",     "password12345",     "password123456",
    "password123!",     "passw0rd1234",      "p@ssw0rd1234",
    "qwertyuiop12",     "qwertyuiop123",     "qwerty123456",
    "qwertyqwerty",     "123456789012",      "1234567890123",
    "123456789abc",     "1q2w3e4r5t6y",      "1qaz2wsx3edc",
    "qazwsxedcrfv",     "zaq12wsxcde3",      "asdfghjkl123",
    "zxcvbnm12345",     "iloveyou1234",      "abc123456789",
    "abcdefghijkl",     "abcd12345678",      "letmein12345",
    "welcome12345",     "welcome1234!",      "changeme1234",
    "admin1234567",     "administrator",     "adminadmin12",
    "trustno1trustno1", "football1234",      "baseball1234",
    "monkey123456",     "dragon123456",      "sunshine1234",
    "princess1234",     "superman1234",      "starwars1234",
    "passwordpassword", "password1password", "correcthorsebatterystaple",
    "123123123123",     "121212121212",      "123412341234",
    "987654321098",     "masterkey123",      "secret123456",
    "mypassword123",    "qwerty123456789",   "1234qwerasdf",
    "hotline12345",
};

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0U) == 0x80U; }

// Splits UTF-8 text into its code points (each as its bytes). Stray continuation bytes stay
// attached to the code point before them; this only counts and compares, it never decodes.
std::vector<std::string_view> codePoints(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || !isContinuationByte(text[i])) {
      out.push_back(text.substr(start, i - start));
      start = i;
    }
  }
  return out;
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '-')) {
      ++i;
    }
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '-') {
      ++i;
    }
    if (i > start) {
      out.push_back(text.substr(start, i - start));
    }
  }
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

}  // namespace

PasswordCost interactiveCost() {
  return PasswordCost{crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
                      crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

domain::Result<std::string> hashPassword(std::string_view password, PasswordCost cost) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  // A non-null pointer even for an empty password: Argon2 checks pointer and length together.
  const char* data = password.empty() ? "" : password.data();
  if (crypto_pwhash_str_alg(out.data(), data, password.size(), cost.ops, cost.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return domain::internalError("password hashing failed (out of memory or cost out of range)");
  }
  return std::string(out.data());
}

bool verifyPassword(std::string_view encoded, std::string_view password) {
  const char* data = password.empty() ? "" : password.data();
  // A stored value that is not an Argon2id hash would fail at once; verify against the decoy
  // instead, so the answer still takes as long as a real check.
  if (encoded.size() >= crypto_pwhash_STRBYTES ||
      encoded.substr(0, kArgon2idPrefix.size()) != kArgon2idPrefix) {
    [[maybe_unused]] const int rc =
        crypto_pwhash_str_verify(decoyPasswordHash().c_str(), data, password.size());
    return false;
  }
  const std::string terminated(encoded);  // crypto_pwhash_str_verify wants a C string
  return crypto_pwhash_str_verify(terminated.c_str(), data, password.size()) == 0;
}

const std::string& decoyPasswordHash() {
  // Computed once, on first use; a C++ static is initialised exactly once even across threads.
  static const std::string kDecoy = [] {
    static_cast<void>(initialise());
    std::string random = randomToken(32);
    auto hash = hashPassword(random);
    sodium_memzero(random.data(), random.size());
    if (hash) {
      return *hash;
    }
    // Out of memory: an Argon2id hash of a random password nobody kept, with the interactive
    // cost, so unknown accounts still cost a full verification.
    return std::string(
        "$argon2id$v=19$m=65536,t=2,p=1$"
        "ZLOm9t+XSDecFyIOdHq0mg$BWtfRc4/KtsZcFT7/5RD8vwZm/EYIRM6YPzLO/jHFPg");
  }();
  return kDecoy;
}

domain::Status checkPasswordStrength(std::string_view password, std::string_view email,
                                     std::string_view name) {
  if (password.size() > kMaxBytes) {
    return domain::invalidField("password", "Choose a shorter password: at most 256 bytes.");
  }
  const std::vector<std::string_view> chars = codePoints(password);
  if (chars.size() < kMinCharacters) {
    return domain::invalidField("password",
                                "Choose a longer password: use at least 12 characters.");
  }
  if (std::all_of(chars.begin(), chars.end(),
                  [&](std::string_view c) { return c == chars.front(); })) {
    return domain::invalidField("password",
                                "Choose a password that is not one character repeated.");
  }
  const std::string lower = lowerAscii(password);
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) !=
      kCommonPasswords.end()) {
    return domain::invalidField("password",
                                "Choose a less common password: this one is among the first "
                                "that attackers try.");
  }
  const std::string_view local = email.substr(0, email.find('@'));
  if (local.size() >= kMinEmailPartLength && contains(lower, lowerAscii(local))) {
    return domain::invalidField("password",
                                "Choose a password that does not contain your e-mail address.");
  }
  const std::string lower_name = lowerAscii(name);
  bool has_name = lower_name.size() >= kMinNameLength && contains(lower, lower_name);
  for (const std::string_view word : words(lower_name)) {
    if (word.size() >= kMinNameWordLength && contains(lower, word)) {
      has_name = true;
    }
  }
  if (has_name) {
    return domain::invalidField("password", "Choose a password that does not contain your name.");
  }
  return {};
}

}  // namespace strada::crypto
