// Sessions: login, logout, and turning a request's cookie into a Principal.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>

#include "api/context.h"
#include "http/message.h"
#include "policy/policy.h"

namespace strada::api {

inline constexpr std::string_view kSessionCookie = "strada_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The CSRF token of a session: base64url(HMAC-SHA-256(csrf key, session id)). Derived, so any
// server sharing the master key can check it and /me can hand it again after a page reload.
std::string csrfTokenFor(const vault::Vault& keys, std::string_view session_id);

// Unauthenticated when there is no valid, unexpired session cookie. Refreshes last_seen_at now
// and then (see ApiConfig::session_touch_ms) without waiting for it.
boost::asio::awaitable<domain::Result<policy::Principal>> authenticate(ApiContext& ctx,
                                                                       const http::Request& req);

}  // namespace strada::api
