// The real server on 127.0.0.1, port 0, talked to over real sockets with a synchronous Beast
// client. No mocks.
#include "http/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/dynamic_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>

#include "support/stderr_capture.h"
#include "unit/http/socket_client.h"

namespace strada::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr std::size_t kBodyLimit = 1024;
constexpr std::size_t kHeaderLimit = 2048;

using testing::StderrCapture;

void writeFile(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << content;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    base_ = std::filesystem::temp_directory_path() /
            ("strada_http_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    root_ = base_ / "root";
    writeFile(root_ / "index.html", "<!doctype html><title>Strada</title>");
    writeFile(root_ / "assets" / "app-3f2a.js", "console.log('plain');");
    writeFile(root_ / "assets" / "app-3f2a.js.gz", "GZIPPED-BYTES");
    writeFile(root_ / "style.css", "body{}");
    writeFile(root_ / "manifest.webmanifest", "{}");
    writeFile(base_ / "outside" / "secret.txt", "outside the root");
    std::filesystem::create_symlink(base_ / "outside" / "secret.txt", root_ / "leak.txt");
    startServer(root_);
  }

  void TearDown() override {
    stopServer();
    std::error_code ec;
    std::filesystem::remove_all(base_, ec);
  }

  void startServer(const std::filesystem::path& root) {
    Router router;
    router.add("GET", "/api/v1/ping", [](Request& request) -> asio::awaitable<Response> {
      boost::json::object body;
      body["ok"] = true;
      body["q"] = std::string(request.queryParam("q").value_or(""));
      co_return Response::json(200, body);
    });
    router.add("GET", "/api/v1/items/{id}", [](Request& request) -> asio::awaitable<Response> {
      boost::json::object body;
      body["id"] = std::string(request.param("id"));
      body["route"] = request.route;
      co_return Response::json(200, body);
    });
    router.add("DELETE", "/api/v1/items/{id}",
               [](Request&) -> asio::awaitable<Response> { co_return Response::noContent(); });
    router.add("POST", "/api/v1/echo", [](Request& request) -> asio::awaitable<Response> {
      co_return Response::text(200, "text/plain", request.body);
    });
    router.add("GET", "/api/v1/boom", [](Request&) -> asio::awaitable<Response> {
      throw std::runtime_error("Maria Example, +43 660 1234567");
      co_return Response::noContent();
    });
    router.add("GET", "/api/v1/slow", [](Request&) -> asio::awaitable<Response> {
      asio::steady_timer timer(co_await asio::this_coro::executor);
      timer.expires_after(1500ms);
      co_await timer.async_wait(asio::use_awaitable);
      co_return Response::text(200, "text/plain", "slow done");
    });
    router.add("GET", "/metrics", [this](Request&) -> asio::awaitable<Response> {
      co_return Response::text(200, "text/plain; version=0.0.4", metrics_.render());
    });

    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.header_limit = kHeaderLimit;
    options.body_limit = kBodyLimit;
    options.header_timeout = 1s;
    options.read_timeout = 3s;
    options.drain_timeout = 5s;
    options.static_root = root;
    options.handle_signals = false;
    options.metrics_listen = ListenAddress{"127.0.0.1", 0};
    server_ = std::make_unique<Server>(options, std::move(router), metrics_);
    const auto started = server_->start();
    ASSERT_TRUE(started.has_value()) << started.error().message;
    ASSERT_NE(server_->port(), 0);
    run_done_ = std::async(std::launch::async, [this] { server_->run(); });
  }

  void stopServer() {
    if (server_) {
      server_->stop();
      EXPECT_EQ(run_done_.wait_for(10s), std::future_status::ready);
      server_.reset();
    }
  }

  std::uint16_t port() const { return server_->port(); }

  std::filesystem::path base_;
  std::filesystem::path root_;
  observe::Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::future<void> run_done_;
};

TEST_F(ServerTest, JsonRouteWithQuery) {
  Client client(port());
  const auto response = client.send(bhttp::verb::get, "/api/v1/ping?q=a+b%21");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response[bhttp::field::content_type], "application/json");
  const auto body = jsonOf(response);
  EXPECT_EQ(body.at("ok").as_bool(), true);
  EXPECT_EQ(body.at("q").as_string(), "a b!");
}

