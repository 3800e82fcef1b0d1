// The server's defences against clients that hold connections, choose ids or send bytes that
// are not text: the header timeout, the connection limits, the metrics listener, the request
// ids and the check of query and path text. The real server on 127.0.0.1, port 0, over real
// sockets.
#include <gtest/gtest.h>

#include <boost/asio/this_coro.hpp>
#include <boost/json/object.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/server.h"
#include "support/stderr_capture.h"
#include "unit/http/socket_client.h"

namespace strada::http {
namespace {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using namespace std::chrono_literals;
using testing::StderrCapture;

// A server with a few routes, run on a thread of its own until destroyed.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) {
    Router router;
    router.add("GET", "/api/v1/ping", [](Request& request) -> asio::awaitable<Response> {
      boost::json::object body{{"q", std::string(request.queryParam("q").value_or(""))}};
      co_return Response::json(200, body);
    });
    router.add("GET", "/api/v1/items/{id}",
               [](Request&) -> asio::awaitable<Response> { co_return Response::noContent(); });
    router.add("POST", "/api/v1/echo", [](Request& request) -> asio::awaitable<Response> {
      co_return Response::text(200, "text/plain", request.body);
    });
    router.add("GET", "/metrics", [this](Request&) -> asio::awaitable<Response> {
      co_return Response::text(200, "text/plain; version=0.0.4", metrics_.render());
    });
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.handle_signals = false;
    server_ = std::make_unique<Server>(std::move(options), std::move(router), metrics_);
    const auto started = server_->start();
    EXPECT_TRUE(started.has_value()) << started.error().message;
    run_done_ = std::async(std::launch::async, [this] { server_->run(); });
  }
  ~RunningServer() {
    server_->stop();
    EXPECT_EQ(run_done_.wait_for(10s), std::future_status::ready);
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return server_->port(); }
  [[nodiscard]] std::uint16_t metricsPort() const { return server_->metricsPort(); }

 private:
  observe::Metrics metrics_;
  std::unique_ptr<Server> server_;
  std::future<void> run_done_;
};

ServerOptions withTimeouts(std::chrono::milliseconds header, std::chrono::milliseconds body) {
  ServerOptions options;
  options.header_timeout = header;
  options.read_timeout = body;
  return options;
}

ServerOptions withLimits(std::size_t total, std::size_t per_address) {
  ServerOptions options;
  options.max_connections = total;
  options.max_connections_per_address = per_address;
  return options;
}

// A slow client may not hold a connection for the whole read timeout by trickling its header.
TEST(HeaderTimeoutTest, HalfAHeaderIsClosedAfterTheHeaderTimeout) {
  RunningServer server(withTimeouts(500ms, 10s));
  Client client(server.port());
  client.sendRaw("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nX-Slow: ");
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.closedWithin(3s));
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, 300ms);
  EXPECT_LT(waited, 3s);
}

