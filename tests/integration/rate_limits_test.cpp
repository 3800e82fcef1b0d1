// The rate limits (issue 10, section 1; api/request_limits.h) over a real HTTP socket: per account
// and per client network, by class, 429 with Retry-After before the handler runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "api/request_limits.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

class RateLimitsTest : public DeploymentTest<RateLimitsTest> {
 public:
  static std::optional<api::ApiConfig> config() {
    api::ApiConfig cfg;
    cfg.rate_limits.enabled = true;
    // Exports: two at once per account, three per network, then one a minute. Queries: three at
    // once per account. The rest: far more than the suite sends.
    cfg.rate_limits.per_account = {api::RateLimit{6000, 1000}, api::RateLimit{60, 3},
                                   api::RateLimit{1, 2}};
    cfg.rate_limits.per_address = {api::RateLimit{6000, 1000}, api::RateLimit{6000, 1000},
                                   api::RateLimit{1, 3}};
    return cfg;
  }
};

void expectRateLimited(const HttpResponse& r, const std::string& whose) {
  EXPECT_EQ(r.status, 429u) << r.body;
  EXPECT_TRUE(r.hasErrorShape()) << r.body;
  EXPECT_EQ(r.errorCode(), "resource_exhausted");
  EXPECT_NE(r.errorMessage().find(whose), std::string::npos) << r.errorMessage();
  EXPECT_NE(r.errorMessage().find("try again"), std::string::npos) << r.errorMessage();
  const auto retry = r.header("retry-after");
  ASSERT_TRUE(retry.has_value());
  const int seconds = std::stoi(*retry);
  EXPECT_GE(seconds, 1);
  EXPECT_LE(seconds, 60);
}

TEST_F(RateLimitsTest, ExportsAreLimitedPerAccountThenPerNetworkBeforeTheHandler) {
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get("/api/v1/contacts/export.csv").status, 200u);
  EXPECT_EQ(supervisor.get("/api/v1/contacts/export.csv").status, 200u);
  expectRateLimited(supervisor.get("/api/v1/contacts/export.csv"), "your account");
  // Another class is counted apart: the supervisor goes on working.
  EXPECT_EQ(supervisor.get("/api/v1/me").status, 200u);

  // Another account on the same network has its own two, but the network only one more.
  HttpClient data_officer = signedIn(kDataOfficerA);
  EXPECT_EQ(data_officer.get("/api/v1/contacts/export.csv").status, 200u);
  expectRateLimited(data_officer.get("/api/v1/contacts/export.csv"), "your network");

  // The network's limit comes before authentication: no session gets a 429, not a 401.
  expectRateLimited(client().get("/api/v1/exports/htcds"), "your network");
}

TEST_F(RateLimitsTest, SearchesAreLimitedApartFromLoggingAContact) {
  HttpClient consultant = signedIn(kConsultantA);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(consultant.get("/api/v1/contacts?limit=5").status, 200u) << i;
  }
  expectRateLimited(consultant.get("/api/v1/contacts?limit=5"), "your account");
  // Logging a contact is another class: the consultant on a call is not stopped.
  const HttpResponse created = consultant.post("/api/v1/contacts", toJson(validContact()));
  EXPECT_EQ(created.status, 201u) << created.body;
  // And another consultant's searches are their own.
  HttpClient other = signedIn(kCaseWorkerA);
  EXPECT_NE(other.get("/api/v1/cases?limit=5").status, 429u);
}

TEST_F(RateLimitsTest, EveryRouteNamedInTheClassesExists) {
  const auto routes = deployment().server().routes();
  for (const std::string& named : api::namedCostRoutes()) {
    const auto space = named.find(' ');
    const std::pair<std::string, std::string> route{named.substr(0, space),
                                                    named.substr(space + 1)};
    EXPECT_NE(std::ranges::find(routes, route), routes.end()) << named;
  }
}

}  // namespace
}  // namespace strada::testing
