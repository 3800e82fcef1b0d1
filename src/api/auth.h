// Sessions: login, logout, and turning a request's cookie into a Principal.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "api/context.h"
#include "http/message.h"
#include "policy/policy.h"
#include "store/login_throttle_repository.h"

namespace strada::api {

// The session cookie's name: on a secure request (TLS, or https from a trusted proxy) the
// __Host- name, which a browser keeps only from a secure origin, with Secure and Path=/, for
// this host alone; the plain name over plain HTTP (the local demo on http://127.0.0.1). A request
// is read with the name its own scheme gives, so neither cookie can stand in for the other.
inline constexpr std::string_view kSessionCookie = "strada_session";
inline constexpr std::string_view kSecureSessionCookie = "__Host-strada_session";
[[nodiscard]] inline constexpr std::string_view sessionCookieName(bool secure) {
  return secure ? kSecureSessionCookie : kSessionCookie;
}
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The CSRF token of a session: base64url(HMAC-SHA-256(csrf key, session id)). Derived, so any
// server sharing the master key can check it and /me can hand it again after a page reload.
std::string csrfTokenFor(const vault::Vault& keys, std::string_view session_id);

// A session's stage as stored ("full", "code", "enrol") and as a principal has it; a full session
// of a user whose password an administrator set is at Stage::kPassword.
[[nodiscard]] std::string_view stageName(policy::Principal::Stage stage);

// The body of a sign-in's answer and of GET /me: {"csrf_token", "stage", "user"} where "user"
// lists the permissions `who` has at its stage.
[[nodiscard]] boost::json::object signedInBody(const vault::Vault& keys, const domain::User& user,
                                               const domain::Organisation& org,
                                               const policy::Principal& who);

// The throttle keys of a sign-in (the account's and the client network's): wrong second-factor
// codes count on them as wrong passwords do.
[[nodiscard]] std::vector<store::ThrottledKey> signInThrottleKeys(const std::string& email,
                                                                  std::string_view remote_address,
                                                                  const ApiConfig& cfg);
// Counts an attempt on `keys` before its secret is checked (store::claimSignInAttempt), so that
// parallel guesses are counted one by one: whether it may go on, or how long to wait.
[[nodiscard]] boost::asio::awaitable<domain::Result<store::SignInClaim>> claimSignInAttempt(
    ApiContext& ctx, std::vector<store::ThrottledKey> keys);
// 429 with Retry-After for a locked account or address.
[[nodiscard]] http::Response lockedSignIn(const http::Request& req, std::int64_t retry_after_ms);

// Unauthenticated when there is no valid, unexpired session cookie. Refreshes last_seen_at now
// and then (see ApiConfig::session_touch_ms) without waiting for it.
boost::asio::awaitable<domain::Result<policy::Principal>> authenticate(ApiContext& ctx,
                                                                       const http::Request& req);

}  // namespace strada::api
