// The checks every request passes before a handler runs, on the real server and both databases:
// cross-site and non-JSON unsafe requests (login CSRF), text that is not UTF-8 in queries and
// cursors, and the request id that the logs and the audit trail use.
#include <soci/soci.h>

#include <string>
#include <utility>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

class RequestChecksTest : public DeploymentTest<RequestChecksTest> {
 protected:
  static std::string ownOrigin() {
    return "http://127.0.0.1:" + std::to_string(deployment().port());
  }

  static HttpResponse login(const Headers& headers) {
    HttpClient c = client();
    const boost::json::object body{{"email", kConsultantA}, {"password", kTestPassword}};
    return c.request("POST", "/api/v1/session", toJson(body), CsrfMode::kOmit, headers);
  }

  static void expectRefused(const HttpResponse& r, unsigned status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << r.body;
    EXPECT_EQ(r.errorField(), field) << r.body;
    EXPECT_TRUE(r.headersNamed("set-cookie").empty()) << "no session for a refused login";
  }
};

TEST_F(RequestChecksTest, ACrossSiteLoginIsRefused) {
  expectRefused(login({{"Origin", "https://attacker.example"}}), 403, "Origin");
  expectRefused(login({{"Origin", "null"}}), 403, "Origin");
  expectRefused(login({{"Sec-Fetch-Site", "cross-site"}}), 403, "Sec-Fetch-Site");
  expectRefused(login({{"Sec-Fetch-Site", "cross-site"}, {"Origin", ownOrigin()}}), 403,
                "Sec-Fetch-Site");
  expectRefused(login({{"Sec-Fetch-Site", "same-site"}}), 403, "Sec-Fetch-Site");
  expectRefused(login({{"Sec-Fetch-Site", "same-site"}, {"Origin", "http://other.127.0.0.1"}}), 403,
                "Origin");
  // Same host, another port or scheme: another origin.
  expectRefused(login({{"Origin", "http://127.0.0.1:1"}}), 403, "Origin");
  expectRefused(login({{"Origin", "https://127.0.0.1:" + std::to_string(deployment().port())}}),
                403, "Origin");
  EXPECT_EQ(login({{"Origin", "https://attacker.example"}}).errorCode(), "permission_denied");
}

TEST_F(RequestChecksTest, ALoginFromTheSameOriginOrWithoutBrowserHeadersIsServed) {
  EXPECT_EQ(login({}).status, 200u);
  EXPECT_EQ(login({{"Origin", ownOrigin()}, {"Sec-Fetch-Site", "same-origin"}}).status, 200u);
  EXPECT_EQ(login({{"Sec-Fetch-Site", "none"}}).status, 200u);
  // Behind a TLS reverse proxy that says which address the browser used.
  EXPECT_EQ(login({{"Origin", "https://strada.example.org"},
                   {"X-Forwarded-Host", "strada.example.org"},
                   {"X-Forwarded-Proto", "https"}})
                .status,
            200u);
  expectRefused(login({{"Origin", "https://attacker.example"},
                       {"X-Forwarded-Host", "strada.example.org"},
                       {"X-Forwarded-Proto", "https"}}),
                403, "Origin");
}

TEST_F(RequestChecksTest, AnUnsafeRequestWithABodyMustBeJson) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", "application/jsonp"}) {
    const HttpResponse r = login({{"Content-Type", type}});
    expectRefused(r, 415, "Content-Type");
    EXPECT_EQ(r.errorCode(), "unsupported_media_type") << type;
  }
  EXPECT_EQ(login({{"Content-Type", "application/json; charset=utf-8"}}).status, 200u);
  EXPECT_EQ(login({{"Content-Type", "Application/JSON"}}).status, 200u);
}

