#include "crypto/crypto.h"

#include <sodium.h>

#include <array>
#include <chrono>
#include <cstdio>

namespace strada::crypto {

namespace {

const unsigned char* asBytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

domain::Status initialise() {
  // sodium_init() is itself thread safe; the static only spares the lock on later calls.
  static const int kRc = sodium_init();
  if (kRc < 0) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The cryptography library could not start.", {}, "sodium_init failed");
  }
  return {};
}

std::string randomBytes(std::size_t n) {
  std::string out(n, '\0');
  if (n > 0) {
    randombytes_buf(out.data(), n);
  }
  return out;
}

std::string randomToken(std::size_t n) {
  std::string raw = randomBytes(n);
  std::string token = toBase64Url(raw);
  sodium_memzero(raw.data(), raw.size());
  return token;
}

std::string newId() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  // 48 bits of milliseconds last until the year 10889.
  const auto stamp = static_cast<unsigned long long>(ms) & 0xFFFFFFFFFFFFULL;
  std::array<char, 13> prefix{};
  std::snprintf(prefix.data(), prefix.size(), "%012llx", stamp);
  return std::string(prefix.data(), 12) + toHex(randomBytes(10));
}

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), asBytes(data), data.size());
  return toHex(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
}

std::string hmacSha256(std::string_view key, std::string_view message) {
  // The _init/_update/_final form accepts any key length; callers pass 32 bytes.
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, asBytes(key), key.size());
  crypto_auth_hmacsha256_update(&state, asBytes(message), message.size());
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(mac.data()));
  sodium_memzero(&state, sizeof state);
  return mac;
}

bool constantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  if (a.empty()) {
    return true;
  }
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace {

std::string base64(std::string_view bytes, int variant) {
  std::string out(sodium_base64_encoded_len(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), asBytes(bytes), bytes.size(), variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

}  // namespace

std::string toBase64Url(std::string_view bytes) {
  return base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string toBase64(std::string_view bytes) {
  return base64(bytes, sodium_base64_VARIANT_ORIGINAL);
}

domain::Result<std::string> fromBase64Url(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  if (text.empty()) {
    return std::string();
  }
  std::size_t written = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &written, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return domain::fail(domain::ErrorCode::kInvalidArgument,
                        "The text is not valid unpadded base64url.");
  }
  out.resize(written);
  return out;
}

}  // namespace strada::crypto
