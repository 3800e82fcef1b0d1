// HTTPS served directly (--tls-cert/--tls-key) and a trusted reverse proxy (--trust-proxy), over
// real sockets: a self-signed certificate is made with the `openssl` command at test time.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "integration/suite.h"
#include "network/http_client.h"

namespace strada::testing {
namespace {

constexpr std::string_view kHsts = "max-age=31536000";

// A self-signed certificate for 127.0.0.1 (cert.pem, key.pem) and a second, unrelated key
// (other-key.pem) in `dir`; false when the openssl command failed.
bool makeCertificates(const std::filesystem::path& dir) {
  const std::string d = dir.string();
  const std::string make_pair =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
      "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
      d + "/key.pem -out " + d + "/cert.pem 2>/dev/null";
  const std::string make_other =
      "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:prime256v1 -out " + d +
      "/other-key.pem 2>/dev/null";
  return std::system(make_pair.c_str()) == 0 && std::system(make_other.c_str()) == 0;
}

class TlsTest : public DeploymentTest<TlsTest> {
 public:
  static void SetUpTestSuite() {
    DeploymentTest<TlsTest>::SetUpTestSuite();
    if (!deployment_) {
      return;
    }
    certs_ = deployment_->database().dir() / "tls";
    std::filesystem::create_directories(certs_);
    if (!makeCertificates(certs_)) {
      setup_error_ = "openssl could not make the test certificate";
      deployment_.reset();
      return;
    }
    deployment_->stopServer();
    deployment_->startServer(0, [](app::ServeOptions& serve) {
      serve.tls_cert = certs_ / "cert.pem";
      serve.tls_key = certs_ / "key.pem";
    });
  }

 protected:
  static HttpClient tlsClient() {
    return HttpClient::overTls(deployment().port(), (certs_ / "cert.pem").string());
  }
  inline static std::filesystem::path certs_;
};

TEST_F(TlsTest, SignInOverHttpsGivesAHostPrefixedSecureCookieAndHsts) {
  HttpClient c = tlsClient();
  const HttpResponse login = c.login(kConsultantA, kTestPassword);
  ASSERT_EQ(login.status, 200u) << login.body;
  const auto cookies = login.headersNamed("set-cookie");
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies.front().starts_with("__Host-strada_session=")) << cookies.front();
  EXPECT_NE(cookies.front().find("; Path=/"), std::string::npos) << cookies.front();
  EXPECT_NE(cookies.front().find("; Secure"), std::string::npos) << cookies.front();
  EXPECT_EQ(cookies.front().find("Domain"), std::string::npos) << cookies.front();
  EXPECT_EQ(login.header("strict-transport-security"), kHsts);

  // The __Host- cookie signs the next requests in; the plain name does not over TLS.
  const HttpResponse me = c.me();
  EXPECT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(me.header("strict-transport-security"), kHsts);
  const HttpResponse missing = c.get("/api/v1/no-such-route");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.header("strict-transport-security"), kHsts) << "on every answer";

