#include "crypto/stream.h"

#include <sodium.h>

namespace strada::crypto {
namespace {

static_assert(crypto_secretstream_xchacha20poly1305_ABYTES == kStreamChunkOverhead);
static_assert(crypto_secretstream_xchacha20poly1305_HEADERBYTES == kStreamHeaderSize);
static_assert(sizeof(crypto_secretstream_xchacha20poly1305_state) <= 52);

const unsigned char* bytesOf(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

crypto_secretstream_xchacha20poly1305_state* stateOf(std::array<unsigned char, 52>& raw) {
  return reinterpret_cast<crypto_secretstream_xchacha20poly1305_state*>(raw.data());
}

}  // namespace

StreamSealer::StreamSealer(const SecretKey& key) : header_(kStreamHeaderSize, '\0') {
  crypto_secretstream_xchacha20poly1305_init_push(
      stateOf(state_), reinterpret_cast<unsigned char*>(header_.data()), bytesOf(key.bytes()));
}

StreamSealer::~StreamSealer() { sodium_memzero(state_.data(), state_.size()); }

StreamOpener::~StreamOpener() { sodium_memzero(state_.data(), state_.size()); }

std::string StreamSealer::push(std::string_view plain, std::string_view ad, bool final) {
  std::string out(plain.size() + kStreamChunkOverhead, '\0');
  unsigned long long written = 0;
  crypto_secretstream_xchacha20poly1305_push(
      stateOf(state_), reinterpret_cast<unsigned char*>(out.data()), &written, bytesOf(plain),
      plain.size(), ad.empty() ? nullptr : bytesOf(ad), ad.size(),
      final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  out.resize(static_cast<std::size_t>(written));
  return out;
}

domain::Result<StreamOpener> StreamOpener::start(const SecretKey& key, std::string_view header) {
  StreamOpener opener;
  if (header.size() != kStreamHeaderSize ||
      crypto_secretstream_xchacha20poly1305_init_pull(stateOf(opener.state_), bytesOf(header),
                                                      bytesOf(key.bytes())) != 0) {
    return domain::fail(domain::ErrorCode::kInvalidArgument, "The stream's header is invalid.");
  }
  return opener;
}

domain::Result<StreamOpener::Chunk> StreamOpener::pull(std::string_view cipher,
                                                       std::string_view ad) {
  if (cipher.size() < kStreamChunkOverhead) {
    return domain::fail(domain::ErrorCode::kInvalidArgument, "The chunk is too short.");
  }
  Chunk chunk;
  chunk.plain.resize(cipher.size() - kStreamChunkOverhead);
  unsigned long long written = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(
          stateOf(state_), reinterpret_cast<unsigned char*>(chunk.plain.data()), &written, &tag,
          bytesOf(cipher), cipher.size(), ad.empty() ? nullptr : bytesOf(ad), ad.size()) != 0) {
    return domain::fail(domain::ErrorCode::kInvalidArgument, "The chunk does not authenticate.");
  }
  chunk.plain.resize(static_cast<std::size_t>(written));
  chunk.final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
  return chunk;
}

}  // namespace strada::crypto
