// The HTTP server: Boost.Beast over Asio with C++20 coroutines.
//
// - One listener, one coroutine per connection, HTTP/1.1 keep-alive; a fresh parser per request
//   with header and body limits (431/413 past them). The request line and headers must arrive
//   within `header_timeout` (which also closes an idle kept-alive connection), the body then
//   within `read_timeout`.
// - At most `max_connections` open connections, and `max_connections_per_address` from one
//   client address: past either, a connection gets a canned 503 with Retry-After and is closed
//   at once, from the accept loop, without a coroutine of its own.
// - Requests under /api/ go to the router; 404 JSON for unknown API routes, 405 (with Allow) for
//   a wrong method. /metrics is 404 here: the router's GET /metrics route is served only on the
//   optional `metrics_listen` address, which serves nothing else. Everything else is a static
//   file from `static_root`, with the single-page-app fallback to index.html for paths without a
//   file extension.
// - Decoded query parameters (names and values) and path parameters must be UTF-8 without
//   control characters: 400 naming the parameter before any handler runs.
// - Every request gets a server-made id (logs, audit trail), echoed in X-Request-Id. A client's
//   own X-Request-Id is kept only when isSafeClientRequestId (http/parse.h), in
//   Request::client_request_id and the log's `client_request_id` field; never echoed.
// - Every response carries security headers (nosniff, frame-ancestors 'none', no-referrer, a
//   strict Content-Security-Policy); API responses are Cache-Control: no-store. Secure requests
//   (TLS, or https from a trusted proxy) also get Strict-Transport-Security.
// - A handler that throws answers 500 and is logged without personal data; the server goes on.
// - stop() (and SIGINT/SIGTERM inside run()) stops accepting, lets requests in flight finish
//   (up to `drain_timeout`), then returns from run().
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "http/router.h"
#include "observe/metrics.h"

namespace strada::http {

struct ListenAddress {
  std::string host;
  std::uint16_t port = 0;  // 0 picks a free port
};

// The PEM files of `--tls-cert` (the certificate chain, leaf first) and `--tls-key`.
struct TlsFiles {
  std::filesystem::path certificate_chain;
  std::filesystem::path private_key;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int threads = 2;
  std::size_t header_limit = std::size_t{16} * 1024;
  std::size_t body_limit = std::size_t{1024} * 1024;
  std::chrono::milliseconds header_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds read_timeout{std::chrono::seconds(30)};  // the body; a response
  std::size_t max_connections = 1024;
  std::size_t max_connections_per_address = 64;  // 0: no limit per address
  std::optional<ListenAddress> metrics_listen;   // GET /metrics only; none by default
  std::chrono::seconds drain_timeout{10};
  std::filesystem::path static_root;  // may be empty: then only the API is served
  bool handle_signals = true;         // run() stops on SIGINT/SIGTERM
  // HTTPS only on the main listener (the metrics listener stays plain); the TLS handshake must
  // finish within header_timeout. Requests over TLS are Request::secure and get HSTS.
  std::optional<TlsFiles> tls;
  // TCP peers (IP addresses as written) whose X-Forwarded-For and X-Forwarded-Proto are believed:
  // the client address and the scheme then come from them (http/tls.h). Ignored from any other.
  std::vector<std::string> trusted_proxies;
};

class Server {
 public:
  Server(ServerOptions options, Router router, observe::Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens (and the metrics listener, when configured). Unavailable with a sentence
  // naming the address when it cannot.
  [[nodiscard]] domain::Status start();
  // The bound port (useful with port 0). Valid after start().
  [[nodiscard]] std::uint16_t port() const;
  // The metrics listener's bound port; 0 without one. Valid after start().
  [[nodiscard]] std::uint16_t metricsPort() const;
  // Serves on `threads` threads until stop() or a signal; returns after the drain.
  void run();
  // Thread safe; may be called from any thread, before or during run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strada::http
