// Cases of direct assistance over real HTTP, on SQLite and PostgreSQL: one case per client per
// organisation, the status workflow with a closure approved by another supervisor, assignment
// and team, the case list (by worker and status, keyset pages), and each access rule: the
// assigned worker and team, supervisors, a consultant's existence-only link, a data officer's
// coded fields, a break-glass with its reason in the access history, another organisation (404).
#include <soci/soci.h>

#include <set>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/audit_repository.h"

namespace strada::testing {
namespace {

constexpr const char* kSupervisor2A = "cases.supervisor2@a.example.org";
constexpr const char* kWorker2A = "cases.worker2@a.example.org";
constexpr const char* kSupervisorB = "cases.supervisor@b.example.org";

class CasesTest : public DeploymentTest<CasesTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kSupervisor2A, "Sue Second", {"supervisor"}});
    users.push_back({kOrgA, kWorker2A, "Wim Worker", {"case_worker"}});
    users.push_back({kOrgB, kSupervisorB, "Bea Supervisor", {"supervisor"}});
    return users;
  }

 protected:
  // A new client registered by `c`; returns its id.
  static std::string newClient(HttpClient& c, const std::string& name = "") {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    boost::json::object body{
        {"person", {{"full_name", name.empty() ? "Case Person " + tag : name}}},
        {"coded",
         {{"gender", "Masculine"}, {"exploitation_types", boost::json::array{"ForcedLabour"}}}}};
    return createdId(c, "/api/v1/clients", body);
  }

  static boost::json::object caseBody(const std::string& client_id) {
    return {{"client_id", client_id},
            {"referral", {{"source_type", "police"}, {"referred_on", "2024-03-01"}}}};
  }

  static boost::json::object openCase(HttpClient& c, const std::string& client_id) {
    const HttpResponse r = c.post("/api/v1/cases", toJson(caseBody(client_id)));
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json ? r.json->as_object() : boost::json::object{};
  }

  static HttpResponse move(HttpClient& c, const std::string& id, boost::json::object body) {
    return c.post("/api/v1/cases/" + id + "/status", toJson(body));
  }

  static std::int64_t version(HttpClient& c, const std::string& id) {
    return c.get("/api/v1/cases/" + id).json->at("version").as_int64();
  }

  static int events(const std::string& id, const std::string& action) {
    domain::Result<std::vector<audit::AuditEvent>> found;
    deployment().database().db().read(
        [&](soci::session& sql) { found = store::auditEventsFor(sql, "case", id); });
    int n = 0;
    for (const auto& e : found.value()) {
      n += e.input.action == action ? 1 : 0;
    }
    return n;
  }
};

TEST_F(CasesTest, OneCasePerClientPerOrganisation) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string client = newClient(worker);
  const auto created = openCase(worker, client);
  const std::string id(created.at("id").as_string());
  EXPECT_TRUE(created.at("case_code").as_string().starts_with("CS-"));
  EXPECT_EQ(created.at("status"), "intake");
  EXPECT_EQ(created.at("assigned_to").at("name"), "Cas Caseworker");
  EXPECT_EQ(created.at("referral").at("source_type"), "police");
  EXPECT_EQ(created.at("status_history").as_array().size(), 1u);
  EXPECT_FALSE(created.at("client").at("person").is_null());

  const HttpResponse again = worker.post("/api/v1/cases", toJson(caseBody(client)));
  ASSERT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.json->at("existing_case_id"), boost::json::value(id));
  EXPECT_NE(again.errorMessage().find(id), std::string::npos);
  EXPECT_EQ(events(id, "case.create"), 1);
  // The client now names its case.
  EXPECT_EQ(worker.get("/api/v1/clients/" + client).json->at("case").at("id"),
            boost::json::value(id));
  auto bad = caseBody(client);
  bad["referral"].as_object()["source_type"] = "aliens";
  EXPECT_EQ(worker.post("/api/v1/cases", toJson(bad)).errorField(), "referral.source_type");
}

