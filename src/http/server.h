// The HTTP server: Boost.Beast over Asio with C++20 coroutines.
//
// - One listener, one coroutine per connection, HTTP/1.1 keep-alive; a fresh parser per request
//   with header and body limits (431/413 past them) and a read timeout on every socket.
// - Requests under /api/ and /metrics go to the router; 404 JSON for unknown API routes,
//   405 (with Allow) for a wrong method. Everything else is a static file from `static_root`,
//   with the single-page-app fallback to index.html for paths without a file extension.
// - Every response carries X-Request-Id and security headers (nosniff, frame-ancestors 'none',
//   no-referrer, a strict Content-Security-Policy); API responses are Cache-Control: no-store.
// - A handler that throws answers 500 and is logged without personal data; the server goes on.
// - stop() (and SIGINT/SIGTERM inside run()) stops accepting, lets requests in flight finish
//   (up to `drain_timeout`), then returns from run().
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/error.h"
#include "http/router.h"
#include "observe/metrics.h"

namespace strada::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int threads = 2;
  std::size_t header_limit = std::size_t{16} * 1024;
  std::size_t body_limit = std::size_t{1024} * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds drain_timeout{10};
  std::filesystem::path static_root;  // may be empty: then only the API is served
  bool handle_signals = true;         // run() stops on SIGINT/SIGTERM
};

class Server {
 public:
  Server(ServerOptions options, Router router, observe::Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Unavailable with a sentence naming the address when it cannot.
  [[nodiscard]] domain::Status start();
  // The bound port (useful with port 0). Valid after start().
  [[nodiscard]] std::uint16_t port() const;
  // Serves on `threads` threads until stop() or a signal; returns after the drain.
  void run();
  // Thread safe; may be called from any thread, before or during run().
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace strada::http
