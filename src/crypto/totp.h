// Time-based one-time passwords (RFC 6238), the second factor of a sign-in: HMAC-SHA-1, six
// digits, 30-second steps, as every authenticator app reads them from an otpauth:// URI. The
// computation is liboath's (oath-toolkit); this file only chooses its parameters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strada::crypto {

inline constexpr unsigned kTotpDigits = 6;
inline constexpr unsigned kTotpStepSeconds = 30;

// A new secret: 20 random bytes (160 bits, RFC 4226's recommendation).
[[nodiscard]] std::string newTotpSecret();

// RFC 4648 base32 without padding, as authenticator apps take a secret.
[[nodiscard]] std::string base32(std::string_view bytes);

// `text` in groups of four joined by dashes ("ABCD-EFGH-IJ"): a secret, a recovery code or a
// temporary password as a person reads it aloud or types it.
[[nodiscard]] std::string groupedInFours(std::string_view text);

// The bytes of base32 `text` (dashes, spaces and padding ignored, either case); none when it is
// not base32.
[[nodiscard]] std::optional<std::string> fromBase32(std::string_view text);

// The time step of `unix_seconds`: floor(unix_seconds / 30).
[[nodiscard]] std::int64_t totpStepAt(std::int64_t unix_seconds);

// The code of `secret` at `unix_seconds` (six digits).
[[nodiscard]] std::string totpCode(std::string_view secret, std::int64_t unix_seconds);

// The time step at which `code` is the code of `secret`, looking one step either side of
// `unix_seconds` (a phone's clock may be 30 s off); none when it is no code of those steps or is
// not six digits.
[[nodiscard]] std::optional<std::int64_t> totpMatch(std::string_view secret,
                                                    std::int64_t unix_seconds,
                                                    std::string_view code);

}  // namespace strada::crypto