TEST_F(CasesTest, TheWorkflowRunsToAClosureApprovedByAnotherSupervisor) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id(openCase(worker, newClient(worker)).at("id").as_string());
  ASSERT_EQ(move(worker, id, {{"to", "identification"}, {"version", 1}}).status, 200u);
  // Skipping a stage, or first assistance without its reflection period, is refused.
  EXPECT_EQ(move(worker, id, {{"to", "long_term_assistance"}, {"version", 2}}).status, 409u);
  EXPECT_EQ(move(worker, id, {{"to", "first_assistance"}, {"version", 2}}).errorField(),
            "reflection_start");
  const HttpResponse first = move(worker, id,
                                  {{"to", "first_assistance"},
                                   {"version", 2},
                                   {"reflection_start", "2024-03-02"},
                                   {"reflection_end", "2024-05-31"}});
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.json->at("reflection_period").at("end"), "2024-05-31");
  // A stale version answers 409 with the current case.
  const HttpResponse stale = move(worker, id, {{"to", "long_term_assistance"}, {"version", 2}});
  ASSERT_EQ(stale.status, 409u);
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(stale.json->at("current").at("status"), "first_assistance");
  ASSERT_EQ(move(worker, id, {{"to", "long_term_assistance"}, {"version", 3}}).status, 200u);
  // Closing is a request.
  EXPECT_EQ(move(worker, id, {{"to", "closed"}, {"version", 4}, {"reason", "goals_achieved"}})
                .errorField(),
            "outcome");
  const HttpResponse request = move(
      worker, id,
      {{"to", "closed"}, {"version", 4}, {"reason", "goals_achieved"}, {"outcome", "employed"}});
  ASSERT_EQ(request.status, 200u) << request.body;
  EXPECT_EQ(request.json->at("status"), "long_term_assistance");
  EXPECT_EQ(request.json->at("pending_approval").at("kind"), "closure");
  // A case worker cannot approve; another supervisor can.
  EXPECT_EQ(
      worker.post("/api/v1/cases/" + id + "/closure/approval", toJson({{"version", 5}})).status,
      403u);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse approved =
      supervisor.post("/api/v1/cases/" + id + "/closure/approval", toJson({{"version", 5}}));
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.json->at("status"), "closed");
  EXPECT_EQ(approved.json->at("closure").at("approved_by").at("name"), "Sam Supervisor");
  EXPECT_EQ(approved.json->at("pending_approval"), nullptr);
  // Reopen.
  const HttpResponse reopened = move(worker, id, {{"to", "long_term_assistance"}, {"version", 6}});
  ASSERT_EQ(reopened.status, 200u) << reopened.body;
  EXPECT_EQ(reopened.json->at("closure"), nullptr);
  EXPECT_EQ(events(id, "case.closure_request"), 1);
  EXPECT_EQ(events(id, "case.closure_approve"), 1);
}

TEST_F(CasesTest, TheApproverIsNeverTheRequester) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string id(openCase(supervisor, newClient(supervisor)).at("id").as_string());
  ASSERT_EQ(
      move(supervisor, id,
           {{"to", "closed"}, {"version", 1}, {"reason", "lost_contact"}, {"outcome", "unknown"}})
          .status,
      200u);
  const HttpResponse own =
      supervisor.post("/api/v1/cases/" + id + "/closure/approval", toJson({{"version", 2}}));
  ASSERT_EQ(own.status, 403u) << own.body;
  EXPECT_EQ(own.errorField(), "approved_by");
  EXPECT_NE(own.errorMessage().find("another supervisor"), std::string::npos);
  HttpClient second = signedIn(kSupervisor2A);
  EXPECT_EQ(
      second.post("/api/v1/cases/" + id + "/closure/approval", toJson({{"version", 2}})).status,
      200u);
}

