// The authorisation matrix (issue 10, section 6): every route the server registers, probed over
// real HTTP without a session and as every role, its answers written as one table a reviewer can
// read (docs/authorization-matrix.md). The test fails when an answer differs from the committed
// table: a route whose access changed must be looked at, and the table made again with
// STRADA_WRITE_AUTH_MATRIX=1 (the diff is then the review).
//
// What a cell says: "yes" when the role gets past the permission check (the answer is the
// handler's: 2xx, or 400/404/409 for the probe's empty body and unknown id), "403" when the policy
// refuses the role. The record-level rules under each "yes" (another organisation's record answers
// 404, a draft is its author's and the supervisors', sealed text needs contact.read_sealed) are
// tested per capability and listed under the table.
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "integration/suite.h"

namespace strada::testing {
namespace {

inline const char* const kAdminA = "org.admin@a.example.org";
inline const char* const kCoordinatorA = "coordinator@a.example.org";

struct RoleUser {
  const char* role;
  const char* email;
};

const std::vector<RoleUser>& roleUsers() {
  static const std::vector<RoleUser> users{
      {"consultant", kConsultantA}, {"case_worker", kCaseWorkerA},
      {"supervisor", kSupervisorA}, {"data_officer", kDataOfficerA},
      {"org_admin", kAdminA},       {"network_coordinator", kCoordinatorA},
  };
  return users;
}

class AuthorizationMatrixTest : public DeploymentTest<AuthorizationMatrixTest> {
 public:
  static std::vector<UserSpec> users() {
    auto all = standardUsers();
    all.push_back({kOrgA, kAdminA, "Org Admin", {"org_admin"}});
    all.push_back({kOrgA, kCoordinatorA, "Net Coordinator", {"network_coordinator"}});
    return all;
  }
};

// The route's pattern with every {parameter} filled with an id no record has.
std::string targetOf(const std::string& pattern) {
  std::string out;
  bool in_param = false;
  for (char c : pattern) {
    if (c == '{') {
      in_param = true;
      out += "0123456789abcdef0123456789abcdef";
    } else if (c == '}') {
      in_param = false;
    } else if (!in_param) {
      out.push_back(c);
    }
  }
  return out;
}

HttpResponse probe(HttpClient& c, const std::string& method, const std::string& pattern) {
  const std::string target = targetOf(pattern);
  if (method == "GET") {
    return c.get(target);
  }
  HttpResponse r =
      c.request(method, target, "{}", CsrfMode::kSession, {{"Content-Type", "application/json"}});
  if (r.status == 415u) {  // an upload route: raw bytes
    r = c.request(method, target, "x", CsrfMode::kSession,
                  {{"Content-Type", "application/octet-stream"}});
  }
  return r;
}

std::string matrixPath() {
  return std::string(STRADA_SOURCE_DIR) + "/docs/authorization-matrix.md";
}

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEveryRoleAsTheCommittedTableSays) {
  std::vector<std::pair<std::string, std::string>> routes = deployment().server().routes();
  std::sort(routes.begin(), routes.end(), [](const auto& a, const auto& b) {
    return std::tie(a.second, a.first) < std::tie(b.second, b.first);
  });

  std::map<std::string, HttpClient> clients;
  for (const RoleUser& u : roleUsers()) {
    clients.emplace(u.role, signedIn(u.email));
  }

  std::ostringstream table;
  table << "| route | no session |";
  for (const RoleUser& u : roleUsers()) {
    table << " " << u.role << " |";
  }
  table << "\n|---|---|";
  for (std::size_t i = 0; i < roleUsers().size(); ++i) {
    table << "---|";
  }
  table << "\n";
  for (const auto& [method, pattern] : routes) {
    // Signing out would end the probing session; it is every role's (self.read).
    if (method == "DELETE" && pattern == "/api/v1/session") {
      continue;
    }
    HttpClient anonymous = client();
    const HttpResponse none = probe(anonymous, method, pattern);
    EXPECT_LT(none.status, 500u) << method << " " << pattern << ": " << none.body;
    table << "| `" << method << " " << pattern << "` | "
          << (none.status == 401u ? std::string("401")
                                  : "open (" + std::to_string(none.status) + ")")
          << " |";
    for (const RoleUser& u : roleUsers()) {
      HttpClient& c = clients.at(u.role);
      const HttpResponse r = probe(c, method, pattern);
      EXPECT_LT(r.status, 500u) << u.role << " " << method << " " << pattern << ": " << r.body;
      // 401 with a session: the route authenticates otherwise (a signature), never by session.
      const bool signed_route = r.status == 401u && none.status == 401u;
      if (!signed_route) {
        EXPECT_NE(r.status, 401u) << u.role << " lost the session at " << method << " " << pattern;
      }
      table << " " << (signed_route ? "signed" : r.status == 403u ? "403" : "yes") << " |";
    }
    table << "\n";
  }

  const std::string generated =
      "# Authorisation matrix\n\n"
      "Generated by `tests/integration/authorization_matrix_test.cpp` from the routes the server\n"
      "registers, each probed over HTTP without a session and signed in as each role of one\n"
      "organisation (an empty JSON body or bytes for an upload, an id no record has). \"401\": a\n"
      "session is needed; \"open (status)\": the route answers without one, with that status\n"
      "(sign-in, health, the public figures; 404 where the route is served elsewhere, such as\n"
      "`/metrics` on the metrics listener); \"signed\": the route takes no session but a "
      "signature\n"
      "(the telephony webhook, the federation), and refuses an unsigned request with 401; "
      "\"yes\":\n"
      "the role passes the policy's check and the handler answers; \"403\": the policy refuses\n"
      "the role. The partner role (an\n"
      "outside agency) reaches its intake and its own referrals only "
      "(`partner_referrals_test`).\n\n"
      "Under every \"yes\", the record-level rules hold (each tested with its capability): "
      "another\n"
      "organisation's record answers 404 exactly as a missing one; a draft contact is its\n"
      "author's and the supervisors'; sealed text needs `contact.read_sealed` or the person's\n"
      "case; a session short of a full sign-in (the second factor's code, its set-up, a new\n"
      "password) reaches only `/api/v1/me`, its own security routes and sign-out.\n\n" +
      table.str();

  if (const char* write = std::getenv("STRADA_WRITE_AUTH_MATRIX");
      write != nullptr && *write != 0) {
    std::ofstream out(matrixPath());
    out << generated;
    GTEST_SKIP() << "wrote " << matrixPath();
  }
  std::ifstream in(matrixPath());
  ASSERT_TRUE(in) << "missing " << matrixPath()
                  << ": run this test with STRADA_WRITE_AUTH_MATRIX=1 to write it";
  std::stringstream committed;
  committed << in.rdbuf();
  EXPECT_EQ(committed.str(), generated)
      << "the routes' answers differ from docs/authorization-matrix.md: review the change, then "
         "run this test with STRADA_WRITE_AUTH_MATRIX=1 and commit the new table";
}

}  // namespace
}  // namespace strada::testing