TEST_F(ServerTest, PathParametersArePercentDecoded) {
  Client client(port());
  const auto response = client.send(bhttp::verb::get, "/api/v1/items/ab%20c");
  ASSERT_EQ(response.result_int(), 200U);
  const auto body = jsonOf(response);
  EXPECT_EQ(body.at("id").as_string(), "ab c");
  EXPECT_EQ(body.at("route").as_string(), "/api/v1/items/{id}");
}

TEST_F(ServerTest, UnknownApiRouteIs404Json) {
  Client client(port());
  const auto response = client.send(bhttp::verb::get, "/api/v1/nope");
  EXPECT_EQ(response.result_int(), 404U);
  EXPECT_EQ(
      response.body(),
      "{\"error\":{\"code\":\"not_found\",\"message\":\"No such API route.\",\"field\":\"\"}}");
  EXPECT_EQ(response[bhttp::field::cache_control], "no-store");
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  Client client(port());
  const auto response = client.send(bhttp::verb::put, "/api/v1/items/7", "{}");
  EXPECT_EQ(response.result_int(), 405U);
  EXPECT_EQ(response[bhttp::field::allow], "DELETE, GET, HEAD");
  EXPECT_EQ(jsonOf(response).at("error").at("code").as_string(), "method_not_allowed");
}

TEST_F(ServerTest, HeadOnAnApiRouteSendsHeadersOnly) {
  Client client(port());
  const auto response = client.send(bhttp::verb::head, "/api/v1/ping");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_TRUE(response.body().empty());
  EXPECT_NE(response[bhttp::field::content_length], "0");
  // The connection stays usable after a HEAD.
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
}

TEST_F(ServerTest, NoContentHasNoBodyAndNoLength) {
  Client client(port());
  const auto response = client.send(bhttp::verb::delete_, "/api/v1/items/7");
  EXPECT_EQ(response.result_int(), 204U);
  EXPECT_TRUE(response.body().empty());
  EXPECT_EQ(response.find(bhttp::field::content_length), response.end());
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
}

TEST_F(ServerTest, BodyOverTheLimitIs413AndCloses) {
  Client client(port());
  const auto response =
      client.send(bhttp::verb::post, "/api/v1/echo", std::string(kBodyLimit + 1, 'x'));
  EXPECT_EQ(response.result_int(), 413U);
  EXPECT_EQ(jsonOf(response).at("error").at("code").as_string(), "payload_too_large");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closedWithin(3s));
}

TEST_F(ServerTest, BodyAtTheLimitIsAccepted) {
  Client client(port());
  const auto response =
      client.send(bhttp::verb::post, "/api/v1/echo", std::string(kBodyLimit, 'x'));
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body().size(), kBodyLimit);
}

// curl and webhook clients send "Expect: 100-continue" and wait for it before the body.
TEST_F(ServerTest, ExpectContinueGetsA100ThenTheAnswer) {
  Client client(port());
  const std::string body(kBodyLimit, 'b');
  client.sendRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
      "Expect: 100-Continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n");
  const auto interim = client.receive(true);
  EXPECT_EQ(interim.result_int(), 100U);
  client.sendRaw(body);
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), body);
  EXPECT_TRUE(response.keep_alive());
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
}

TEST_F(ServerTest, ExpectContinueOverTheLimitIs413WithoutWaitingForTheBody) {
  Client client(port());
  client.sendRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
      "Content-Length: " +
      std::to_string(kBodyLimit + 1) + "\r\n\r\n");
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 413U);
  EXPECT_EQ(jsonOf(response).at("error").at("code").as_string(), "payload_too_large");
  EXPECT_TRUE(client.closedWithin(3s));
}

TEST_F(ServerTest, HugeHeadersAre431) {
  Client client(port());
  const auto response = client.send(bhttp::verb::get, "/api/v1/ping", {},
                                    {{"X-Padding", std::string(kHeaderLimit * 2, 'a')}});
  EXPECT_EQ(response.result_int(), 431U);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closedWithin(3s));
}

TEST_F(ServerTest, MalformedRequestLineIs400AndCloses) {
  Client client(port());
  client.sendRaw("GET /api/v1/ping HTTP/9.Z\r\n\r\n");
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 400U);
  EXPECT_EQ(jsonOf(response).at("error").at("code").as_string(), "invalid_argument");
  EXPECT_FALSE(response["X-Request-Id"].empty());
  EXPECT_TRUE(client.closedWithin(3s));
}

