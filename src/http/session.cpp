// One connection of http::Server: its requests read, routed and answered (docs: server.h).
#include <algorithm>
#include <array>
#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

#include "http/parse.h"
#include "http/server_impl.h"
#include "http/tls.h"
#include "observe/log.h"

namespace strada::http {
namespace {

using namespace server_detail;  // NOLINT(google-build-using-namespace): this file's vocabulary

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// The public pages (/public/...): nothing inline, nothing from elsewhere, no frames, no forms
// posted anywhere but here; one stylesheet and one script of their own.
constexpr std::string_view kPublicContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// The public pages live under /public/ and are served by the router (api/public_pages.cpp).
bool isPublicPagePath(std::string_view path) {
  return path == "/public" || path.starts_with("/public/");
}

// A public page that does not exist: a short HTML answer, not the API's JSON.
Response publicNotFound() {
  return Response::text(404, "text/html; charset=utf-8",
                        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        "<title>Not found</title></head><body><h1>Not found</h1>"
                        "<p><a href=\"/public/\">Hotlines by country</a></p></body></html>");
}

// A year, on every answer to a secure request (TLS, or https from a trusted proxy).
constexpr std::string_view kStrictTransportSecurity = "max-age=31536000";

// How long a closing TLS connection waits for the client's close_notify.
constexpr auto kTlsShutdownTime = std::chrono::seconds(1);

// Served by the router on the metrics listener only.
constexpr std::string_view kMetricsPath = "/metrics";

// After an error response the client may still be sending (a body past the limit): read and
// discard for a while before closing, or the kernel answers the unread bytes with a reset that
// can destroy the error response before the client reads it.
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr std::size_t kLingerBytes = std::size_t{1024} * 1024;

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
bool expectsContinue(const RequestMessage& message) {
  return message.version() >= 11 &&
         beast::iequals(message[bhttp::field::expect], std::string_view("100-continue"));
}

// Header values from handlers must not smuggle a second header or a second response.
bool isSafeFieldValue(std::string_view text) {
  return text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
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

// "10 MiB", "64 KiB" or "1000 bytes": a body limit as a person reads it.
std::string sizeText(std::size_t bytes) {
  constexpr std::size_t kKiB = 1024;
  if (bytes >= kKiB * kKiB && bytes % (kKiB * kKiB) == 0) {
    return std::to_string(bytes / (kKiB * kKiB)) + " MiB";
  }
  if (bytes >= kKiB && bytes % kKiB == 0) {
    return std::to_string(bytes / kKiB) + " KiB";
  }
  return std::to_string(bytes) + " bytes";
}

// `body_limit`: the limit of the route the request was for (413 only).
Response responseForReadError(unsigned status, std::size_t body_limit) {
  switch (status) {
    case 413:
      return jsonError(413, "payload_too_large",
                       "The request body is too large: this address accepts at most " +
                           sizeText(body_limit) + ". Send a smaller one.");
    case 431:
      return jsonError(431, "invalid_argument", "The request headers are too large.");
    default:
      return jsonError(400, "invalid_argument", "The request is not valid HTTP.");
  }
}

// The request as handlers see it, before its target is parsed: method, ids, headers.
Request requestOf(const RequestMessage& message, const ClientOrigin& origin) {
  Request request;
  request.method = std::string(message.method_string());
  request.remote_address = origin.address;
  request.secure = origin.secure;
  request.request_id = newRequestId();
  if (const auto client_id = message["x-request-id"]; isSafeClientRequestId(client_id)) {
    request.client_request_id = std::string(client_id);
  }
  request.headers.reserve(static_cast<std::size_t>(std::distance(message.begin(), message.end())));
  for (const auto& field : message) {
    request.headers.emplace_back(lowerAscii(field.name_string()), std::string(field.value()));
  }
  return request;
}

Response notFound() {
  return Response::error(domain::Error{domain::ErrorCode::kNotFound, "No such API route.", {}, {}});
}

Response methodNotAllowed(std::vector<std::string> allowed) {
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
  return response;
}

// InvalidArgument naming the first path parameter that is not printable UTF-8.
domain::Status checkPathParameters(const std::map<std::string, std::string, std::less<>>& params) {
  for (const auto& [name, value] : params) {
    if (!isPrintableUtf8(value)) {
      return domain::invalidField(name,
                                  "This part of the address is not valid text. Correct the link "
                                  "and try again.");
    }
  }
  return {};
}

}  // namespace

asio::awaitable<void> Server::Impl::session(tcp::socket socket, Admission admission,
                                            std::string remote_address, Listener listener) {
  auto connection = std::make_shared<Connection>(std::move(socket));
  admission.attach(connection);
  if (listener != Listener::kMain || !tls_context) {
    co_await serveConnection(*connection, connection->stream, remote_address, listener);
    co_return;
  }
  TlsStream stream(connection->stream, *tls_context);
  if (co_await handshake(*connection, stream)) {
    co_await serveConnection(*connection, stream, remote_address, listener);
  }
}

asio::awaitable<bool> Server::Impl::handshake(Connection& connection, TlsStream& stream) {
  // Within header_timeout, like a request's header. A client speaking plain HTTP (or anything
  // else) fails here and is closed without an answer: nothing it could read would be HTTPS.
  connection.stream.expires_after(options.header_timeout);
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kUseTuple);
  connection.stream.expires_never();
  if (!ec) {
    co_return true;
  }
  observe::log(observe::Level::kDebug, "tls handshake failed", {{"error_code", ec.value()}});
  beast::error_code ignored;
  connection.stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  connection.stream.socket().close(ignored);
  co_return false;
}

template <class Stream>
asio::awaitable<void> Server::Impl::serveConnection(Connection& connection, Stream& stream,
                                                    const std::string& remote_address,
                                                    Listener listener) {
  constexpr bool kOnTls = std::is_same_v<Stream, TlsStream>;
  beast::flat_buffer buffer;
  bool keep_open = true;
  while (keep_open && !stopping.load()) {
    // A fresh parser per request (the Beast advanced server), so limits apply to each message.
    RequestParser parser;
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
    // The largest limit of any route until the header says which route this is (readRequest).
    parser.body_limit(
        static_cast<std::uint64_t>(std::max(options.body_limit, router.largestBodyLimit())));

    connection.busy = false;
    const beast::error_code read_ec =
        co_await readRequest(connection, stream, buffer, parser, listener);
    connection.busy = true;
    if (read_ec) {
      co_await answerReadError(connection, stream, parser, read_ec, Clock::now(), listener);
      co_return;
    }
    auto& message = parser.get();
    const ClientOrigin origin =
        options.trusted_proxies.empty()
            ? ClientOrigin{remote_address, kOnTls}
            : clientOrigin(remote_address, kOnTls, options.trusted_proxies,
                           message["x-forwarded-for"], message["x-forwarded-proto"]);
    const AfterResponse after =
        co_await serveRequest(connection, stream, message, origin, listener);
    if (after == AfterResponse::kGone) {
      co_return;
    }
    if (after == AfterResponse::kLingerThenClose) {
      co_await lingeringClose(connection, stream);
      co_return;
    }
    keep_open = after == AfterResponse::kKeepOpen;
  }
  if constexpr (kOnTls) {
    // close_notify, so that the client can tell the end from a cut; not waited for long.
    connection.stream.expires_after(kTlsShutdownTime);
    co_await stream.async_shutdown(kUseTuple);
  }
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.socket().close(ec);
}

std::size_t Server::Impl::bodyLimitFor(const RequestMessage& message, Listener listener) const {
  if (listener != Listener::kMain) {
    return options.body_limit;
  }
  const auto target = parseTarget(message.target());
  if (!target) {
    return options.body_limit;
  }
  const auto match = router.match(message.method_string(), target->path);
  if (match.route == nullptr || match.route->body_limit == 0) {
    return options.body_limit;
  }
  return match.route->body_limit;
}

template <class Stream>
asio::awaitable<beast::error_code> Server::Impl::readRequest(Connection& connection, Stream& stream,
                                                             beast::flat_buffer& buffer,
                                                             RequestParser& parser,
                                                             Listener listener) {
  // The request line and headers within header_timeout, however slowly they trickle in (the
  // time also bounds how long an idle kept-alive connection stays open); then the body within
  // read_timeout.
  connection.stream.expires_after(options.header_timeout);
  // The header first: a client that sent "Expect: 100-continue" (curl does for bodies over
  // 1 KiB, and so do telephony webhooks) waits for "100 Continue" before it sends the body.
  // A body over the limit is refused (413) on its Content-Length alone, before it is sent.
  auto [read_ec, header_bytes] =
      co_await bhttp::async_read_header(stream, buffer, parser, kUseTuple);
  (void)header_bytes;
  if (read_ec || parser.is_done()) {
    co_return read_ec;
  }
  // The route's own limit, now that the header names it: on the declared length before the body
  // is sent, and on a chunked body as it arrives.
  const std::size_t body_limit = bodyLimitFor(parser.get(), listener);
  if (const auto length = parser.content_length(); length && *length > body_limit) {
    co_return beast::error_code(bhttp::error::body_limit);
  }
  parser.body_limit(static_cast<std::uint64_t>(body_limit));
  connection.stream.expires_after(options.read_timeout);
  if (expectsContinue(parser.get())) {
    bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, 11};
    auto [continue_ec, continue_bytes] = co_await bhttp::async_write(stream, go_on, kUseTuple);
    (void)continue_bytes;
    if (continue_ec) {
      co_return continue_ec;
    }
  }
  auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, kUseTuple);
  (void)body_bytes;
  co_return body_ec;
}

