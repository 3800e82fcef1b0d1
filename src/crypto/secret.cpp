#include "crypto/secret.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "crypto/crypto.h"

namespace strada::crypto {

namespace {

// sodium_malloc fails only when memory or locked pages run out; a key cannot be kept safely
// then, and SecretKey has no error path, so the process stops (an invariant, not an input).
unsigned char* allocateKey() {
  // sodium_malloc needs sodium_init() to have run (it learns the page size there).
  static_cast<void>(initialise());
  auto* data = static_cast<unsigned char*>(sodium_malloc(SecretKey::kSize));
  if (data == nullptr) {
    std::fputs("strada: out of memory for key material (sodium_malloc failed)\n", stderr);
    std::abort();
  }
  return data;
}

}  // namespace

SecretKey::SecretKey(unsigned char* data) : data_(data) {}

SecretKey SecretKey::generate() {
  unsigned char* data = allocateKey();
  randombytes_buf(data, kSize);
  return SecretKey(data);
}

domain::Result<SecretKey> SecretKey::fromBytes(std::string_view bytes) {
  if (bytes.size() != kSize) {
    return domain::fail(domain::ErrorCode::kInvalidArgument, "A key must be exactly 32 bytes.");
  }
  unsigned char* data = allocateKey();
  std::memcpy(data, bytes.data(), kSize);
  return SecretKey(data);
}

SecretKey::SecretKey(SecretKey&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) {
      sodium_memzero(data_, kSize);
      sodium_free(data_);
    }
    data_ = std::exchange(other.data_, nullptr);
  }
  return *this;
}

SecretKey::~SecretKey() {
  if (data_ != nullptr) {
    sodium_memzero(data_, kSize);
    sodium_free(data_);
  }
}

std::string_view SecretKey::bytes() const {
  if (data_ == nullptr) {
    return {};
  }
  return {reinterpret_cast<const char*>(data_), kSize};
}

}  // namespace strada::crypto

namespace strada::crypto {

void wipe(std::string& secret) {
  if (!secret.empty()) {
    sodium_memzero(secret.data(), secret.size());
  }
  secret.clear();
}

}  // namespace strada::crypto
