#include "http/server.h"

#include <cxxabi.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <typeinfo>
#include <utility>
#include <vector>

#include "http/parse.h"
#include "http/static_files.h"
#include "observe/log.h"

namespace strada::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// After an error response the client may still be sending (a body past the limit): read and
// discard for a while before closing, or the kernel answers the unread bytes with a reset that
// can destroy the error response before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;
constexpr auto kDrainPoll = std::chrono::milliseconds(20);
constexpr auto kAcceptBackoff = std::chrono::milliseconds(50);

// One accepted socket. `busy` is true from a complete request until its response is written;
// it is read and written only on the connection's strand.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool busy = false;
};

// The method as a metric label and log field: the common verbs, else "OTHER", so that a client
// cannot mint label values.
std::string_view methodLabel(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
    case bhttp::verb::head:
    case bhttp::verb::post:
    case bhttp::verb::put:
    case bhttp::verb::patch:
    case bhttp::verb::delete_:
    case bhttp::verb::options:
      return bhttp::to_string(verb);
    default:
      return "OTHER";
  }
}

// "Expect: 100-continue" on an HTTP/1.1 request (RFC 9110, 10.1.1). Other expectations are
// ignored, as the RFC allows.
bool expectsContinue(const bhttp::request<bhttp::string_body>& message) {
  return message.version() >= 11 &&
         beast::iequals(message[bhttp::field::expect], std::string_view("100-continue"));
}

std::string newRequestId() {
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0x0F];
    bits >>= 4;
  }
  return id;
}

std::string lowerCase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// The demangled type name of the exception in flight: logged instead of what(), which may
// quote the data that caused it.
std::string exceptionTypeName(const std::type_info& type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string name = (status == 0 && demangled != nullptr) ? demangled : type.name();
  std::free(demangled);  // NOLINT(cppcoreguidelines-no-malloc): __cxa_demangle uses malloc
  return name;
}

// Header values from handlers must not smuggle a second header or a second response.
bool isSafeFieldValue(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

Response jsonError(unsigned status, std::string_view code, std::string_view message) {
  boost::json::object inner;
  inner["code"] = code;
  inner["message"] = message;
  inner["field"] = "";
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return Response::json(status, outer);
}

// Status for a failed read, or nullopt when the connection is simply closed without an answer
// (peer gone, timeout, cancellation at stop).
std::optional<unsigned> statusForReadError(const beast::error_code& ec) {
  if (ec == bhttp::error::body_limit) {
    return 413;
  }
  if (ec == bhttp::error::header_limit) {
    return 431;
  }
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == bhttp::error::short_read) {
    return std::nullopt;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
    return 400;
  }
  return std::nullopt;
}

Response responseForReadError(unsigned status) {
  switch (status) {
    case 413:
      return jsonError(413, "payload_too_large", "The request body is too large.");
    case 431:
      return jsonError(431, "invalid_argument", "The request headers are too large.");
    default:
      return jsonError(400, "invalid_argument", "The request is not valid HTTP.");
  }
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions server_options, Router server_router, observe::Metrics& server_metrics)
      : options(std::move(server_options)),
        router(std::move(server_router)),
        metrics(server_metrics),
        static_files(options.static_root),
        ioc(std::max(1, options.threads)),
        strand(asio::make_strand(ioc)),
        acceptor(strand),
        signals(strand) {}

  asio::awaitable<void> listen();
  asio::awaitable<void> session(tcp::socket socket);
  asio::awaitable<Response> dispatchApi(Request& request, std::string& route_label);
  asio::awaitable<bool> writeResponse(Connection& connection, Response response,
                                      const Request& request, unsigned version, bool head,
                                      bool keep_alive, bool is_api);
  asio::awaitable<void> lingeringClose(Connection& connection);
  asio::awaitable<void> drain();
  void requestStop();
  void beginDrain();

  std::uint64_t addConnection(const std::shared_ptr<Connection>& connection) {
    std::lock_guard lock(connections_mutex);
    const std::uint64_t id = next_connection_id++;
    connections.emplace(id, connection);
    return id;
  }
  void removeConnection(std::uint64_t id) {
    std::lock_guard lock(connections_mutex);
    connections.erase(id);
  }
  std::size_t connectionCount() {
    std::lock_guard lock(connections_mutex);
    return connections.size();
  }

  void record(std::string_view method, std::string_view route, const std::string& request_id,
              unsigned status, Clock::time_point started) {
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    metrics.observeRequest(method, route, status, seconds);
    observe::logInfo("request", {{"request_id", request_id},
                                 {"method", method},
                                 {"route", route},
                                 {"status", status},
                                 {"ms", seconds * 1000.0}});
  }

  const ServerOptions options;
  const Router router;
  observe::Metrics& metrics;
  const StaticFiles static_files;
  std::atomic<bool> stopping{false};
  std::uint16_t bound_port = 0;

  std::mutex connections_mutex;
  std::uint64_t next_connection_id = 0;
  std::map<std::uint64_t, std::weak_ptr<Connection>> connections;

  // Declared after everything the coroutines use: destroying the io_context destroys the
  // coroutine frames still suspended in it (after a drain timeout), and they unregister.
  asio::io_context ioc;
  // Serialises the acceptor, the signal set and the drain.
  asio::strand<asio::io_context::executor_type> strand;
  tcp::acceptor acceptor;
  asio::signal_set signals;
};