TEST_F(CasesTest, WorkerTeamSupervisorSeeTheCaseOthersDoNot) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id(openCase(worker, newClient(worker, "Visible Person")).at("id").as_string());
  HttpClient other = signedIn(kWorker2A);
  const HttpResponse hidden = other.get("/api/v1/cases/" + id);
  EXPECT_EQ(hidden.status, 404u);
  EXPECT_TRUE(hidden.hasErrorShape());
  EXPECT_EQ(move(other, id, {{"to", "identification"}, {"version", 1}}).status, 404u);
  // In the team, the other worker sees it; a team member may not reassign.
  const HttpResponse assigned = worker.request(
      "PUT", "/api/v1/cases/" + id + "/assignment",
      toJson({{"assigned_to", deployment().userId(kCaseWorkerA)},
              {"team", boost::json::array{boost::json::value(deployment().userId(kWorker2A))}},
              {"version", 1}}),
      CsrfMode::kSession);
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  EXPECT_EQ(assigned.json->at("team").at(0).at("name"), "Wim Worker");
  const HttpResponse seen = other.get("/api/v1/cases/" + id);
  ASSERT_EQ(seen.status, 200u) << seen.body;
  EXPECT_EQ(seen.json->at("client").at("person").at("full_name"), "Visible Person");
  EXPECT_EQ(other
                .request("PUT", "/api/v1/cases/" + id + "/assignment",
                         toJson({{"assigned_to", deployment().userId(kWorker2A)},
                                 {"team", boost::json::array{}},
                                 {"version", 2}}),
                         CsrfMode::kSession)
                .status,
            403u);
  // Supervisors see every case; another organisation's supervisor sees none.
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get("/api/v1/cases/" + id).status, 200u);
  HttpClient supervisor_b = signedIn(kSupervisorB);
  EXPECT_EQ(supervisor_b.get("/api/v1/cases/" + id).status, 404u);
}

TEST_F(CasesTest, ADataOfficerSeesCodedFieldsOnly) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id(
      openCase(worker, newClient(worker, "Coded Only Person")).at("id").as_string());
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse got = officer.get("/api/v1/cases/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->at("client").at("person"), nullptr);
  EXPECT_EQ(got.json->at("client").at("coded").at("gender"), "Masculine");
  EXPECT_EQ(got.body.find("Coded Only Person"), std::string::npos);
  EXPECT_EQ(move(officer, id, {{"to", "identification"}, {"version", 1}}).status, 403u);
  const HttpResponse list = officer.get("/api/v1/cases?limit=200");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.body.find("Coded Only Person"), std::string::npos);
  EXPECT_EQ(events(id, "case.read"), 1);
}

TEST_F(CasesTest, AConsultantLinksAContactKnowingOnlyThatTheCaseExists) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string name = "Linked Person " + crypto::toHex(crypto::randomBytes(3));
  const std::string id(openCase(worker, newClient(worker, name)).at("id").as_string());
  HttpClient consultant = signedIn(kConsultantA);
  const HttpResponse found =
      consultant.post("/api/v1/clients/search", toJson({{"full_name", name}}));
  ASSERT_EQ(found.status, 200u) << found.body;
  EXPECT_EQ(found.json->at("matches").at(0).at("case").at("id"), boost::json::value(id));
  EXPECT_EQ(consultant.get("/api/v1/cases/" + id).status, 403u);
  const std::string contact = createdId(consultant, "/api/v1/contacts", validContact());
  const HttpResponse linked =
      consultant.post("/api/v1/cases/" + id + "/contacts", toJson({{"contact_id", contact}}));
  ASSERT_EQ(linked.status, 200u) << linked.body;
  EXPECT_EQ(linked.json->at("linked"), true);
  EXPECT_EQ(linked.body.find(name), std::string::npos);
  EXPECT_EQ(worker.get("/api/v1/cases/" + id).json->at("linked_contacts"),
            (boost::json::array{boost::json::value(contact)}));
  HttpClient consultant_b = signedIn(kConsultantB);
  EXPECT_EQ(
      consultant_b.post("/api/v1/cases/" + id + "/contacts", toJson({{"contact_id", contact}}))
          .status,
      404u);
}