template <class Stream>
asio::awaitable<void> Server::Impl::answerReadError(Connection& connection, Stream& stream,
                                                    const RequestParser& parser,
                                                    const beast::error_code& error,
                                                    Clock::time_point started, Listener listener) {
  const auto status = statusForReadError(error);
  if (!status) {
    beast::error_code ec;
    connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    connection.stream.socket().close(ec);
    co_return;
  }
  const std::string_view method =
      parser.is_header_done() ? methodLabel(parser.get().method()) : "OTHER";
  Request failed;
  failed.request_id = newRequestId();
  failed.secure = std::is_same_v<Stream, TlsStream>;
  // The request line and the fields are kept as they are parsed, so the route is known even when
  // the declared length failed the header (over every route's limit).
  const std::size_t body_limit = bodyLimitFor(parser.get(), listener);
  co_await writeResponse(connection, stream, responseForReadError(*status, body_limit), failed, 11,
                         false, false, false);
  record(method, "unmatched", failed, *status, started);
  co_await lingeringClose(connection, stream);
}

template <class Stream>
asio::awaitable<Server::Impl::AfterResponse> Server::Impl::serveRequest(Connection& connection,
                                                                        Stream& stream,
                                                                        RequestMessage& message,
                                                                        const ClientOrigin& origin,
                                                                        Listener listener) {
  const auto started = Clock::now();
  Request request = requestOf(message, origin);
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
    request.body = std::move(message.body());
    response = co_await route(request, listener, message[bhttp::field::accept_encoding],
                              route_label, is_api);
  }

  const bool keep_alive = message.keep_alive() && !close_after && !stopping.load();
  const unsigned status = response.status;
  const bool written = co_await writeResponse(connection, stream, std::move(response), request,
                                              message.version(), head, keep_alive, is_api);
  record(method, route_label, request, status, started);
  if (!written) {
    co_return AfterResponse::kGone;
  }
  if (close_after) {
    co_return AfterResponse::kLingerThenClose;
  }
  co_return keep_alive ? AfterResponse::kKeepOpen : AfterResponse::kClose;
}

