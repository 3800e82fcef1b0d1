// The inside of http::Server, shared by its three source files: listener.cpp (binding, the
// accept loops, refusing connections past the limits, stop and drain), session.cpp (one
// connection: reading, routing and answering its requests) and server.cpp (the public methods).
// Not part of the http layer's interface.
#pragma once

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <typeinfo>

#include "http/connection_registry.h"
#include "http/router.h"
#include "http/server.h"
#include "http/static_files.h"
#include "observe/metrics.h"

namespace strada::http {

struct ClientOrigin;

namespace server_detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using RequestParser = bhttp::request_parser<bhttp::string_body>;
using RequestMessage = bhttp::request<bhttp::string_body>;

inline constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// Which listener accepted a connection: the main one (API and web UI) or the metrics one.
enum class Listener { kMain, kMetrics };

// What a connection does after a response.
enum class AfterResponse { kKeepOpen, kClose, kLingerThenClose, kGone };

// {"error":{"code","message","field":""}} with `status`.
Response jsonError(unsigned status, std::string_view code, std::string_view message);
// 16 lower-case hex digits, random.
std::string newRequestId();
// The demangled type name of an exception: logged instead of what(), which may quote the data
// that caused it.
std::string exceptionTypeName(const std::type_info& type);

}  // namespace server_detail

struct Server::Impl {
  using Listener = server_detail::Listener;
  using AfterResponse = server_detail::AfterResponse;
  using tcp = server_detail::tcp;
  using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream&>;
  template <class T>
  using Awaitable = boost::asio::awaitable<T>;

  Impl(ServerOptions server_options, Router server_router, observe::Metrics& server_metrics);

  // listener.cpp
  [[nodiscard]] domain::Status bind(tcp::acceptor& target, const std::string& host,
                                    std::uint16_t port, std::string_view flag);
  void startListening();
  Awaitable<void> listen(tcp::acceptor& which, Listener listener);
  void admit(tcp::socket socket, Listener listener);
  void refuse(tcp::socket& socket);
  void requestStop();
  void beginDrain();
  Awaitable<void> drain();

  // session.cpp. The per-connection work is a template over the stream it reads and writes:
  // the tcp_stream itself, or a TLS stream around it (timeouts stay on connection.stream).
  Awaitable<void> session(tcp::socket socket, Admission admission, std::string remote_address,
                          Listener listener);
  Awaitable<bool> handshake(Connection& connection, TlsStream& stream);
  template <class Stream>
  Awaitable<void> serveConnection(Connection& connection, Stream& stream,
                                  const std::string& remote_address, Listener listener);
  template <class Stream>
  Awaitable<boost::beast::error_code> readRequest(Connection& connection, Stream& stream,
                                                  boost::beast::flat_buffer& buffer,
                                                  server_detail::RequestParser& parser,
                                                  Listener listener);
  // The largest body of the request `message` heads: its route's limit on the main listener, else
  // options.body_limit.
  [[nodiscard]] std::size_t bodyLimitFor(const server_detail::RequestMessage& message,
                                         Listener listener) const;
  template <class Stream>
  Awaitable<void> answerReadError(Connection& connection, Stream& stream,
                                  const server_detail::RequestParser& parser,
                                  const boost::beast::error_code& error,
                                  server_detail::Clock::time_point started, Listener listener);
  template <class Stream>
  Awaitable<AfterResponse> serveRequest(Connection& connection, Stream& stream,
                                        server_detail::RequestMessage& message,
                                        const ClientOrigin& origin, Listener listener);
  Awaitable<Response> route(Request& request, Listener listener, std::string_view accept_encoding,
                            std::string& route_label, bool& is_api);
  Awaitable<Response> dispatchApi(Request& request, std::string& route_label);
  template <class Stream>
  Awaitable<bool> writeResponse(Connection& connection, Stream& stream, Response response,
                                const Request& request, unsigned version, bool head,
                                bool keep_alive, bool is_api);
  template <class Stream>
  Awaitable<void> lingeringClose(Connection& connection, Stream& stream);
  void record(std::string_view method, std::string_view route, const Request& request,
              unsigned status, server_detail::Clock::time_point started);

  const ServerOptions options;
  const Router router;
  observe::Metrics& metrics;
  const StaticFiles static_files;
  // Set by start() when options.tls is: the main listener then speaks only HTTPS.
  std::shared_ptr<boost::asio::ssl::context> tls_context;
  std::atomic<bool> stopping{false};
  std::uint16_t bound_port = 0;
  std::uint16_t metrics_port = 0;
  // Connections refused since the last warning about them; the accept loops' strand only.
  std::uint64_t refused_unreported = 0;
  server_detail::Clock::time_point refused_reported_at{};

  ConnectionRegistry connections;

  // Declared after everything the coroutines use: destroying the io_context destroys the
  // coroutine frames still suspended in it (after a drain timeout), and they unregister.
  boost::asio::io_context ioc;
  // Serialises the acceptors, the signal set and the drain.
  boost::asio::strand<boost::asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  tcp::acceptor metrics_acceptor;
  boost::asio::signal_set signals;
};

}  // namespace strada::http