asio::awaitable<void> Server::Impl::listen() {
  asio::steady_timer backoff(strand);
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kUseTuple);
    if (stopping.load() || !acceptor.is_open() || ec == asio::error::operation_aborted) {
      break;
    }
    if (ec) {
      // Typically out of file descriptors: wait rather than spin.
      observe::logWarn("accept failed", {{"error_code", ec.value()}});
      backoff.expires_after(kAcceptBackoff);
      co_await backoff.async_wait(kUseTuple);
      continue;
    }
    tcp::socket connection_socket(std::move(socket));
    auto executor = connection_socket.get_executor();
    asio::co_spawn(
        executor, session(std::move(connection_socket)), [](const std::exception_ptr& error) {
          if (error) {
            observe::logError("connection failed", {{"exception", "escaped the session"}});
          }
        });
  }
}

asio::awaitable<void> Server::Impl::session(tcp::socket socket) {
  auto connection = std::make_shared<Connection>(std::move(socket));
  struct Registration {
    Impl& impl;
    std::uint64_t id;
    ~Registration() { impl.removeConnection(id); }
  } registration{*this, addConnection(connection)};

  beast::error_code ec;
  const auto remote = connection->stream.socket().remote_endpoint(ec);
  const std::string remote_address = ec ? std::string() : remote.address().to_string();

  beast::flat_buffer buffer;
  bool keep_open = true;
  while (keep_open && !stopping.load()) {
    // A fresh parser per request (the Beast advanced server), so limits apply to each message.
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
    parser.body_limit(static_cast<std::uint64_t>(options.body_limit));

    connection->busy = false;
    connection->stream.expires_after(options.read_timeout);
    // The header first: a client that sent "Expect: 100-continue" (curl does for bodies over
    // 1 KiB, and so do telephony webhooks) waits for "100 Continue" before it sends the body.
    // A body over the limit is refused (413) on its Content-Length alone, before it is sent.
    auto [read_ec, header_bytes] =
        co_await bhttp::async_read_header(connection->stream, buffer, parser, kUseTuple);
    (void)header_bytes;
    if (!read_ec && !parser.is_done()) {
      if (expectsContinue(parser.get())) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
        auto [continue_ec, continue_bytes] =
            co_await bhttp::async_write(connection->stream, go_on, kUseTuple);
        (void)continue_bytes;
        if (continue_ec) {
          break;
        }
      }
      auto [body_ec, body_bytes] =
          co_await bhttp::async_read(connection->stream, buffer, parser, kUseTuple);
      (void)body_bytes;
      read_ec = body_ec;
    }
    connection->busy = true;
    const auto started = Clock::now();

    if (read_ec) {
      const auto status = statusForReadError(read_ec);
      if (!status) {
        break;
      }
      const std::string_view method =
          parser.is_header_done() ? methodLabel(parser.get().method()) : "OTHER";
      Request failed;
      failed.request_id = newRequestId();
      co_await writeResponse(*connection, responseForReadError(*status), failed, 11, false, false,
                             false);
      record(method, "unmatched", failed.request_id, *status, started);
      co_await lingeringClose(*connection);
      co_return;
    }

    auto& message = parser.get();
    Request request;
    request.method = std::string(message.method_string());
    request.remote_address = remote_address;
    request.secure = false;
    const auto client_id = message["x-request-id"];
    request.request_id = isValidRequestId(client_id) ? std::string(client_id) : newRequestId();
    const std::string_view method = methodLabel(message.method());
    const bool head = message.method() == bhttp::verb::head;

    Response response;
    std::string route_label = "unmatched";
    bool is_api = false;
    bool close_after = false;
    auto target = parseTarget(message.target());
    if (!target) {
      response = jsonError(400, "invalid_argument", "The request target is not valid.");
      close_after = true;
    } else {
      request.path = std::move(target->path);
      request.query = std::move(target->query);
      request.headers.reserve(
          static_cast<std::size_t>(std::distance(message.begin(), message.end())));
      for (const auto& field : message) {
        request.headers.emplace_back(lowerCase(field.name_string()), std::string(field.value()));
      }
      request.body = std::move(message.body());
      is_api = request.path.starts_with("/api/") || request.path == "/metrics";
      if (is_api) {
        response = co_await dispatchApi(request, route_label);
      } else {
        route_label = "static";
        response = static_files.serve(request.method, request.path,
                                      message[bhttp::field::accept_encoding]);
      }
    }

    const bool keep_alive = message.keep_alive() && !close_after && !stopping.load();
    const unsigned status = response.status;
    const bool written = co_await writeResponse(*connection, std::move(response), request,
                                                message.version(), head, keep_alive, is_api);
    record(method, route_label, request.request_id, status, started);
    if (!written) {
      co_return;
    }
    if (close_after) {
      co_await lingeringClose(*connection);
      co_return;
    }
    keep_open = keep_alive;
  }
  connection->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection->stream.socket().close(ec);
}