TEST(HeaderTimeoutTest, AnIdleKeptAliveConnectionIsClosedAfterTheHeaderTimeout) {
  RunningServer server(withTimeouts(500ms, 10s));
  Client client(server.port());
  EXPECT_EQ(client.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  EXPECT_TRUE(client.closedWithin(3s));
}

TEST(HeaderTimeoutTest, TheBodyHasTheReadTimeoutNotTheHeaderTimeout) {
  RunningServer server(withTimeouts(500ms, 10s));
  Client client(server.port());
  client.sendRaw(
      "POST /api/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
      "Content-Length: 4\r\n\r\nab");
  std::this_thread::sleep_for(1200ms);
  client.sendRaw("cd");
  const auto response = client.receive();
  EXPECT_EQ(response.result_int(), 200U);
  EXPECT_EQ(response.body(), "abcd");
}

// Expects the canned 503 on a new connection, and that the server then closes it.
void expectRefused(std::uint16_t port) {
  Client refused(port);
  refused.sendRaw("GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto response = refused.receive();
  EXPECT_EQ(response.result_int(), 503U);
  EXPECT_EQ(response[bhttp::field::retry_after], "5");
  EXPECT_EQ(jsonOf(response).at("error").at("code").as_string(), "unavailable");
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(refused.closedWithin(2s));
}

TEST(ConnectionLimitTest, TheConnectionPastThePerAddressLimitGets503AndIsClosed) {
  RunningServer server(withLimits(100, 3));
  std::vector<std::unique_ptr<Client>> open;
  for (int i = 0; i < 3; ++i) {
    open.push_back(std::make_unique<Client>(server.port()));
    EXPECT_EQ(open.back()->send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  }
  expectRefused(server.port());
  // The admitted connections go on; closing one makes room for another.
  EXPECT_EQ(open.front()->send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  open.pop_back();
  std::this_thread::sleep_for(200ms);
  Client next(server.port());
  EXPECT_EQ(next.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
}

TEST(ConnectionLimitTest, TheConnectionPastTheTotalLimitGets503) {
  RunningServer server(withLimits(2, 0));
  Client first(server.port());
  Client second(server.port());
  EXPECT_EQ(first.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  EXPECT_EQ(second.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  expectRefused(server.port());
}

TEST(ConnectionLimitTest, AFloodOfRefusedConnectionsIsAnsweredQuickly) {
  StderrCapture capture;
  RunningServer server(withLimits(100, 1));
  Client held(server.port());
  EXPECT_EQ(held.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 100; ++i) {
    Client refused(server.port());
    ASSERT_EQ(refused.receive().result_int(), 503U) << "connection " << i;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(held.send(bhttp::verb::get, "/api/v1/ping").result_int(), 200U);
  // One warning for the burst, not a line per connection.
  const std::string log = capture.text();
  const auto first = log.find("connections refused");
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find("connections refused", first + 1), std::string::npos) << log;
}

TEST(MetricsListenerTest, MetricsOnlyOnTheirOwnListener) {
  ServerOptions options;
  options.metrics_listen = ListenAddress{"127.0.0.1", 0};
  RunningServer server(options);
  ASSERT_NE(server.metricsPort(), 0);
  ASSERT_NE(server.metricsPort(), server.port());
  Client scraper(server.metricsPort());
  const auto metrics = scraper.send(bhttp::verb::get, "/metrics");
  EXPECT_EQ(metrics.result_int(), 200U);
  EXPECT_NE(metrics.body().find("strada_http_requests_total"), std::string::npos);
  EXPECT_EQ(scraper.send(bhttp::verb::get, "/api/v1/ping").result_int(), 404U);
  EXPECT_EQ(scraper.send(bhttp::verb::get, "/").result_int(), 404U);

  Client client(server.port());
  const auto refused = client.send(bhttp::verb::get, "/metrics");
  EXPECT_EQ(refused.result_int(), 404U);
  EXPECT_EQ(jsonOf(refused).at("error").at("code").as_string(), "not_found");
}

TEST(MetricsListenerTest, OffByDefault) {
  RunningServer server{ServerOptions{}};
  EXPECT_EQ(server.metricsPort(), 0);
  Client client(server.port());
  EXPECT_EQ(client.send(bhttp::verb::get, "/metrics").result_int(), 404U);
}

bool isOurRequestId(std::string_view id) {
  return id.size() == 16 && id.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

TEST(RequestIdTest, OurIdIsEchoedAndASafeClientIdIsOnlyLogged) {
  StderrCapture capture;
  RunningServer server{ServerOptions{}};
  Client client(server.port());
  auto response =
      client.send(bhttp::verb::get, "/api/v1/ping", {}, {{"X-Request-Id", "client-chosen-id-42"}});
  const std::string ours(response["X-Request-Id"]);
  EXPECT_TRUE(isOurRequestId(ours)) << ours;
  response = client.send(bhttp::verb::get, "/api/v1/ping", {}, {{"X-Request-Id", "bad id!"}});
  EXPECT_TRUE(isOurRequestId(response["X-Request-Id"]));
  EXPECT_NE(response["X-Request-Id"], ours);
  const std::string log = capture.text();
  EXPECT_NE(
      log.find("\"request_id\":\"" + ours + "\",\"client_request_id\":\"client-chosen-id-42\""),
      std::string::npos)
      << log;
  EXPECT_EQ(log.find("bad id"), std::string::npos) << log;
}

TEST(RequestIdTest, ATelephoneNumberSentAsAnIdNeverReachesTheLog) {
  StderrCapture capture;
  RunningServer server{ServerOptions{}};
  Client client(server.port());
  for (const char* phone : {"+31612345678", "0031612345678", "06-1234-5678"}) {
    const auto response =
        client.send(bhttp::verb::get, "/api/v1/ping", {}, {{"X-Request-Id", phone}});
    EXPECT_EQ(response.result_int(), 200U);
    EXPECT_TRUE(isOurRequestId(response["X-Request-Id"])) << phone;
  }
  const std::string log = capture.text();
  EXPECT_EQ(log.find("612345678"), std::string::npos) << log;
  EXPECT_EQ(log.find("1234-5678"), std::string::npos) << log;
  EXPECT_EQ(log.find("client_request_id"), std::string::npos) << log;
}

TEST(QueryTextTest, InvalidUtf8OrControlsInTheQueryAre400NamingTheParameter) {
  RunningServer server{ServerOptions{}};
  Client client(server.port());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/v1/ping?q=%FF", "q"},          {"/api/v1/ping?q=ok&city=caf%C3", "city"},
      {"/api/v1/ping?q=%ED%A0%80", "q"},    {"/api/v1/ping?q=a%00b", "q"},
      {"/api/v1/ping?q=line%0Abreak", "q"}, {"/api/v1/ping?%FF=1", "query"},
      {"/api/v1/items/%FF", "id"},
  };
  for (const auto& [target, field] : cases) {
    const auto response = client.send(bhttp::verb::get, target);
    EXPECT_EQ(response.result_int(), 400U) << target;
    const auto body = jsonOf(response);
    EXPECT_EQ(body.at("error").at("code").as_string(), "invalid_argument") << target;
    EXPECT_EQ(body.at("error").at("field").as_string(), field) << target;
    EXPECT_TRUE(response.keep_alive()) << target;
  }
  const auto fine = client.send(bhttp::verb::get, "/api/v1/ping?q=Z%C3%BCrich");
  EXPECT_EQ(fine.result_int(), 200U);
  EXPECT_EQ(jsonOf(fine).at("q").as_string(), "Zürich");
}

}  // namespace
}  // namespace strada::http