TEST_F(ServerTest, InvalidTargetIs400) {
  Client client(port());
  client.sendRaw("GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.receive().result_int(), 400U);
  Client absolute(port());
  absolute.sendRaw("GET http://example.org/api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(absolute.receive().result_int(), 400U);
}

TEST_F(ServerTest, HandlerExceptionIs500AndTheServerKeepsServing) {
  StderrCapture capture;
  Client client(port());
  const auto response = client.send(bhttp::verb::get, "/api/v1/boom");
  EXPECT_EQ(response.result_int(), 500U);
  EXPECT_EQ(jsonOf(response).at("error").at("code").as_string(), "internal");
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  Client other(port());
  EXPECT_EQ(other.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  const std::string log = capture.text();
  EXPECT_NE(log.find("std::runtime_error"), std::string::npos) << log;
  EXPECT_NE(log.find("\"route\":\"/api/v1/boom\""), std::string::npos);
  EXPECT_EQ(log.find("Maria"), std::string::npos) << "what() must not reach the log";
}

TEST_F(ServerTest, StaticFileWithContentTypeAndCacheHeaders) {
  Client client(port());
  auto response = client.send(bhttp::verb::get, "/style.css");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), "body{}");
  EXPECT_EQ(response[bhttp::field::content_type], "text/css; charset=utf-8");

  response = client.send(bhttp::verb::get, "/assets/app-3f2a.js");
  EXPECT_EQ(response.body(), "console.log('plain');");
  EXPECT_EQ(response[bhttp::field::content_type], "text/javascript; charset=utf-8");
  EXPECT_EQ(response[bhttp::field::cache_control], "public, max-age=31536000, immutable");

  response = client.send(bhttp::verb::get, "/manifest.webmanifest");
  EXPECT_EQ(response[bhttp::field::content_type], "application/manifest+json");

  response = client.send(bhttp::verb::get, "/");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response[bhttp::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(response[bhttp::field::cache_control], "no-cache");
  EXPECT_EQ(response.body(), "<!doctype html><title>Strada</title>");
}

TEST_F(ServerTest, SpaFallbackAndMissingFiles) {
  Client client(port());
  auto response = client.send(bhttp::verb::get, "/cases/42/notes");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), "<!doctype html><title>Strada</title>");
  EXPECT_EQ(response[bhttp::field::cache_control], "no-cache");

  response = client.send(bhttp::verb::get, "/missing.js");
  EXPECT_EQ(response.result_int(), 404U);
  EXPECT_EQ(response[bhttp::field::content_type], "text/plain; charset=utf-8");

  response = client.send(bhttp::verb::post, "/style.css", "x");
  EXPECT_EQ(response.result_int(), 405U);
  EXPECT_EQ(response[bhttp::field::allow], "GET, HEAD");

  response = client.send(bhttp::verb::head, "/style.css");
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response[bhttp::field::content_length], "6");
  EXPECT_TRUE(response.body().empty());
}