asio::awaitable<Response> Server::Impl::route(Request& request, Listener listener,
                                              std::string_view accept_encoding,
                                              std::string& route_label, bool& is_api) {
  const bool metrics_path = request.path == kMetricsPath;
  // The API, and the network's instance-to-instance routes (docs/network.md).
  if (listener == Listener::kMetrics || metrics_path || request.path.starts_with("/api/") ||
      request.path.starts_with("/federation/")) {
    is_api = true;
    // /metrics on the main listener, and anything else on the metrics listener.
    if ((listener == Listener::kMetrics) != metrics_path) {
      co_return notFound();
    }
    // Before any handler: text the database and the log can hold (a byte such as %FF made
    // PostgreSQL fail, and the failure logged it).
    if (auto text = checkQueryText(request.query); !text) {
      co_return Response::error(text.error());
    }
    co_return co_await dispatchApi(request, route_label);
  }
  if (isPublicPagePath(request.path)) {
    if (auto text = checkQueryText(request.query); !text) {
      co_return Response::error(text.error());
    }
    if (request.path == "/public") {
      Response moved = Response::text(308, "text/plain; charset=utf-8", "");
      moved.headers.emplace_back("Location", "/public/");
      co_return moved;
    }
    auto match = router.match(request.method == "HEAD" ? "GET" : request.method, request.path);
    if (match.outcome == Router::Outcome::kNotFound) {
      route_label = "public";
      co_return publicNotFound();
    }
    co_return co_await dispatchApi(request, route_label);
  }
  route_label = "static";
  co_return static_files.serve(request.method, request.path, accept_encoding);
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
    co_return notFound();
  }
  if (match.outcome == Router::Outcome::kMethodNotAllowed) {
    co_return methodNotAllowed(std::move(match.allowed));
  }
  route_label = match.route->pattern;
  request.route = match.route->pattern;
  request.params = std::move(match.params);
  if (auto text = checkPathParameters(request.params); !text) {
    co_return Response::error(text.error());
  }
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