TEST_F(CasesTest, ABreakGlassNeedsAReasonAndShowsInTheAccessHistory) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string client = newClient(worker);
  const std::string id(openCase(worker, client).at("id").as_string());
  HttpClient other = signedIn(kWorker2A);
  EXPECT_EQ(
      other.post("/api/v1/cases/" + id + "/break-glass", toJson({{"reason", "now"}})).errorField(),
      "reason");
  const std::string reason = "Client in crisis at night, assigned worker unreachable";
  const HttpResponse glass =
      other.post("/api/v1/cases/" + id + "/break-glass", toJson({{"reason", reason}}));
  ASSERT_EQ(glass.status, 200u) << glass.body;
  EXPECT_FALSE(glass.json->at("client").at("person").is_null());
  EXPECT_EQ(other.get("/api/v1/cases/" + id).status, 200u);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse history = supervisor.get("/api/v1/clients/" + client + "/access");
  ASSERT_EQ(history.status, 200u) << history.body;
  bool found = false;
  for (const auto& e : history.json->at("entries").as_array()) {
    if (e.at("action") == "case.break_glass") {
      found = true;
      EXPECT_EQ(e.at("reason"), boost::json::value(reason));
      EXPECT_EQ(e.at("user").at("name"), "Wim Worker");
    }
  }
  EXPECT_TRUE(found) << history.body;
  EXPECT_EQ(deployment().log().find(reason), std::string::npos);
  // The reason is sealed at rest (it may name the person): nothing of it in the clear.
  std::string clear, sealed;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT reason, reason_sealed FROM case_break_glass WHERE case_id = :c",
        soci::into(clear), soci::into(sealed), soci::use(id);
  });
  EXPECT_EQ(clear, "");
  EXPECT_FALSE(sealed.empty());
  EXPECT_EQ(sealed.find("crisis"), std::string::npos);
}

TEST_F(CasesTest, TheListFiltersByWorkerAndStatusInKeysetPages) {
  HttpClient worker = signedIn(kWorker2A);
  std::set<std::string> mine;
  for (int i = 0; i < 3; ++i) {
    mine.insert(std::string(openCase(worker, newClient(worker)).at("id").as_string()));
  }
  std::set<std::string> seen;
  std::string target = "/api/v1/cases?assigned_to=me&status=intake&limit=2";
  for (int pages = 0; pages < 10; ++pages) {
    const HttpResponse page = worker.get(target);
    ASSERT_EQ(page.status, 200u) << page.body;
    for (const auto& id : itemIds(page)) {
      EXPECT_TRUE(seen.insert(id).second) << "listed twice: " << id;
    }
    const auto& next = page.json->at("next_cursor");
    if (next.is_null()) {
      break;
    }
    target = "/api/v1/cases?assigned_to=me&status=intake&limit=2&cursor=" +
             std::string(next.as_string());
  }
  for (const auto& id : mine) {
    EXPECT_TRUE(seen.contains(id)) << id;
  }
  // Another case worker's list does not hold them.
  HttpClient other = signedIn(kCaseWorkerA);
  for (const auto& id : itemIds(other.get("/api/v1/cases?limit=200"))) {
    EXPECT_FALSE(mine.contains(id));
  }
  EXPECT_EQ(worker.get("/api/v1/cases?status=open").errorField(), "status");
  EXPECT_EQ(worker.get("/api/v1/cases?cursor=%21%21").errorField(), "cursor");
  EXPECT_EQ(worker.get("/api/v1/cases?colour=red").errorField(), "colour");
}

}  // namespace
}  // namespace strada::testing
