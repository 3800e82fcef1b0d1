#include "crypto/public_key.h"

#include <sodium.h>

#include <array>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

const unsigned char* bytesOf(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

unsigned char* bytesOf(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

// The Ed25519 secret key (seed and public key, 64 bytes) of `seed`, wiped when it goes.
struct ExpandedSigningKey {
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> secret{};
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> public_key{};
  explicit ExpandedSigningKey(const SecretKey& seed) {
    crypto_sign_seed_keypair(public_key.data(), secret.data(), bytesOf(seed.bytes()));
  }
  ExpandedSigningKey(const ExpandedSigningKey&) = delete;
  ExpandedSigningKey& operator=(const ExpandedSigningKey&) = delete;
  ~ExpandedSigningKey() { sodium_memzero(secret.data(), secret.size()); }
};

static_assert(crypto_sign_SEEDBYTES == SecretKey::kSize);
static_assert(crypto_box_SECRETKEYBYTES == SecretKey::kSize);
static_assert(crypto_sign_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_box_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_sign_BYTES == kSignatureBytes);

}  // namespace

KeyPair generateSigningKeyPair() {
  SecretKey seed = SecretKey::generate();
  std::string public_key = signingPublicKey(seed);
  return KeyPair{std::move(public_key), std::move(seed)};
}

std::string signingPublicKey(const SecretKey& seed) {
  const ExpandedSigningKey key(seed);
  return std::string(reinterpret_cast<const char*>(key.public_key.data()), key.public_key.size());
}

std::string signDetached(const SecretKey& seed, std::string_view message) {
  const ExpandedSigningKey key(seed);
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(bytesOf(signature), nullptr, bytesOf(message), message.size(),
                       key.secret.data());
  return signature;
}

bool verifyDetached(std::string_view public_key, std::string_view message,
                    std::string_view signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES) {
    return false;
  }
  return crypto_sign_verify_detached(bytesOf(signature), bytesOf(message), message.size(),
                                     bytesOf(public_key)) == 0;
}

KeyPair generateBoxKeyPair() {
  SecretKey secret = SecretKey::generate();
  std::string public_key = boxPublicKey(secret);
  return KeyPair{std::move(public_key), std::move(secret)};
}

std::string boxPublicKey(const SecretKey& secret) {
  std::string public_key(crypto_box_PUBLICKEYBYTES, '\0');
  crypto_scalarmult_base(bytesOf(public_key), bytesOf(secret.bytes()));
  return public_key;
}

domain::Result<std::string> sealTo(std::string_view public_key, std::string_view plaintext) {
  if (public_key.size() != crypto_box_PUBLICKEYBYTES) {
    return domain::fail(domain::ErrorCode::kInvalidArgument,
                        "A box public key must be exactly 32 bytes.");
  }
  std::string sealed(plaintext.size() + crypto_box_SEALBYTES, '\0');
  crypto_box_seal(bytesOf(sealed), bytesOf(plaintext), plaintext.size(), bytesOf(public_key));
  return sealed;
}

domain::Result<std::string> openSealed(std::string_view public_key, const SecretKey& secret,
                                       std::string_view sealed) {
  if (public_key.size() != crypto_box_PUBLICKEYBYTES || sealed.size() < crypto_box_SEALBYTES) {
    return domain::fail(domain::ErrorCode::kUnauthenticated, "The sealed box does not open.", {},
                        "sealed box does not open");
  }
  std::string plaintext(sealed.size() - crypto_box_SEALBYTES, '\0');
  if (crypto_box_seal_open(bytesOf(plaintext), bytesOf(sealed), sealed.size(), bytesOf(public_key),
                           bytesOf(secret.bytes())) != 0) {
    return domain::fail(domain::ErrorCode::kUnauthenticated, "The sealed box does not open.", {},
                        "sealed box does not open");
  }
  return plaintext;
}

}  // namespace strada::crypto
