// Primitives over libsodium. Call initialise() once before anything else (thread safe).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "domain/encoding.h"
#include "domain/error.h"

namespace strada::crypto {

// sodium_init(); Unavailable if libsodium cannot start. Safe to call more than once.
[[nodiscard]] domain::Status initialise();

// `n` random bytes.
std::string randomBytes(std::size_t n);
// Unpadded base64url of `n` random bytes: session tokens, CSRF tokens.
std::string randomToken(std::size_t n = 32);
// A new record id: 32 lower-case hex characters whose first 12 are the current Unix
// milliseconds, so ids sort by creation time; the other 20 are random.
std::string newId();

// SHA-256, lower-case hex.
std::string sha256Hex(std::string_view data);
// HMAC-SHA-256 with a 32-byte key; raw 32 bytes.
std::string hmacSha256(std::string_view key, std::string_view message);
// Constant-time comparison (sodium_memcmp); false when sizes differ.
bool constantTimeEqual(std::string_view a, std::string_view b);

// Hex lives in domain/encoding.h; crypto's callers keep their names.
using domain::fromHex;
using domain::toHex;
std::string toBase64Url(std::string_view bytes);
// Standard padded base64 (RFC 4648 section 4): files carried inside JSON.
std::string toBase64(std::string_view bytes);
[[nodiscard]] domain::Result<std::string> fromBase64Url(std::string_view text);

}  // namespace strada::crypto