asio::awaitable<Response> Server::Impl::dispatchApi(Request& request, std::string& route_label) {
  auto match = router.match(request.method, request.path);
  if (match.outcome != Router::Outcome::kFound && request.method == "HEAD") {
    auto as_get = router.match("GET", request.path);
    if (as_get.outcome == Router::Outcome::kFound) {
      match = std::move(as_get);
    }
  }
  if (match.outcome == Router::Outcome::kNotFound) {
    co_return Response::error(
        domain::Error{domain::ErrorCode::kNotFound, "No such API route.", {}, {}});
  }
  if (match.outcome == Router::Outcome::kMethodNotAllowed) {
    auto& allowed = match.allowed;
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end() &&
        std::find(allowed.begin(), allowed.end(), "HEAD") == allowed.end()) {
      allowed.emplace_back("HEAD");
    }
    std::sort(allowed.begin(), allowed.end());
    std::string allow;
    for (const auto& allowed_method : allowed) {
      if (!allow.empty()) {
        allow += ", ";
      }
      allow += allowed_method;
    }
    Response response =
        jsonError(405, "method_not_allowed", "This API route does not accept that method.");
    response.headers.emplace_back("Allow", std::move(allow));
    co_return response;
  }

  route_label = match.route->pattern;
  request.route = match.route->pattern;
  request.params = std::move(match.params);
  std::optional<Response> response;
  std::string failure;
  try {
    response = co_await match.route->handler(request);
  } catch (const std::exception& error) {
    failure = exceptionTypeName(typeid(error));
  } catch (...) {
    failure = "unknown";
  }
  if (!response) {
    observe::logError(
        "handler threw",
        {{"request_id", request.request_id}, {"route", route_label}, {"exception", failure}});
    co_return Response::error(domain::Error{domain::ErrorCode::kInternal,
                                            "Something went wrong on the server. Please try again.",
                                            {},
                                            {}});
  }
  co_return std::move(*response);
}

