// http::Server's listeners: binding, the accept loops, refusing connections past the limits,
// and the stop with its drain (docs: server.h).
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <exception>
#include <string>
#include <utility>

#include "http/server_impl.h"
#include "observe/log.h"

namespace strada::http {
namespace {

using namespace server_detail;  // NOLINT(google-build-using-namespace): this file's vocabulary

constexpr auto kDrainPoll = std::chrono::milliseconds(20);
constexpr auto kAcceptBackoff = std::chrono::milliseconds(50);
// At most one warning about refused connections in this time, with their count.
constexpr auto kRefusedReportInterval = std::chrono::seconds(10);
constexpr std::string_view kRetryAfterSeconds = "5";

// The whole answer to a connection past a limit, made once: small enough for any socket's send
// buffer, so one non-blocking write sends it.
const std::string& refusalBytes() {
  static const std::string kBytes = [] {
    const boost::json::object body{
        {"error",
         {{"code", "unavailable"},
          {"message", "The server has too many open connections. Try again in a few seconds."},
          {"field", ""}}}};
    const std::string json = boost::json::serialize(body);
    return "HTTP/1.1 503 Service Unavailable\r\n"
           "Content-Type: application/json\r\n"
           "Cache-Control: no-store\r\n"
           "X-Content-Type-Options: nosniff\r\n"
           "Retry-After: " +
           std::string(kRetryAfterSeconds) +
           "\r\n"
           "Connection: close\r\n"
           "Content-Length: " +
           std::to_string(json.size()) + "\r\n\r\n" + json;
  }();
  return kBytes;
}

}  // namespace

domain::Status Server::Impl::bind(tcp::acceptor& target, const std::string& host,
                                  std::uint16_t port, std::string_view flag) {
  const std::string address = host + ":" + std::to_string(port);
  const auto failure = [&address, flag](const beast::error_code& ec) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "Cannot listen on " + address + ": " + ec.message() +
                            ". Is another Strada running? Use " + std::string(flag) +
                            " to pick another address.");
  };
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  const auto endpoints = resolver.resolve(
      host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) {
    return failure(ec);
  }
  if (endpoints.empty()) {
    return failure(asio::error::make_error_code(asio::error::host_not_found));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  target.open(endpoint.protocol(), ec);
  if (!ec) {
    target.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    target.bind(endpoint, ec);
  }
  if (!ec) {
    target.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    beast::error_code ignored;
    target.close(ignored);
    return failure(ec);
  }
  return {};
}

void Server::Impl::startListening() {
  const auto spawn = [this](tcp::acceptor& which, Listener listener) {
    if (!which.is_open()) {
      return;
    }
    asio::co_spawn(strand, listen(which, listener), [](const std::exception_ptr& error) {
      if (error) {
        observe::logError("listener failed", {});
      }
    });
  };
  spawn(acceptor, Listener::kMain);
  spawn(metrics_acceptor, Listener::kMetrics);
}

asio::awaitable<void> Server::Impl::listen(tcp::acceptor& which, Listener listener) {
  asio::steady_timer backoff(strand);
  for (;;) {
    auto [ec, socket] = co_await which.async_accept(asio::make_strand(ioc), kUseTuple);
    if (stopping.load() || !which.is_open() || ec == asio::error::operation_aborted) {
      break;
    }
    if (ec) {
      // Typically out of file descriptors: wait rather than spin.
      observe::logWarn("accept failed", {{"error_code", ec.value()}});
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(kUseTuple);
      continue;
    }
    admit(std::move(socket), listener);
  }
}

void Server::Impl::admit(tcp::socket socket, Listener listener) {
  beast::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  std::string remote_address = ec ? std::string() : remote.address().to_string();
  auto admission = connections.admit(remote_address);
  if (!admission) {
    refuse(socket);
    return;
  }
  auto executor = socket.get_executor();
  asio::co_spawn(
      executor,
      session(std::move(socket), std::move(*admission), std::move(remote_address), listener),
      [](const std::exception_ptr& error) {
        if (error) {
          observe::logError("connection failed", {{"exception", "escaped the session"}});
        }
      });
}

void Server::Impl::refuse(tcp::socket& socket) {
  // Synchronous and non-blocking, on the accept loop: a flood of connections past the limits
  // must not become a flood of coroutines or timers. What the client already sent is read first,
  // so that closing with unread bytes does not reset the connection before the 503 is read.
  beast::error_code ec;
  socket.non_blocking(true, ec);
  std::array<char, 4096> scratch{};
  (void)socket.read_some(asio::buffer(scratch), ec);
  (void)socket.write_some(asio::buffer(refusalBytes()), ec);
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);

  ++refused_unreported;
  const auto now = Clock::now();
  if (now - refused_reported_at >= kRefusedReportInterval) {
    observe::logWarn("connections refused",
                     {{"count", refused_unreported},
                      {"max_connections", options.max_connections},
                      {"max_connections_per_address", options.max_connections_per_address}});
    refused_unreported = 0;
    refused_reported_at = now;
  }
}

void Server::Impl::requestStop() {
  if (stopping.exchange(true)) {
    return;
  }
  asio::post(strand, [this] { beginDrain(); });
}

void Server::Impl::beginDrain() {
  beast::error_code ec;
  acceptor.close(ec);
  metrics_acceptor.close(ec);
  // Give the signals back to their default action: a second Ctrl-C ends the process.
  signals.cancel(ec);
  signals.clear(ec);
  // Connections waiting for their next request are closed now; a busy one finishes its response
  // and then closes because `stopping` is set.
  for (auto& connection : connections.live()) {
    auto executor = connection->stream.get_executor();
    asio::post(executor, [connection] {
      if (!connection->busy) {
        connection->stream.cancel();
      }
    });
  }
  asio::co_spawn(strand, drain(), [](const std::exception_ptr& error) {
    if (error) {
      observe::logError("drain failed", {});
    }
  });
}

asio::awaitable<void> Server::Impl::drain() {
  asio::steady_timer timer(strand);
  const auto deadline = Clock::now() + options.drain_timeout;
  while (connections.size() > 0 && Clock::now() < deadline) {
    timer.expires_after(kDrainPoll);
    co_await timer.async_wait(kUseTuple);
  }
  const std::size_t abandoned = connections.size();
  if (abandoned > 0) {
    observe::logWarn("drain timed out", {{"connections", abandoned}});
  }
  observe::logInfo("stopped", {});
  ioc.stop();
}

}  // namespace strada::http
