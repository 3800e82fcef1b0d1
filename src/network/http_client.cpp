#include "network/http_client.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/url/parse.hpp>
#include <optional>

namespace strada::network {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using asio::awaitable;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr std::size_t kMaxReplyBytes = std::size_t{1} << 20;

struct Target {
  bool tls = false;
  std::string host, port, path;
};

domain::Result<Target> parseTarget(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->host().empty()) {
    return domain::fail(domain::ErrorCode::kUnavailable, "The address is not a valid URL.", {},
                        "url");
  }
  Target t;
  if (parsed->scheme() == "https") {
    t.tls = true;
  } else if (parsed->scheme() != "http") {
    return domain::fail(domain::ErrorCode::kUnavailable, "Use an http:// or https:// address.", {},
                        "url");
  }
  t.host = parsed->host_address();
  t.port = parsed->has_port() ? std::string(parsed->port()) : (t.tls ? "443" : "80");
  t.path = parsed->encoded_path().empty() ? "/" : std::string(parsed->encoded_path());
  if (parsed->has_query()) {
    t.path += "?" + std::string(parsed->encoded_query());
  }
  return t;
}

tl::unexpected<domain::Error> failed(const char* error_class) {
  return domain::fail(domain::ErrorCode::kUnavailable,
                      "The other instance did not answer. The message waits in the outbox.", {},
                      error_class);
}

template <class Stream>
awaitable<domain::Result<HttpReply>> exchange(Stream& stream, const Target& target,
                                              const std::string& body) {
  http::request<http::string_body> req{http::verb::post, target.path, 11};
  req.set(http::field::host, target.host);
  req.set(http::field::user_agent, "strada-federation/1");
  req.set(http::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  auto [write_ec, written] = co_await http::async_write(stream, req, kTuple);
  static_cast<void>(written);
  if (write_ec) {
    co_return failed(write_ec == beast::error::timeout ? "timeout" : "protocol");
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxReplyBytes);
  auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, kTuple);
  static_cast<void>(read);
  if (read_ec) {
    co_return failed(read_ec == beast::error::timeout ? "timeout" : "protocol");
  }
  co_return HttpReply{parser.get().result_int(), parser.get().body()};
}

awaitable<domain::Result<HttpReply>> post(const Target& target, const std::string& body,
                                          const HttpClientOptions& options) {
  auto executor = co_await asio::this_coro::executor;
  asio::ip::tcp::resolver resolver(executor);
  auto [resolve_ec, endpoints] = co_await resolver.async_resolve(target.host, target.port, kTuple);
  if (resolve_ec) {
    co_return failed("resolve");
  }
  if (!target.tls) {
    beast::tcp_stream stream(executor);
    stream.expires_after(options.timeout);
    auto [connect_ec, endpoint] = co_await stream.async_connect(endpoints, kTuple);
    static_cast<void>(endpoint);
    if (connect_ec) {
      co_return failed(connect_ec == beast::error::timeout ? "timeout" : "connect");
    }
    co_return co_await exchange(stream, target, body);
  }
  asio::ssl::context tls(asio::ssl::context::tls_client);
  boost::system::error_code ec;
  if (options.ca_file.empty()) {
    tls.set_default_verify_paths(ec);
  } else {
    tls.load_verify_file(options.ca_file, ec);
  }
  if (ec) {
    co_return failed("tls");
  }
  tls.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(executor, tls);
  stream.set_verify_callback(asio::ssl::host_name_verification(target.host));
  if (!SSL_set_tlsext_host_name(stream.native_handle(), target.host.c_str())) {
    co_return failed("tls");
  }
  beast::get_lowest_layer(stream).expires_after(options.timeout);
  auto [connect_ec, endpoint] =
      co_await beast::get_lowest_layer(stream).async_connect(endpoints, kTuple);
  static_cast<void>(endpoint);
  if (connect_ec) {
    co_return failed(connect_ec == beast::error::timeout ? "timeout" : "connect");
  }
  auto [handshake_ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (handshake_ec) {
    co_return failed("tls");
  }
  co_return co_await exchange(stream, target, body);
}

awaitable<void> storeReply(const Target& target, const std::string& body,
                           const HttpClientOptions& options,
                           std::optional<domain::Result<HttpReply>>* out) {
  out->emplace(co_await post(target, body, options));
}

}  // namespace

domain::Result<HttpReply> postJson(const std::string& url, const std::string& body,
                                   const HttpClientOptions& options) {
  auto target = parseTarget(url);
  if (!target) {
    return tl::unexpected(target.error());
  }
  asio::io_context io;
  std::optional<domain::Result<HttpReply>> reply;
  asio::co_spawn(io, storeReply(*target, body, options, &reply), asio::detached);
  io.run();
  if (!reply) {
    return failed("protocol");
  }
  return std::move(*reply);
}

}  // namespace strada::network