  // As a browser on the HTTPS page sends it: the Origin check sees the https origin.
  const HttpResponse logout =
      c.request("DELETE", "/api/v1/session", "", CsrfMode::kSession,
                {{"Origin", "https://127.0.0.1:" + std::to_string(deployment().port())},
                 {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(logout.status, 204u) << logout.body;
  const auto cleared = logout.headersNamed("set-cookie");
  ASSERT_EQ(cleared.size(), 1u);
  EXPECT_TRUE(cleared.front().starts_with("__Host-strada_session=;")) << cleared.front();
}

TEST_F(TlsTest, ThePlainCookieNameDoesNotSignInOverHttps) {
  HttpClient c = tlsClient();
  ASSERT_EQ(c.login(kConsultantA, kTestPassword).status, 200u);
  HttpClient bare = tlsClient();  // no cookie of its own
  const HttpResponse plain_name =
      bare.request("GET", "/api/v1/me", "", CsrfMode::kOmit,
                   {{"Cookie", "strada_session=" + c.sessionCookie().value_or("")}});
  EXPECT_EQ(plain_name.status, 401u) << plain_name.body;
  EXPECT_EQ(c.me().status, 200u) << "under its __Host- name the same session signs in";
}

TEST_F(TlsTest, PlainHttpToTheTlsPortFailsCleanlyAndTheServerGoesOn) {
  HttpClient plain(deployment().port());
  const HttpResponse refused = plain.get("/api/v1/me");
  EXPECT_EQ(refused.status, 0u) << "no HTTP answer on a TLS port: " << refused.body;
  HttpClient c = tlsClient();
  EXPECT_EQ(c.get("/api/v1/me").status, 401u) << "still serving HTTPS";
}

TEST_F(TlsTest, TheMetricsListenerStaysPlain) {
  HttpClient metrics(deployment().metricsPort());
  EXPECT_EQ(metrics.get("/metrics").status, 200u);
}

TEST_F(TlsTest, AKeyThatIsNotTheCertificatesFailsTheStartNamingTlsKey) {
  app::ServeOptions serve;
  serve.port = 0;
  serve.handle_signals = false;
  serve.tls_cert = certs_ / "cert.pem";
  serve.tls_key = certs_ / "other-key.pem";
  auto started = app::StradaServer::start(deployment().data(), serve);
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().field, "--tls-key");
  EXPECT_NE(started.error().message.find("--tls-key"), std::string::npos)
      << started.error().message;
  EXPECT_NE(started.error().message.find("does not belong"), std::string::npos)
      << started.error().message;

  serve.tls_key = certs_ / "no-such-key.pem";
  started = app::StradaServer::start(deployment().data(), serve);
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().field, "--tls-key");

  serve.tls_key = certs_ / "key.pem";
  serve.tls_cert = certs_ / "key.pem";  // a key is not a certificate
  started = app::StradaServer::start(deployment().data(), serve);
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().field, "--tls-cert");
  EXPECT_NE(started.error().message.find("--tls-cert"), std::string::npos)
      << started.error().message;
}

// Behind a reverse proxy on 127.0.0.1: it says https in X-Forwarded-Proto.
// Sign-in failures lock a client address after three (and an account only after many).
class TrustProxyTest : public DeploymentTest<TrustProxyTest> {
 public:
  static std::optional<api::ApiConfig> config() {
    api::ApiConfig cfg;
    cfg.address_lock_after = 3;
    cfg.account_lock_after = 1000;
    cfg.account_slowdown_after = 1000;
    return cfg;
  }
  static void SetUpTestSuite() {
    DeploymentTest<TrustProxyTest>::SetUpTestSuite();
    if (!deployment_) {
      return;
    }
    deployment_->stopServer();
    deployment_->startServer(0, [](app::ServeOptions& serve) {
      serve.trusted_proxies = {"127.0.0.1"};
      serve.max_connections_per_address = 0;
    });
  }
};

TEST_F(TrustProxyTest, HttpsFromATrustedProxyGivesTheSecureCookieAndHsts) {
  HttpClient c = client();  // from 127.0.0.1: the trusted proxy
  const HttpResponse login =
      c.request("POST", "/api/v1/session",
                R"({"email":")" + std::string(kConsultantA) + R"(","password":")" +
                    std::string(kTestPassword) + R"("})",
                CsrfMode::kOmit, {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "10.1.2.3"}});
  ASSERT_EQ(login.status, 200u) << login.body;
  const auto cookies = login.headersNamed("set-cookie");
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies.front().starts_with("__Host-strada_session=")) << cookies.front();
  EXPECT_NE(cookies.front().find("; Secure"), std::string::npos) << cookies.front();
  EXPECT_EQ(login.header("strict-transport-security"), kHsts);
  const HttpResponse me =
      c.request("GET", "/api/v1/me", "", CsrfMode::kOmit, {{"X-Forwarded-Proto", "https"}});
  EXPECT_EQ(me.status, 200u) << me.body;
}

