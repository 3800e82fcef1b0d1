// Passwords: Argon2id (crypto_pwhash_str) and a strength rule.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"

namespace strada::crypto {

struct PasswordCost {
  unsigned long long ops;  // crypto_pwhash opslimit
  std::size_t mem;         // crypto_pwhash memlimit in bytes
};
// libsodium's INTERACTIVE limits: the right cost for an online login.
PasswordCost interactiveCost();

// Argon2id encoded hash ("$argon2id$v=19$..."). Internal if out of memory.
[[nodiscard]] domain::Result<std::string> hashPassword(std::string_view password,
                                                       PasswordCost cost = interactiveCost());
// True when `password` matches `encoded`. Takes as long for a wrong password as for a right one.
[[nodiscard]] bool verifyPassword(std::string_view encoded, std::string_view password);
// A hash of a random password with the same cost: verified against when the e-mail is unknown,
// so that a login takes as long whether or not the account exists. Computed once, on the first
// call (thread safe); call it at start-up so the first such login is not slower.
const std::string& decoyPasswordHash();

// InvalidArgument("password") with a message saying what to change when the password is weak:
// fewer than 12 characters (code points), more than 256 bytes, one character repeated, a common
// password, or containing (ASCII case-insensitively) the e-mail's local part (from 3
// characters), the name (from 3 characters) or a word of the name (from 4 characters).
[[nodiscard]] domain::Status checkPasswordStrength(std::string_view password,
                                                   std::string_view email, std::string_view name);

}  // namespace strada::crypto
