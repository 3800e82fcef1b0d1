#include "integration/http_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

namespace strada::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

std::string lowerCase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// A test must fail, never hang, when the server does not answer.
void setTimeouts(tcp::socket& socket) {
  timeval tv{};
  tv.tv_sec = 20;
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

const boost::json::object* errorObject(const HttpResponse& r) {
  if (!r.json || !r.json->is_object()) {
    return nullptr;
  }
  const auto* error = r.json->as_object().if_contains("error");
  return error != nullptr && error->is_object() ? &error->as_object() : nullptr;
}

std::string errorPart(const HttpResponse& r, std::string_view key) {
  const auto* error = errorObject(r);
  if (error == nullptr) {
    return "<missing>";
  }
  const auto* v = error->if_contains(key);
  if (v == nullptr || !v->is_string()) {
    return "<missing>";
  }
  return std::string(v->as_string());
}

HttpResponse responseOf(const bhttp::response<bhttp::string_body>& message) {
  HttpResponse out;
  out.status = message.result_int();
  for (const auto& field : message) {
    out.headers.emplace_back(lowerCase(field.name_string()), std::string(field.value()));
  }
  out.body = message.body();
  boost::system::error_code json_ec;
  auto value = boost::json::parse(out.body, json_ec);
  if (!json_ec) {
    out.json = std::move(value);
  }
  return out;
}

}  // namespace

std::optional<std::string> HttpResponse::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) {
      return value;
    }
  }
  return std::nullopt;
}

std::vector<std::string> HttpResponse::headersNamed(std::string_view lower_name) const {
  std::vector<std::string> out;
  for (const auto& [name, value] : headers) {
    if (name == lower_name) {
      out.push_back(value);
    }
  }
  return out;
}

std::string HttpResponse::errorCode() const { return errorPart(*this, "code"); }
std::string HttpResponse::errorMessage() const { return errorPart(*this, "message"); }
std::string HttpResponse::errorField() const { return errorPart(*this, "field"); }

bool HttpResponse::hasErrorShape() const {
  if (!json || !json->is_object() || json->as_object().size() != 1) {
    return false;
  }
  const auto* error = errorObject(*this);
  if (error == nullptr || error->size() != 3) {
    return false;
  }
  for (const char* key : {"code", "message", "field"}) {
    const auto* v = error->if_contains(key);
    if (v == nullptr || !v->is_string()) {
      return false;
    }
  }
  return !error->at("message").as_string().empty();
}

HttpResponse HttpClient::get(std::string_view target) {
  return request("GET", target, "", CsrfMode::kSession);
}

HttpResponse HttpClient::post(std::string_view target, std::string_view body, CsrfMode csrf) {
  return request("POST", target, body, csrf);
}

HttpResponse HttpClient::del(std::string_view target, CsrfMode csrf) {
  return request("DELETE", target, "", csrf);
}

HttpResponse HttpClient::request(
    std::string_view method, std::string_view target, std::string_view body, CsrfMode csrf,
    const std::vector<std::pair<std::string, std::string>>& extra_headers) {
  std::string out;
  out.reserve(body.size() + 512);
  out.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  out.append("Host: 127.0.0.1:").append(std::to_string(port_)).append("\r\n");
  out.append("Connection: close\r\n");
  if (cookie_) {
    out.append("Cookie: ").append(cookie_name_).append("=").append(*cookie_).append("\r\n");
  }
  const auto overridden = [&extra_headers](std::string_view lower_name) {
    return std::any_of(extra_headers.begin(), extra_headers.end(),
                       [lower_name](const auto& h) { return lowerCase(h.first) == lower_name; });
  };
  const bool csrf_overridden = overridden("x-csrf-token");
  if (csrf == CsrfMode::kSession && csrf_ && !csrf_overridden) {
    out.append("X-CSRF-Token: ").append(*csrf_).append("\r\n");
  }
  for (const auto& [name, value] : extra_headers) {
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    if (!overridden("content-type")) {
      out.append("Content-Type: application/json\r\n");
    }
    out.append("Content-Length: ").append(std::to_string(body.size())).append("\r\n");
  }
  out.append("\r\n").append(body);
  HttpResponse response = exchange(out);
  rememberCookie(response);
  return response;
}