TEST_F(TrustProxyTest, ForwardedHeadersFromAnUntrustedPeerAreIgnored) {
  HttpClient c(deployment().port(), "127.0.0.2");  // not a trusted proxy
  const HttpResponse login =
      c.request("POST", "/api/v1/session",
                R"({"email":")" + std::string(kConsultantA) + R"(","password":")" +
                    std::string(kTestPassword) + R"("})",
                CsrfMode::kOmit, {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(login.status, 200u) << login.body;
  const auto cookies = login.headersNamed("set-cookie");
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies.front().starts_with("strada_session=")) << cookies.front();
  EXPECT_EQ(cookies.front().find("Secure"), std::string::npos) << cookies.front();
  EXPECT_FALSE(login.header("strict-transport-security").has_value());
}

// A failed sign-in for an unknown account, from `c`, with `headers`; its status.
unsigned failedSignIn(HttpClient& c, int attempt,
                      const std::vector<std::pair<std::string, std::string>>& headers) {
  const std::string body = R"({"email":"nobody-)" + std::to_string(attempt) +
                           R"(@nowhere.example.org","password":"a-wrong-password"})";
  return c.request("POST", "/api/v1/session", body, CsrfMode::kOmit, headers).status;
}

TEST_F(TrustProxyTest, SignInThrottlingCountsTheForwardedClientAddress) {
  HttpClient proxy = client();  // 127.0.0.1, trusted
  // The right-most entry the proxy did not add itself: the client's claim before it is not
  // believed.
  const std::vector<std::pair<std::string, std::string>> first_client = {
      {"X-Forwarded-For", "192.0.2.99, 10.1.0.1"}};
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(failedSignIn(proxy, i, first_client), 401u);
  }
  EXPECT_EQ(failedSignIn(proxy, 3, first_client), 429u) << "the first client is locked";
  EXPECT_EQ(failedSignIn(proxy, 4, {{"X-Forwarded-For", "10.2.0.1"}}), 401u)
      << "another client behind the same proxy is not";
  EXPECT_EQ(failedSignIn(proxy, 5, {{"X-Forwarded-For", "10.1.0.1, 127.0.0.1"}}), 429u)
      << "a trusted proxy in the chain is skipped";

  // From a peer that is not trusted, X-Forwarded-For changes nothing: its own address counts.
  HttpClient direct(deployment().port(), "127.0.0.3");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(failedSignIn(direct, 10 + i, {{"X-Forwarded-For", "10.3.0." + std::to_string(i)}}),
              401u);
  }
  EXPECT_EQ(failedSignIn(direct, 13, {{"X-Forwarded-For", "10.4.0.1"}}), 429u);
}

// A member delivering to its hub over HTTPS (network/http_client.h) verifies the hub's
// certificate and its name: with the CA file that holds it the exchange happens (any status is an
// answer; a malformed envelope gets a 4xx); with the system's store, which does not hold this
// self-signed certificate, or under a name the certificate does not carry, the handshake fails
// and nothing is sent.
TEST_F(TlsTest, TheNetworkClientVerifiesTheHubsCertificateAndName) {
  const std::string port = std::to_string(deployment().port());
  const std::string body = R"({"not":"an envelope"})";
  network::HttpClientOptions trusted;
  trusted.ca_file = (certs_ / "cert.pem").string();
  const auto answered =
      network::postJson("https://127.0.0.1:" + port + "/federation/v1/messages", body, trusted);
  ASSERT_TRUE(answered) << answered.error().message << " " << answered.error().detail;
  EXPECT_GE(answered->status, 400u);
  EXPECT_LT(answered->status, 500u) << answered->body;

  const auto unknown_ca = network::postJson("https://127.0.0.1:" + port + "/federation/v1/messages",
                                            body, network::HttpClientOptions{});
  ASSERT_FALSE(unknown_ca);
  EXPECT_EQ(unknown_ca.error().detail, "tls");

  const auto wrong_name =
      network::postJson("https://localhost:" + port + "/federation/v1/messages", body, trusted);
  ASSERT_FALSE(wrong_name);
  EXPECT_EQ(wrong_name.error().detail, "tls");

  // Plain HTTP to the TLS port is no answer either.
  const auto plain =
      network::postJson("http://127.0.0.1:" + port + "/federation/v1/messages", body, trusted);
  EXPECT_FALSE(plain);
}

}  // namespace
}  // namespace strada::testing
