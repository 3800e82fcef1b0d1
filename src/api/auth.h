// Sessions: login, logout, and turning a request's cookie into a Principal.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "api/context.h"
#include "http/message.h"
#include "policy/policy.h"

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

// Unauthenticated when there is no valid, unexpired session cookie. Refreshes last_seen_at now
// and then (see ApiConfig::session_touch_ms) without waiting for it.
boost::asio::awaitable<domain::Result<policy::Principal>> authenticate(ApiContext& ctx,
                                                                       const http::Request& req);

}  // namespace strada::api
