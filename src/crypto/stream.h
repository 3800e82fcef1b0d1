// Encryption of a long stream in chunks (libsodium's crypto_secretstream_xchacha20poly1305): each
// chunk is authenticated, they cannot be reordered, dropped or repeated, and the last one is
// marked, so a stream cut short is seen. Used for backup files (app/backup_commands.h).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "crypto/secret.h"
#include "domain/error.h"

namespace strada::crypto {

// The bytes a pushed chunk has beyond its plaintext (its tag).
inline constexpr std::size_t kStreamChunkOverhead = 17;
// The size of the header a stream starts with (its nonce).
inline constexpr std::size_t kStreamHeaderSize = 24;

class StreamSealer {
 public:
  // A new stream under `key` (a fresh random header).
  explicit StreamSealer(const SecretKey& key);
  StreamSealer(const StreamSealer&) = delete;
  StreamSealer& operator=(const StreamSealer&) = delete;
  ~StreamSealer();  // wipes the state (it holds the stream's key)
  // Write it before the first chunk.
  [[nodiscard]] const std::string& header() const { return header_; }
  // The chunk's ciphertext (plaintext size + kStreamChunkOverhead); `ad` is authenticated with it,
  // not stored. `final` marks the stream's last chunk.
  [[nodiscard]] std::string push(std::string_view plain, std::string_view ad, bool final);

 private:
  std::string header_;
  alignas(16) std::array<unsigned char, 52> state_{};
};

class StreamOpener {
 public:
  // InvalidArgument when `header` is not kStreamHeaderSize bytes or does not start a stream.
  [[nodiscard]] static domain::Result<StreamOpener> start(const SecretKey& key,
                                                          std::string_view header);
  struct Chunk {
    std::string plain;
    bool final = false;
  };
  // The next chunk; InvalidArgument when it was altered, moved, or `ad` differs.
  [[nodiscard]] domain::Result<Chunk> pull(std::string_view cipher, std::string_view ad);

  StreamOpener(const StreamOpener& other) = default;
  StreamOpener& operator=(const StreamOpener&) = delete;
  ~StreamOpener();  // wipes the state

 private:
  StreamOpener() = default;
  alignas(16) std::array<unsigned char, 52> state_{};
};

}  // namespace strada::crypto