TEST_F(ServerTest, TraversalIsRefused) {
  for (const std::string target :
       {"/../outside/secret.txt", "/assets/../../outside/secret.txt", "/%2e%2e/outside/secret.txt",
        "/assets/%2E%2E/%2e%2e/outside/secret.txt", "/leak.txt",
        "/assets/..%2f..%2foutside%2fsecret.txt", "//etc/passwd", "/.hidden"}) {
    Client client(port());
    client.sendRaw("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.receive();
    EXPECT_NE(response.result_int(), 200U) << target;
    EXPECT_EQ(response.body().find("outside the root"), std::string::npos) << target;
  }
}

TEST_F(ServerTest, PrecompressedSiblingWhenTheClientAcceptsGzip) {
  Client client(port());
  auto response =
      client.send(bhttp::verb::get, "/assets/app-3f2a.js", {}, {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(response.body(), "GZIPPED-BYTES");
  EXPECT_EQ(response[bhttp::field::content_encoding], "gzip");
  EXPECT_EQ(response[bhttp::field::vary], "Accept-Encoding");
  EXPECT_EQ(response[bhttp::field::content_type], "text/javascript; charset=utf-8");

  response = client.send(bhttp::verb::get, "/assets/app-3f2a.js");
  EXPECT_EQ(response.body(), "console.log('plain');");
  EXPECT_EQ(response.find(bhttp::field::content_encoding), response.end());
  EXPECT_EQ(response[bhttp::field::vary], "Accept-Encoding");

  response = client.send(bhttp::verb::get, "/style.css", {}, {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(response.body(), "body{}");
  EXPECT_EQ(response.find(bhttp::field::content_encoding), response.end());
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  Client client(port());
  const auto first = client.send(bhttp::verb::get, "/api/v1/ping");
  EXPECT_TRUE(first.keep_alive());
  const auto second = client.send(bhttp::verb::get, "/api/v1/items/2");
  EXPECT_EQ(second.result_int(), 200U);
  EXPECT_NE(first["X-Request-Id"], second["X-Request-Id"]);
}

TEST_F(ServerTest, ConnectionCloseAndHttp10AreHonoured) {
  Client client(port());
  const auto response =
      client.send(bhttp::verb::get, "/api/v1/ping", {}, {{"Connection", "close"}});
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closedWithin(3s));

  Client old(port());
  old.sendRaw("GET /api/v1/ping HTTP/1.0\r\n\r\n");
  EXPECT_EQ(old.receive().result_int(), 200U);
  EXPECT_TRUE(old.closedWithin(3s));
}

TEST_F(ServerTest, SecurityHeadersOnEveryResponse) {
  Client client(port());
  for (const std::string target : {"/api/v1/ping", "/api/v1/nope", "/", "/missing.png"}) {
    const auto response = client.send(bhttp::verb::get, target);
    EXPECT_EQ(response["X-Content-Type-Options"], "nosniff") << target;
    EXPECT_EQ(response["Referrer-Policy"], "no-referrer") << target;
    EXPECT_EQ(response["X-Frame-Options"], "DENY") << target;
    EXPECT_EQ(response["Content-Security-Policy"],
              "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
              "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
        << target;
  }
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping")[bhttp::field::cache_control], "no-store");
}

TEST_F(ServerTest, ReadTimeoutClosesAnIdleConnection) {
  Client client(port());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closedWithin(4s));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 900ms);
}

TEST_F(ServerTest, ReadTimeoutClosesAConnectionThatSendsHalfARequest) {
  Client client(port());
  client.sendRaw("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n");
  EXPECT_TRUE(client.closedWithin(4s));
}

TEST_F(ServerTest, StopLetsASlowRequestFinishThenRunReturns) {
  Client idle(port());
  EXPECT_EQ(idle.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);

  auto slow = std::async(std::launch::async, [this] {
    Client client(port());
    return client.send(bhttp::verb::get, "/api/v1/slow");
  });
  std::this_thread::sleep_for(300ms);  // the slow handler is now running
  const auto stop_started = std::chrono::steady_clock::now();
  server_->stop();

  const auto response = slow.get();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), "slow done");
  EXPECT_FALSE(response.keep_alive());
  ASSERT_EQ(run_done_.wait_for(5s), std::future_status::ready);
  EXPECT_LT(std::chrono::steady_clock::now() - stop_started, 4s);
  // The idle keep-alive connection was closed, and nothing listens any more.
  EXPECT_TRUE(idle.closedWithin(1s));
  EXPECT_THROW(Client refused(port()), boost::system::system_error);
  server_.reset();
}

TEST_F(ServerTest, MetricsUseTheRoutePatternNeverTheConcretePath) {
  StderrCapture capture;
  Client client(port());
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/items/secret-id-8213").result_int(), 200U);
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/unknown-secret-9174").result_int(), 404U);
  EXPECT_EQ(client.send(bhttp::verb::get, "/app/secret-page-5521").result_int(), 200U);
  // A request is counted once its response is written: the client may read the last response
  // before the server has counted it, so the scrape is repeated (up to 2 s) until it shows.
  std::string text;
  for (int attempt = 0; attempt < 100; ++attempt) {
    Client scraper(server_->metricsPort());
    const auto response = scraper.send(bhttp::verb::get, "/metrics");
    EXPECT_EQ(response.result_int(), 200U);
    text = response.body();
    if (text.find("route=\"static\",status=\"200\"") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(text.find("strada_http_requests_total{method=\"GET\",route=\"/api/v1/items/{id}\","
                      "status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"unmatched\",status=\"404\""), std::string::npos);
  EXPECT_NE(text.find("route=\"static\",status=\"200\""), std::string::npos);
  EXPECT_NE(text.find("strada_http_request_duration_seconds_bucket{method=\"GET\","
                      "route=\"/api/v1/items/{id}\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_EQ(text.find("secret"), std::string::npos);

  const std::string log = capture.text();
  EXPECT_NE(log.find("\"msg\":\"request\""), std::string::npos) << log;
  EXPECT_NE(log.find("\"route\":\"/api/v1/items/{id}\",\"status\":200"), std::string::npos);
  EXPECT_EQ(log.find("secret"), std::string::npos) << log;
}

TEST(ServerStartTest, ReportsAnAddressInUse) {
  observe::Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  Server first(options, Router{}, metrics);
  ASSERT_TRUE(first.start().has_value());
  options.port = first.port();
  Server second(options, Router{}, metrics);
  const auto started = second.start();
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, domain::ErrorCode::kUnavailable);
  const std::string expected_start =
      "Cannot listen on 127.0.0.1:" + std::to_string(first.port()) + ": ";
  EXPECT_EQ(started.error().message.rfind(expected_start, 0), 0U) << started.error().message;
  EXPECT_NE(started.error().message.find(
                ". Is another Strada running? Use --listen to pick another address."),
            std::string::npos);
}

TEST(ServerStartTest, StopBeforeRunMakesRunReturn) {
  observe::Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.handle_signals = true;
  Server server(options, Router{}, metrics);
  ASSERT_TRUE(server.start().has_value());
  server.stop();
  auto done = std::async(std::launch::async, [&server] { server.run(); });
  EXPECT_EQ(done.wait_for(5s), std::future_status::ready);
}

TEST(ServerStartTest, WithoutStaticRootNonApiPathsAre404) {
  observe::Metrics metrics;
  ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  Server server(options, Router{}, metrics);
  ASSERT_TRUE(server.start().has_value());
  auto done = std::async(std::launch::async, [&server] { server.run(); });
  {
    Client client(server.port());
    EXPECT_EQ(client.send(bhttp::verb::get, "/").result_int(), 404U);
    EXPECT_EQ(client.send(bhttp::verb::get, "/cases/1").result_int(), 404U);
  }
  server.stop();
  EXPECT_EQ(done.wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace strada::http

namespace strada::http {
namespace {

TEST(ServerDrainTest, RunReturnsAfterTheDrainTimeoutWhenARequestOutlastsIt) {
  observe::Metrics metrics;
  Router router;
  router.add("GET", "/api/v1/stuck", [](Request&) -> asio::awaitable<Response> {
    asio::steady_timer timer(co_await asio::this_coro::executor);
    timer.expires_after(30s);
    co_await timer.async_wait(asio::use_awaitable);
    co_return Response::noContent();
  });
  ServerOptions options;
  options.port = 0;
  options.handle_signals = false;
  options.drain_timeout = 1s;
  auto server = std::make_unique<Server>(options, std::move(router), metrics);
  ASSERT_TRUE(server->start().has_value());
  auto done = std::async(std::launch::async, [&server] { server->run(); });

  Client client(server->port());
  client.sendRaw("GET /api/v1/stuck HTTP/1.1\r\nHost: x\r\n\r\n");
  std::this_thread::sleep_for(200ms);
  const auto stop_started = std::chrono::steady_clock::now();
  server->stop();
  ASSERT_EQ(done.wait_for(5s), std::future_status::ready);
  const auto waited = std::chrono::steady_clock::now() - stop_started;
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 3s);
  // Destroying the server with the handler still suspended must be clean (ASan watches).
  server.reset();
  EXPECT_TRUE(client.closedWithin(2s));
}

TEST(ServerSignalTest, SigtermStopsRun) {
  observe::Metrics metrics;
  Router router;
  router.add("GET", "/api/v1/ping",
             [](Request&) -> asio::awaitable<Response> { co_return Response::noContent(); });
  ServerOptions options;
  options.port = 0;
  options.handle_signals = true;
  Server server(options, std::move(router), metrics);
  ASSERT_TRUE(server.start().has_value());
  auto done = std::async(std::launch::async, [&server] { server.run(); });
  {
    // A served request proves run() is inside io_context::run, so the handlers are installed.
    Client client(server.port());
    EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping").result_int(), 204U);
  }
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  EXPECT_EQ(done.wait_for(5s), std::future_status::ready);
}

}  // namespace
}  // namespace strada::http