HttpResponse HttpClient::login(std::string_view email, std::string_view password) {
  boost::json::object body{{"email", email}, {"password", password}};
  HttpResponse response =
      request("POST", "/api/v1/session", boost::json::serialize(body), CsrfMode::kOmit);
  if (response.status == 200 && response.json && response.json->is_object()) {
    if (const auto* token = response.json->as_object().if_contains("csrf_token");
        token != nullptr && token->is_string()) {
      csrf_ = std::string(token->as_string());
    }
  }
  return response;
}

HttpResponse HttpClient::me() {
  HttpResponse response = get("/api/v1/me");
  if (response.status == 200 && response.json && response.json->is_object()) {
    if (const auto* token = response.json->as_object().if_contains("csrf_token");
        token != nullptr && token->is_string()) {
      csrf_ = std::string(token->as_string());
    }
  }
  return response;
}

HttpResponse HttpClient::raw(std::string_view bytes) { return exchange(std::string(bytes)); }

HttpResponse HttpClient::exchange(const std::string& bytes) {
  if (!tls_certificate_.empty()) {
    return exchangeOverTls(bytes);
  }
  HttpResponse out;
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  if (!source_address_.empty()) {
    socket.open(tcp::v4(), ec);
    socket.bind(tcp::endpoint(asio::ip::make_address(source_address_), 0), ec);
    if (ec) {
      return out;
    }
  }
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  if (ec) {
    return out;
  }
  setTimeouts(socket);
  // The server may answer (413, 400) and stop reading before all is written: write errors are
  // not failures here, only a missing answer is.
  asio::write(socket, asio::buffer(bytes), ec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::size_t{64} * 1024 * 1024);
  bhttp::read(socket, buffer, parser, ec);
  if (ec && !parser.is_done()) {
    return out;
  }
  out = responseOf(parser.get());
  socket.shutdown(tcp::socket::shutdown_both, ec);
  socket.close(ec);
  return out;
}

HttpResponse HttpClient::exchangeOverTls(const std::string& bytes) {
  asio::io_context io;
  ssl::context context(ssl::context::tls_client);
  boost::system::error_code ec;
  context.load_verify_file(tls_certificate_, ec);
  if (ec) {
    return {};
  }
  ssl::stream<tcp::socket> stream(io, context);
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
  stream.next_layer().connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  if (ec) {
    return {};
  }
  setTimeouts(stream.next_layer());
  stream.handshake(ssl::stream_base::client, ec);
  if (ec) {
    return {};
  }
  asio::write(stream, asio::buffer(bytes), ec);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::size_t{64} * 1024 * 1024);
  bhttp::read(stream, buffer, parser, ec);
  if (ec && !parser.is_done()) {
    return {};
  }
  HttpResponse out = responseOf(parser.get());
  stream.shutdown(ec);
  return out;
}

void HttpClient::rememberCookie(const HttpResponse& response) {
  for (const auto& cookie : response.headersNamed("set-cookie")) {
    const auto equals = cookie.find('=');
    const std::string name = cookie.substr(0, equals);
    if (equals == std::string::npos ||
        (name != "strada_session" && name != "__Host-strada_session")) {
      continue;
    }
    const std::string value = cookie.substr(equals + 1, cookie.find(';') - equals - 1);
    const bool expired = cookie.find("Max-Age=0") != std::string::npos;
    if (value.empty() || expired) {
      cookie_.reset();
    } else {
      cookie_ = value;
      cookie_name_ = name;
    }
  }
}

}  // namespace strada::testing
