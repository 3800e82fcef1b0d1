// What every API handler shares: the store, the vault, the metrics and the settings.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "api/request_limits.h"
#include "hotline/context.h"
#include "observe/metrics.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::api {

struct ApiConfig {
  std::string version = "0.0.0";
  // Sessions: idle and absolute lifetimes (issue: 30 minutes idle, 12 hours absolute).
  std::int64_t session_idle_ms = 30LL * 60 * 1000;
  std::int64_t session_absolute_ms = 12LL * 60 * 60 * 1000;
  // A session's last_seen_at is written at most this often, to keep reads cheap.
  std::int64_t session_touch_ms = 60LL * 1000;
  // Failed logins, counted per account and per client address over a window.
  std::int64_t throttle_window_ms = 15LL * 60 * 1000;
  std::int32_t account_slowdown_after = 3;  // then each attempt waits 1 s more, up to 5 s
  std::int32_t account_lock_after = 10;
  std::int32_t address_lock_after = 50;
  std::int64_t lock_ms = 15LL * 60 * 1000;
  // Sign-ins worked on at once (each checks a password with Argon2id, 64 MiB, on one thread):
  // beyond these the server answers 503, and beyond those of one client network 429, at once
  // rather than queueing everyone's sign-in behind them.
  std::int32_t max_pending_sign_ins = 16;
  std::int32_t max_sign_ins_per_network = 4;
  // A second factor is required of every role that reaches sealed data (policy::
  // secondFactorRequired). Off here so that a library user and the tests opt in; `strada serve`
  // turns it on unless told --second-factor optional.
  bool require_second_factor = false;
  // Requests a minute per client network and per account, by class (api/request_limits.h).
  RateLimits rate_limits;
};

struct ApiContext {
  store::Database& db;
  const vault::Vault& vault;
  observe::Metrics& metrics;
  // Runs CPU-heavy work (Argon2id) away from the I/O threads.
  boost::asio::thread_pool& cpu;
  ApiConfig config;
  // The rate limits' buckets (config.rate_limits), shared by every route.
  std::shared_ptr<RequestLimiter> limiter = std::make_shared<RequestLimiter>();

  // What the hotline's use cases work with.
  [[nodiscard]] hotline::Context hotline() const { return hotline::Context{db, vault}; }
};

// The actor of a use case: the signed-in principal and our own id for the request.
inline hotline::Actor actorOf(const policy::Principal& who, const std::string& request_id) {
  return hotline::Actor{who, request_id};
}

}  // namespace strada::api
