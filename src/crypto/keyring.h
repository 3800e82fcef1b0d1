// The master key and what it protects.
//
// The master key lives in a file (DIR/master.key, mode 0600, 64 hex characters) or in the
// STRADA_MASTER_KEY environment variable, never in the database. It wraps data keys
// (XChaCha20-Poly1305); wrapped data keys are stored in the database, so rotating the master
// key re-wraps them without touching any row. It also derives purpose-bound subkeys
// (crypto_kdf) for the CSRF MAC and for blind indexes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

#include "crypto/secret.h"
#include "domain/error.h"

namespace strada::crypto {

class MasterKey {
 public:
  // Creates `path` with a new random key, mode 0600. Conflict if the file exists: an existing
  // key is never overwritten (it would make every sealed field unreadable).
  [[nodiscard]] static domain::Result<MasterKey> create(const std::filesystem::path& path);
  // Reads the key from STRADA_MASTER_KEY if set, else from `path`. Unavailable with a sentence
  // that says what to fix when missing, malformed, or readable by group or others.
  [[nodiscard]] static domain::Result<MasterKey> load(const std::filesystem::path& path);
  [[nodiscard]] static domain::Result<MasterKey> fromHex(std::string_view hex);

  // Wraps a data key for storage: version byte | 24-byte nonce | ciphertext+tag, with
  // `key_id` as associated data so a wrapped key cannot be swapped for another.
  [[nodiscard]] std::string wrap(const SecretKey& data_key, std::string_view key_id) const;
  [[nodiscard]] domain::Result<SecretKey> unwrap(std::string_view wrapped,
                                                 std::string_view key_id) const;

  // A 32-byte subkey for one purpose ("csrf", "blindidx"), stable for this master key.
  // `context8` is a constant of 1 to 8 characters, padded with NUL bytes to 8; any other
  // length is a programming error and stops the process (truncating could share a subkey).
  [[nodiscard]] SecretKey deriveSubkey(std::uint64_t id, std::string_view context8) const;

 private:
  explicit MasterKey(SecretKey key) : key_(std::move(key)) {}
  SecretKey key_;
};

// Seals and opens one field with one data key. Thread safe (const).
//
// Sealed format: version byte 0x01 | 24-byte random nonce | XChaCha20-Poly1305 ciphertext+tag.
// The associated data binds the ciphertext to where it belongs ("contacts.summary:" + record id),
// so a sealed value copied into another row or column fails to open.
class FieldSealer {
 public:
  explicit FieldSealer(SecretKey key) : key_(std::move(key)) {}

  [[nodiscard]] std::string seal(std::string_view plaintext, std::string_view aad) const;
  // InvalidArgument-free: tampering, a wrong key or a wrong aad give Internal (logged, not shown).
  [[nodiscard]] domain::Result<std::string> open(std::string_view sealed,
                                                 std::string_view aad) const;

 private:
  SecretKey key_;
};

}  // namespace strada::crypto
