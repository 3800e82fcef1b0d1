// SecretKey: 32 bytes of key material in sodium_malloc'd memory (guarded, locked, wiped with
// sodium_memzero when destroyed). Move-only.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace strada::crypto {

class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;

  // A fresh random key.
  static SecretKey generate();
  // InvalidArgument unless `bytes` is exactly kSize long. The caller wipes its own copy.
  [[nodiscard]] static domain::Result<SecretKey> fromBytes(std::string_view bytes);

  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  ~SecretKey();

  // The raw bytes; valid while this object lives. Empty for a moved-from key.
  [[nodiscard]] std::string_view bytes() const;

 private:
  explicit SecretKey(unsigned char* data);
  unsigned char* data_ = nullptr;
};

}  // namespace strada::crypto

namespace strada::crypto {

// Overwrites a secret held in ordinary memory (sodium_memzero) and leaves `secret` empty.
void wipe(std::string& secret);

}  // namespace strada::crypto
