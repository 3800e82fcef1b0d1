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
// tested per capability and listed under the table; the second table asks every route whose
// first parameter names a record with another organisation's record, which must answer exactly as
// a missing one.
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
// Organisation B's users, who make the records of another organisation.
inline const char* const kSupervisorB = "supervisor@b.example.org";
inline const char* const kWorkerB = "case.worker@b.example.org";
inline const char* const kDataOfficerB = "data.officer@b.example.org";
inline const char* const kAdminB = "org.admin@b.example.org";
// Another consultant of organisation A, who writes a draft.
inline const char* const kOtherConsultantA = "consultant2@a.example.org";

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
    all.push_back({kOrgA, kOtherConsultantA, "Otto Consultant", {"consultant"}});
    all.push_back({kOrgB, kSupervisorB, "Bea Supervisor", {"supervisor"}});
    all.push_back({kOrgB, kWorkerB, "Ben Worker", {"case_worker"}});
    all.push_back({kOrgB, kDataOfficerB, "Bram Dataofficer", {"data_officer"}});
    all.push_back({kOrgB, kAdminB, "Bo Admin", {"org_admin"}});
    return all;
  }
};

// The fixture's signedIn for the free functions below.
struct DeploymentTestAccess : AuthorizationMatrixTest {
  using AuthorizationMatrixTest::signedIn;
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

// The first path parameter's collection ("/api/v1/contacts/{id}/..." -> "/api/v1/contacts"), or
// "" when the pattern has none.
std::string collectionOf(const std::string& pattern) {
  const auto brace = pattern.find('{');
  return brace == std::string::npos || brace == 0 ? "" : pattern.substr(0, brace - 1);
}

// The pattern with its first parameter `id` and any later one an id no record has.
std::string targetWith(const std::string& pattern, const std::string& id) {
  const auto open = pattern.find('{');
  const auto close = pattern.find('}', open);
  return pattern.substr(0, open) + id + targetOf(pattern.substr(close + 1));
}

// `method` `target` with an empty JSON body (bytes for an upload route).
HttpResponse send(HttpClient& c, const std::string& method, const std::string& target) {
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

// The route with every parameter an id no record has.
HttpResponse probe(HttpClient& c, const std::string& method, const std::string& pattern) {
  return send(c, method, targetOf(pattern));
}

std::string matrixPath() {
  return std::string(STRADA_SOURCE_DIR) + "/docs/authorization-matrix.md";
}

// Organisation B's records, one of each kind a route's first parameter names, made by B's users:
// collection -> id.
std::map<std::string, std::string> foreignRecords() {
  std::map<std::string, std::string> ids;
  HttpClient consultant = DeploymentTestAccess::signedIn(kConsultantB);
  ids["/api/v1/contacts"] = createdId(consultant, "/api/v1/contacts", validContact());
  HttpClient supervisor = DeploymentTestAccess::signedIn(kSupervisorB);
  ids["/api/v1/agencies"] =
      createdId(supervisor, "/api/v1/agencies",
                {{"name", "Foreign Desk"}, {"type", "legal_service"}, {"country", "RO"}});
  ids["/api/v1/trainings"] =
      createdId(supervisor, "/api/v1/trainings",
                {{"date", "2024-03-12"},
                 {"status", "held"},
                 {"audiences", {{{"audience", "police"}, {"participants", 12}}}},
                 {"topics", boost::json::array{"identification"}}});
  HttpClient admin = DeploymentTestAccess::signedIn(kAdminB);
  ids["/api/v1/knowledge"] = createdId(admin, "/api/v1/knowledge",
                                       {{"kind", "country_sheet"},
                                        {"country", "DE"},
                                        {"language", "en"},
                                        {"title", "Foreign sheet"},
                                        {"body", "Call 112."}});
  ids["/api/v1/news"] =
      createdId(admin, "/api/v1/news", {{"title", "Foreign news"}, {"language", "en"}});
  ids["/api/v1/site-pages"] =
      createdId(admin, "/api/v1/site-pages",
                {{"title", "Foreign page"}, {"slug", "foreign"}, {"language", "en"}});
  const HttpResponse me = admin.me();
  if (me.json) {
    ids["/api/v1/admin/users"] =
        std::string(me.json->as_object().at("user").as_object().at("id").as_string());
  }
  const HttpResponse sessions = admin.get("/api/v1/me/sessions");
  if (sessions.json) {
    for (const auto& item : sessions.json->as_object().at("items").as_array()) {
      ids["/api/v1/me/sessions"] = std::string(item.as_object().at("id").as_string());
    }
  }
  HttpClient worker = DeploymentTestAccess::signedIn(kWorkerB);
  ids["/api/v1/clients"] =
      createdId(worker, "/api/v1/clients",
                {{"person", {{"full_name", "Foreign Person"}}}, {"coded", boost::json::object{}}});
  ids["/api/v1/cases"] =
      createdId(worker, "/api/v1/cases",
                {{"client_id", ids["/api/v1/clients"]},
                 {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
  HttpClient data_officer = DeploymentTestAccess::signedIn(kDataOfficerB);
  ids["/api/v1/reports"] =
      createdId(data_officer, "/api/v1/reports", {{"period", "year"}, {"start", "2024-01-01"}});
  for (const auto& [collection, id] : ids) {
    EXPECT_FALSE(id.empty()) << "organisation B's record at " << collection << " was not made";
  }
  return ids;
}

// A section of the matrix: its heading and text, then every route whose first parameter's
// collection has a record in `records` (DELETE routes left out when `skip_delete`), asked by each
// role with that record. The table shows each status; for the roles in `as_missing` the test
// fails unless the answer (status and error) is exactly the answer for an id no record has.
struct RecordProbe {
  std::string text;
  std::map<std::string, std::string> records;  // collection -> id
  std::vector<std::string> as_missing;         // roles
  bool skip_delete = false;
};

std::string probeSection(const std::vector<std::pair<std::string, std::string>>& routes,
                         std::map<std::string, HttpClient>& clients, const RecordProbe& probe) {
  std::ostringstream table;
  table << probe.text << "| route |";
  for (const RoleUser& u : roleUsers()) {
    table << " " << u.role << " |";
  }
  table << "\n|---|";
  for (std::size_t i = 0; i < roleUsers().size(); ++i) {
    table << "---|";
  }
  table << "\n";
  for (const auto& [method, pattern] : routes) {
    const auto record = probe.records.find(collectionOf(pattern));
    if (record == probe.records.end() || record->second.empty() ||
        (probe.skip_delete && method == "DELETE")) {
      continue;
    }
    table << "| `" << method << " " << pattern << "` |";
    for (const RoleUser& u : roleUsers()) {
      HttpClient& c = clients.at(u.role);
      const HttpResponse theirs = send(c, method, targetWith(pattern, record->second));
      EXPECT_LT(theirs.status, 500u)
          << u.role << " " << method << " " << pattern << ": " << theirs.body;
      if (std::ranges::find(probe.as_missing, u.role) != probe.as_missing.end()) {
        const HttpResponse missing = send(c, method, targetOf(pattern));
        EXPECT_EQ(theirs.status, missing.status)
            << u.role << " " << method << " " << pattern << ": " << theirs.body;
        EXPECT_EQ(theirs.errorCode(), missing.errorCode())
            << u.role << " " << method << " " << pattern << ": " << theirs.body;
        EXPECT_EQ(theirs.errorField(), missing.errorField())
            << u.role << " " << method << " " << pattern << ": " << theirs.body;
      }
      table << " " << theirs.status << " |";
    }
    table << "\n";
  }
  return table.str();
}

std::vector<std::string> allRoles() {
  std::vector<std::string> roles;
  for (const RoleUser& u : roleUsers()) {
    roles.emplace_back(u.role);
  }
  return roles;
}

// Organisation B's records asked by organisation A; then a draft contact of another consultant
// of organisation A.
std::string recordSections(const std::vector<std::pair<std::string, std::string>>& routes,
                           std::map<std::string, HttpClient>& clients) {
  RecordProbe foreign{
      "\n## Another organisation's records\n\n"
      "Each route whose first parameter names a record, asked by each role of organisation A\n"
      "with the id of a record of organisation B (a contact, an agency, an article, a user, a\n"
      "session, a person, a case, a report, a training, a news item, a site page; later "
      "parameters\n"
      "an id no record has). "
      "The test "
      "fails unless every answer, status and error, is the answer for an id no record has: "
      "\"404\"\nnot found, \"400\" the probe's empty body refused first, \"403\" the policy "
      "refuses the role.\nNo answer tells another organisation's record from a missing one.\n\n",
      foreignRecords(), allRoles(), false};
  std::string out = probeSection(routes, clients, foreign);

  HttpClient author = DeploymentTestAccess::signedIn(kOtherConsultantA);
  const std::string draft = createdId(author, "/api/v1/contacts",
                                      {{"status", "draft"},
                                       {"channel", "phone"},
                                       {"started_at", "2023-03-01T10:00:00Z"},
                                       {"duration_s", 30}});
  EXPECT_FALSE(draft.empty());
  RecordProbe drafts{
      "\n## Another author's draft\n\n"
      "The contact routes asked by each role of organisation A with a draft contact that another\n"
      "consultant of organisation A is writing (DELETE left out: it would end the probe). A\n"
      "draft is its author's and the supervisors': for another consultant the test fails unless\n"
      "every answer is the answer for an id no record has; a supervisor reads it (200) and\n"
      "reaches its handlers (400: the probe's empty body).\n\n",
      {{"/api/v1/contacts", draft}},
      {"consultant"},
      true};
  return out + probeSection(routes, clients, drafts);
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
      table.str() + recordSections(routes, clients);

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