asio::awaitable<bool> Server::Impl::writeResponse(Connection& connection, Response response,
                                                  const Request& request, unsigned version,
                                                  bool head, bool keep_alive, bool is_api) {
  if (response.status < 100 || response.status > 599) {
    response = jsonError(500, "internal", "Something went wrong on the server. Please try again.");
  }
  bhttp::response<bhttp::string_body> out;
  out.version(version);
  out.result(response.status);
  if (!response.content_type.empty()) {
    out.set(bhttp::field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    if (name.empty() || !isSafeFieldValue(name) || !isSafeFieldValue(value)) {
      observe::logWarn("response header dropped", {{"request_id", request.request_id}});
      continue;
    }
    out.insert(name, value);
  }
  out.set("X-Content-Type-Options", "nosniff");
  out.set("Referrer-Policy", "no-referrer");
  out.set(bhttp::field::x_frame_options, "DENY");
  out.set("Content-Security-Policy", kContentSecurityPolicy);
  if (is_api) {
    out.set(bhttp::field::cache_control, "no-store");
  }
  out.set("X-Request-Id", request.request_id);
  out.keep_alive(keep_alive);

  const bool bodyless = response.status < 200 || response.status == 204 || response.status == 304;
  if (bodyless) {
    out.erase(bhttp::field::content_length);
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }

  connection.stream.expires_after(options.read_timeout);
  beast::error_code ec;
  if (head || bodyless) {
    // HEAD: the headers of the GET answer, Content-Length included, and no body.
    bhttp::response_serializer<bhttp::string_body> serializer(out);
    std::tie(ec, std::ignore) =
        co_await bhttp::async_write_header(connection.stream, serializer, kUseTuple);
  } else {
    std::tie(ec, std::ignore) = co_await bhttp::async_write(connection.stream, out, kUseTuple);
  }
  connection.stream.expires_never();
  co_return !ec;
}

asio::awaitable<void> Server::Impl::lingeringClose(Connection& connection) {
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.expires_after(kLingerTime);
  std::array<char, 8192> scratch{};
  std::size_t discarded = 0;
  while (discarded < kLingerBytes) {
    auto [read_ec, n] =
        co_await connection.stream.async_read_some(asio::buffer(scratch), kUseTuple);
    discarded += n;
    if (read_ec) {
      break;
    }
  }
  connection.stream.socket().close(ec);
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
  // Give the signals back to their default action: a second Ctrl-C ends the process.
  signals.cancel(ec);
  signals.clear(ec);
  std::vector<std::shared_ptr<Connection>> live;
  {
    std::lock_guard lock(connections_mutex);
    for (const auto& [id, weak] : connections) {
      if (auto connection = weak.lock()) {
        live.push_back(std::move(connection));
      }
    }
  }
  // Connections waiting for their next request are closed now; a busy one finishes its response
  // and then closes because `stopping` is set.
  for (auto& connection : live) {
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
  while (connectionCount() > 0 && Clock::now() < deadline) {
    timer.expires_after(kDrainPoll);
    co_await timer.async_wait(kUseTuple);
  }
  const std::size_t abandoned = connectionCount();
  if (abandoned > 0) {
    observe::logWarn("drain timed out", {{"connections", abandoned}});
  }
  observe::logInfo("stopped", {});
  ioc.stop();
}

Server::Server(ServerOptions options, Router router, observe::Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), metrics)) {}

Server::~Server() = default;

domain::Status Server::start() {
  Impl& impl = *impl_;
  const std::string address = impl.options.host + ":" + std::to_string(impl.options.port);
  const auto failure = [&address](const beast::error_code& ec) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "Cannot listen on " + address + ": " + ec.message() +
                            ". Is another Strada running? Use --listen to pick another address.");
  };
  beast::error_code ec;
  tcp::resolver resolver(impl.ioc);
  const auto endpoints =
      resolver.resolve(impl.options.host, std::to_string(impl.options.port),
                       tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) {
    return failure(ec);
  }
  if (endpoints.empty()) {
    return failure(asio::error::make_error_code(asio::error::host_not_found));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    impl.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  }
  if (!ec) {
    impl.acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    beast::error_code ignored;
    impl.acceptor.close(ignored);
    return failure(ec);
  }
  impl.bound_port = impl.acceptor.local_endpoint(ec).port();
  observe::log(observe::Level::kDebug, "socket bound", {{"port", impl.bound_port}});
  return {};
}

std::uint16_t Server::port() const { return impl_->bound_port; }

void Server::run() {
  Impl& impl = *impl_;
  if (impl.options.handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](const beast::error_code& ec, int signal_number) {
      if (!ec) {
        observe::logInfo("signal received", {{"signal", signal_number}});
        impl.requestStop();
      }
    });
  }
  if (impl.acceptor.is_open()) {
    asio::co_spawn(impl.strand, impl.listen(), [](const std::exception_ptr& error) {
      if (error) {
        observe::logError("listener failed", {});
      }
    });
  }

  const auto serve = [&impl] {
    // Handlers do not throw (the session catches); this only guards the thread itself.
    for (;;) {
      try {
        impl.ioc.run();
        return;
      } catch (const std::exception& error) {
        observe::logError("io thread caught an exception",
                          {{"exception", exceptionTypeName(typeid(error))}});
      } catch (...) {
        observe::logError("io thread caught an exception", {{"exception", "unknown"}});
      }
    }
  };
  std::vector<std::thread> workers;
  const int threads = std::max(1, impl.options.threads);
  for (int i = 1; i < threads; ++i) {
    workers.emplace_back(serve);
  }
  serve();
  for (auto& worker : workers) {
    worker.join();
  }
}

void Server::stop() { impl_->requestStop(); }

}  // namespace strada::http
