// Public-key primitives over libsodium for instance-to-instance messages: Ed25519 detached
// signatures (crypto_sign_*) and X25519 sealed boxes (crypto_box_seal).
//
// Secret halves are 32-byte SecretKeys (guarded memory, wiped): the Ed25519 seed, from which the
// signing key is derived at each use, and the X25519 secret scalar. Public halves are 32 raw bytes.
// Every function is thread safe; call crypto::initialise() first.
#pragma once

#include <string>
#include <string_view>

#include "crypto/secret.h"
#include "domain/error.h"

namespace strada::crypto {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSignatureBytes = 64;

// A key pair: the public half in the clear, the secret half guarded.
struct KeyPair {
  std::string public_key;  // 32 raw bytes
  SecretKey secret;
};

// A fresh Ed25519 signing key pair (the secret is its 32-byte seed).
KeyPair generateSigningKeyPair();
// The Ed25519 public key of `seed`.
std::string signingPublicKey(const SecretKey& seed);
// The 64-byte detached Ed25519 signature of `message` by `seed`.
std::string signDetached(const SecretKey& seed, std::string_view message);
// Whether `signature` is a valid detached signature of `message` by `public_key`; false for a
// public key or signature of the wrong size.
bool verifyDetached(std::string_view public_key, std::string_view message,
                    std::string_view signature);

// A fresh X25519 key pair for sealed boxes.
KeyPair generateBoxKeyPair();
// The X25519 public key of `secret`.
std::string boxPublicKey(const SecretKey& secret);
// An anonymous sealed box of `plaintext` to `public_key` (crypto_box_seal: 48 bytes longer).
// InvalidArgument when the public key is not 32 bytes.
[[nodiscard]] domain::Result<std::string> sealTo(std::string_view public_key,
                                                 std::string_view plaintext);
// Opens a sealed box with the receiver's key pair. Unauthenticated (detail "sealed box does not
// open") when it was tampered with or sealed to another key.
[[nodiscard]] domain::Result<std::string> openSealed(std::string_view public_key,
                                                     const SecretKey& secret,
                                                     std::string_view sealed);

}  // namespace strada::crypto
