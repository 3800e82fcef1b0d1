// The whole server of one installation: data folder, API, HTTP. Used by `strada serve` and by
// the integration tests, which run it on port 0 in a thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/context.h"
#include "app/data_dir.h"
#include "domain/error.h"
#include "network/outbox.h"

namespace strada::app {

struct ServeOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::filesystem::path web_root;  // the built web UI; empty serves the API only
  int threads = 2;
  // Connection limits and the header timeout (http/server.h); 0 per address: no limit.
  std::size_t max_connections = 1024;
  std::size_t max_connections_per_address = 64;
  std::chrono::seconds header_timeout{10};
  // HOST and PORT of the metrics listener (GET /metrics only); none by default, and /metrics is
  // then served nowhere.
  std::optional<std::pair<std::string, std::uint16_t>> metrics_listen;
  bool handle_signals = true;
  // HTTPS only on the listen address when both are set (http/server.h, docs/deployment.md).
  std::filesystem::path tls_cert;
  std::filesystem::path tls_key;
  // Reverse proxies (IP addresses) whose X-Forwarded-For / X-Forwarded-Proto are believed.
  std::vector<std::string> trusted_proxies;
  // Replaces the default API settings (sessions, login throttling); `version` is always the
  // build's. The integration tests use it to lower the throttle thresholds.
  std::optional<api::ApiConfig> api_config;
  // Whether the roles that reach sealed data must sign in with a second factor; when set, it
  // overrides api_config's (`strada serve` sets it: required unless --second-factor optional).
  std::optional<bool> require_second_factor;
  // When set, turns the rate limits (api/request_limits.h) on or off; their figures stay the
  // API settings'.
  std::optional<bool> rate_limits;
  // The network's outbox: how often due messages are looked for, the back-off, the HTTP client's
  // timeout and CA file (network/outbox.h).
  network::DeliveryOptions delivery;
  // Appends a signed anchor of the audit trail to this file at start and then every
  // `audit_anchor_every` when the trail grew (app/audit_anchor.h); none when empty.
  std::filesystem::path audit_anchor_to;
  std::chrono::minutes audit_anchor_every{60};
  std::string audit_anchor_label;  // empty: the host name
  // How often the retention rules are applied (app/retention_commands.h: at start, then every
  // period); zero: never (`strada purge --apply` only).
  std::chrono::milliseconds retention_every{std::chrono::hours(24)};
};

class StradaServer {
 public:
  // Opens the data (migrating it) and binds the listener.
  [[nodiscard]] static domain::Result<std::unique_ptr<StradaServer>> start(
      const DataOptions& data, const ServeOptions& serve);
  ~StradaServer();
  StradaServer(const StradaServer&) = delete;
  StradaServer& operator=(const StradaServer&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  // The metrics listener's port; 0 without one.
  [[nodiscard]] std::uint16_t metricsPort() const;
  // (method, pattern) of every API route the server registered, in registration order.
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& routes() const;
  // Serves until stop() or SIGINT/SIGTERM, then lets requests in flight finish.
  void run();
  void stop();

 private:
  struct Impl;
  explicit StradaServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace strada::app