TEST_F(RequestChecksTest, SignedInRoutesHaveTheSameChecksBeforeAuthentication) {
  HttpClient c = signedIn(kConsultantA);
  const HttpResponse cross =
      c.request("POST", "/api/v1/contacts", toJson(validContact()), CsrfMode::kSession,
                {{"Origin", "https://attacker.example"}});
  expectRefused(cross, 403, "Origin");
  const HttpResponse text = c.request("POST", "/api/v1/contacts", toJson(validContact()),
                                      CsrfMode::kSession, {{"Content-Type", "text/plain"}});
  expectRefused(text, 415, "Content-Type");
  const HttpResponse logout =
      c.request("DELETE", "/api/v1/session", "", CsrfMode::kSession, {{"Origin", "null"}});
  expectRefused(logout, 403, "Origin");
  // Without a session the answer is the same: the check comes first.
  HttpClient anonymous = client();
  expectRefused(anonymous.request("POST", "/api/v1/contacts", "{}", CsrfMode::kOmit,
                                  {{"Sec-Fetch-Site", "cross-site"}}),
                403, "Sec-Fetch-Site");
  // The same requests from the same origin are served.
  const HttpResponse same = c.request("POST", "/api/v1/contacts", toJson(validContact()),
                                      CsrfMode::kSession, {{"Origin", ownOrigin()}});
  EXPECT_EQ(same.status, 201u) << same.body;
  EXPECT_EQ(
      c.request("DELETE", "/api/v1/session", "", CsrfMode::kSession, {{"Origin", ownOrigin()}})
          .status,
      204u);
}

// Invalid UTF-8 reached PostgreSQL, which answered 500, and the failure logged the bytes.
TEST_F(RequestChecksTest, InvalidUtf8InAQueryIs400NamingTheParameter) {
  HttpClient c = signedIn(kConsultantA);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"/api/v1/knowledge?q=%FF", "q"},   {"/api/v1/agencies?city=%FF", "city"},
      {"/api/v1/agencies?q=caf%C3", "q"}, {"/api/v1/contacts?q=%C0%AF", "q"},
      {"/api/v1/knowledge?q=a%00b", "q"},
  };
  for (const auto& [target, field] : cases) {
    const HttpResponse r = c.get(target);
    EXPECT_EQ(r.status, 400u) << target << ": " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << target << ": " << r.body;
    EXPECT_EQ(r.errorField(), field) << target;
  }
  const std::string log = deployment().log();
  EXPECT_EQ(log.find('\xFF'), std::string::npos) << "a raw byte in the log";
  EXPECT_EQ(log.find('\xC3'), std::string::npos) << "a raw byte in the log";
  EXPECT_EQ(log.find("\"status\":500"), std::string::npos) << log;
}

TEST_F(RequestChecksTest, ACraftedCursorIs400NamingTheCursor) {
  HttpClient c = signedIn(kConsultantA);
  const std::string id(32, 'a');
  const std::vector<std::string> targets = {
      // The contact list's key is "<started_at>:<id>"; the agencies' "<id><name>".
      "/api/v1/contacts?cursor=" + crypto::toBase64Url("1714557600:\xFF" + id.substr(1)),
      "/api/v1/contacts?cursor=" + crypto::toBase64Url("\xFF:" + id),
      "/api/v1/agencies?cursor=" + crypto::toBase64Url(id + "Shelter \xFF"),
      "/api/v1/agencies?cursor=" + crypto::toBase64Url(id + std::string("a\0b", 3)),
      "/api/v1/agencies?cursor=%FF",
  };
  for (const auto& target : targets) {
    const HttpResponse r = c.get(target);
    EXPECT_EQ(r.status, 400u) << target << ": " << r.body;
    EXPECT_TRUE(r.hasErrorShape()) << target << ": " << r.body;
    EXPECT_EQ(r.errorField(), "cursor") << target;
  }
  const std::string log = deployment().log();
  EXPECT_EQ(log.find('\xFF'), std::string::npos) << "a raw byte in the log";
  EXPECT_EQ(log.find("\"status\":500"), std::string::npos) << log;
}

// A client's X-Request-Id is not the audit trail's: a telephone number sent as one was stored.
TEST_F(RequestChecksTest, TheAuditTrailHoldsTheServersRequestId) {
  HttpClient c = signedIn(kConsultantA);
  const HttpResponse created = c.request("POST", "/api/v1/contacts", toJson(validContact()),
                                         CsrfMode::kSession, {{"X-Request-Id", "0031612345678"}});
  ASSERT_EQ(created.status, 201u) << created.body;
  const std::string ours = created.header("x-request-id").value_or("");
  EXPECT_EQ(ours.size(), 16u) << ours;
  const std::string id(created.json->as_object().at("id").as_string());
  domain::Result<std::vector<audit::AuditEvent>> events;
  deployment().database().db().read(
      [&](soci::session& sql) { events = store::auditEventsFor(sql, "contact", id); });
  ASSERT_TRUE(events.has_value());
  ASSERT_FALSE(events->empty());
  for (const auto& event : *events) {
    EXPECT_EQ(event.input.request_id, ours);
  }
  EXPECT_EQ(deployment().log().find("612345678"), std::string::npos);
}

}  // namespace
}  // namespace strada::testing