template <class Stream>
asio::awaitable<bool> Server::Impl::writeResponse(Connection& connection, Stream& stream,
                                                  Response response, const Request& request,
                                                  unsigned version, bool head, bool keep_alive,
                                                  bool is_api) {
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
  out.set("Content-Security-Policy",
          isPublicPagePath(request.path) ? kPublicContentSecurityPolicy : kContentSecurityPolicy);
  if (is_api) {
    out.set(bhttp::field::cache_control, "no-store");
  }
  if (request.secure) {
    out.set(bhttp::field::strict_transport_security, kStrictTransportSecurity);
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
    std::tie(ec, std::ignore) = co_await bhttp::async_write_header(stream, serializer, kUseTuple);
  } else {
    std::tie(ec, std::ignore) = co_await bhttp::async_write(stream, out, kUseTuple);
  }
  connection.stream.expires_never();
  co_return !ec;
}

template <class Stream>
asio::awaitable<void> Server::Impl::lingeringClose(Connection& connection, Stream& stream) {
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.expires_after(kLingerTime);
  std::array<char, 8192> scratch{};
  std::size_t discarded = 0;
  while (discarded < kLingerBytes) {
    auto [read_ec, n] = co_await stream.async_read_some(asio::buffer(scratch), kUseTuple);
    discarded += n;
    if (read_ec) {
      break;
    }
  }
  connection.stream.socket().close(ec);
}

void Server::Impl::record(std::string_view method, std::string_view route, const Request& request,
                          unsigned status, Clock::time_point started) {
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  metrics.observeRequest(method, route, status, seconds);
  if (request.client_request_id.empty()) {
    observe::logInfo("request", {{"request_id", request.request_id},
                                 {"method", method},
                                 {"route", route},
                                 {"status", status},
                                 {"ms", seconds * 1000.0}});
  } else {
    observe::logInfo("request", {{"request_id", request.request_id},
                                 {"client_request_id", request.client_request_id},
                                 {"method", method},
                                 {"route", route},
                                 {"status", status},
                                 {"ms", seconds * 1000.0}});
  }
}

}  // namespace strada::http
