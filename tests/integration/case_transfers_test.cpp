// A case's transfer with acceptance over real HTTP, on SQLite and PostgreSQL: who may ask, the
// receiver refused by name when not a case worker of the organisation, a stale request (409 with
// the case), acceptance moving the case (the worker before leaves it), a decline leaving it as it
// was, the receiver's list, the timeline and the audit trail; the direct assignment stays a
// supervisor's; the list of assignable users holds names and ids only.
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/audit_repository.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kWorker2A = "transfer.worker2@a.example.org";
constexpr const char* kWorker3A = "transfer.worker3@a.example.org";
constexpr const char* kWorkerB = "transfer.worker@b.example.org";

class CaseTransfersTest : public DeploymentTest<CaseTransfersTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kWorker2A, "Tom Second", {"case_worker"}});
    users.push_back({kOrgA, kWorker3A, "Tess Third", {"case_worker"}});
    users.push_back({kOrgB, kWorkerB, "Ben Other", {"case_worker"}});
    return users;
  }

 protected:
  static std::string newCase(HttpClient& c) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    const std::string client = createdId(
        c, "/api/v1/clients",
        {{"person", {{"full_name", "Transfer Person " + tag}}}, {"coded", json::object{}}});
    return createdId(c, "/api/v1/cases",
                     {{"client_id", client},
                      {"referral", {{"source_type", "police"}, {"referred_on", "2024-05-01"}}}});
  }
  // `c` may be a client signed in for this one call (a temporary).
  template <class Client>
  static HttpResponse ask(Client&& c, const std::string& id, const std::string& to,
                          std::int64_t version) {
    return c.post("/api/v1/cases/" + id + "/transfer",
                  toJson({{"to", to}, {"reason", "Going on leave"}, {"version", version}}));
  }
  template <class Client>
  static HttpResponse answer(Client&& c, const std::string& id, bool accept) {
    return c.post("/api/v1/cases/" + id + "/transfer/acceptance", toJson({{"accept", accept}}));
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

TEST_F(CaseTransfersTest, TheReceiverAcceptsAndTheCaseMoves) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string second = deployment().userId(kWorker2A);
  const HttpResponse asked = ask(worker, id, second, 1);
  ASSERT_EQ(asked.status, 200u) << asked.body;
  // Still the worker's until accepted; the pending transfer is on the case.
  EXPECT_EQ(asked.json->at("assigned_to").at("id"), json::value(deployment().userId(kCaseWorkerA)));
  EXPECT_EQ(asked.json->at("transfer").at("to").at("name"), "Tom Second");
  EXPECT_EQ(asked.json->at("transfer").at("reason"), "Going on leave");
  EXPECT_EQ(ask(worker, id, deployment().userId(kWorker3A), 2).errorField(), "transfer");
  // The receiver sees it offered, not the case itself yet.
  HttpClient receiver = signedIn(kWorker2A);
  EXPECT_EQ(receiver.get("/api/v1/cases/" + id).status, 404u);
  const HttpResponse offered = receiver.get("/api/v1/transfers?to=me");
  ASSERT_EQ(offered.status, 200u) << offered.body;
  ASSERT_EQ(offered.json->at("items").as_array().size(), 1u);
  EXPECT_EQ(offered.json->at("items").at(0).at("case_id"), json::value(id));
  EXPECT_TRUE(offered.json->at("items").at(0).at("case_code").as_string().starts_with("CS-"));
  // Someone else may not answer it.
  EXPECT_EQ(answer(signedIn(kWorker3A), id, true).status, 404u);
  const HttpResponse accepted = answer(receiver, id, true);
  ASSERT_EQ(accepted.status, 200u) << accepted.body;
  EXPECT_EQ(accepted.json->at("accepted"), true);
  const HttpResponse now = receiver.get("/api/v1/cases/" + id);
  ASSERT_EQ(now.status, 200u) << now.body;
  EXPECT_EQ(now.json->at("assigned_to").at("id"), json::value(second));
  EXPECT_TRUE(now.json->at("transfer").is_null());
  EXPECT_EQ(now.json->at("team").as_array().size(), 0u);
  // The worker before leaves the case.
  EXPECT_EQ(worker.get("/api/v1/cases/" + id).status, 404u);
  EXPECT_EQ(answer(receiver, id, true).errorField(), "transfer");
  EXPECT_EQ(receiver.get("/api/v1/transfers?to=me").json->at("items").as_array().size(), 0u);
  const HttpResponse timeline = receiver.get("/api/v1/cases/" + id + "/timeline");
  EXPECT_NE(timeline.body.find("\"transfer_request\""), std::string::npos) << timeline.body;
  EXPECT_NE(timeline.body.find("\"transfer_accept\""), std::string::npos);
  EXPECT_EQ(events(id, "case.transfer_request"), 1);
  EXPECT_EQ(events(id, "case.transfer_accept"), 1);
}

TEST_F(CaseTransfersTest, ADeclineLeavesTheCaseAsItWas) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const HttpResponse asked = ask(worker, id, deployment().userId(kWorker2A), 1);
  ASSERT_EQ(asked.status, 200u) << asked.body;
  const HttpResponse before = worker.get("/api/v1/cases/" + id);
  const HttpResponse declined = answer(signedIn(kWorker2A), id, false);
  ASSERT_EQ(declined.status, 200u) << declined.body;
  EXPECT_EQ(declined.json->at("accepted"), false);
  const HttpResponse after = worker.get("/api/v1/cases/" + id);
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(after.json->at("assigned_to"), before.json->at("assigned_to"));
  EXPECT_EQ(after.json->at("team"), before.json->at("team"));
  EXPECT_EQ(after.json->at("version"), before.json->at("version"));
  EXPECT_TRUE(after.json->at("transfer").is_null());
  EXPECT_EQ(events(id, "case.transfer_decline"), 1);
  EXPECT_NE(worker.get("/api/v1/cases/" + id + "/timeline").body.find("\"transfer_decline\""),
            std::string::npos);
  // A supervisor answers for the receiver.
  ASSERT_EQ(ask(worker, id, deployment().userId(kWorker3A), 2).status, 200u);
  EXPECT_EQ(answer(signedIn(kSupervisorA), id, true).status, 200u);
  EXPECT_EQ(signedIn(kWorker3A).get("/api/v1/cases/" + id).status, 200u);
}

TEST_F(CaseTransfersTest, TheReceiverMustBeACaseWorkerOfTheOrganisation) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  EXPECT_EQ(ask(worker, id, deployment().userId(kWorkerB), 1).errorField(), "to");
  EXPECT_EQ(ask(worker, id, deployment().userId(kConsultantA), 1).errorField(), "to");
  EXPECT_EQ(ask(worker, id, deployment().userId(kDataOfficerA), 1).errorField(), "to");
  EXPECT_EQ(ask(worker, id, deployment().userId(kCaseWorkerA), 1).errorField(), "to");
  EXPECT_EQ(ask(worker, id, "no-such-user", 1).errorField(), "to");
  const HttpResponse no_reason =
      worker.post("/api/v1/cases/" + id + "/transfer",
                  toJson({{"to", deployment().userId(kWorker2A)}, {"version", 1}}));
  EXPECT_EQ(no_reason.errorField(), "reason");
  EXPECT_EQ(worker.post("/api/v1/cases/" + id + "/transfer/acceptance", toJson(json::object{}))
                .errorField(),
            "accept");
  // Stale: 409 with the case as `current`.
  const HttpResponse stale = ask(worker, id, deployment().userId(kWorker2A), 7);
  ASSERT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("current").at("version"), 1);
  EXPECT_TRUE(stale.json->at("current").at("transfer").is_null());
}

TEST_F(CaseTransfersTest, WhoMayTransferAndAssign) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string second = deployment().userId(kWorker2A);
  // A team member neither asks a transfer nor reassigns; the assigned worker may not reassign
  // directly (they ask a transfer); a supervisor assigns at once.
  HttpClient supervisor = signedIn(kSupervisorA);
  ASSERT_EQ(supervisor
                .request("PUT", "/api/v1/cases/" + id + "/assignment",
                         toJson({{"assigned_to", deployment().userId(kCaseWorkerA)},
                                 {"team", json::array{json::value(second)}},
                                 {"version", 1}}),
                         CsrfMode::kSession)
                .status,
            200u);
  HttpClient member = signedIn(kWorker2A);
  EXPECT_EQ(ask(member, id, deployment().userId(kWorker3A), 2).status, 403u);
  const HttpResponse direct =
      worker.request("PUT", "/api/v1/cases/" + id + "/assignment",
                     toJson({{"assigned_to", second}, {"team", json::array{}}, {"version", 2}}),
                     CsrfMode::kSession);
  EXPECT_EQ(direct.status, 403u) << direct.body;
  EXPECT_EQ(signedIn(kDataOfficerA).get("/api/v1/transfers?to=me").status, 403u);
  EXPECT_EQ(ask(signedIn(kWorkerB), id, second, 2).status, 404u);
  EXPECT_EQ(answer(signedIn(kWorkerB), id, true).status, 404u);
  const HttpResponse assigned =
      supervisor.request("PUT", "/api/v1/cases/" + id + "/assignment",
                         toJson({{"assigned_to", second}, {"team", json::array{}}, {"version", 2}}),
                         CsrfMode::kSession);
  ASSERT_EQ(assigned.status, 200u) << assigned.body;
  EXPECT_EQ(assigned.json->at("assigned_to").at("id"), json::value(second));
}

TEST_F(CaseTransfersTest, AssignableUsersAreTheOrganisationsCaseWorkersByName) {
  const HttpResponse listed = signedIn(kCaseWorkerA).get("/api/v1/case-workers");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  std::vector<std::string> names;
  for (const auto& u : listed.json->at("items").as_array()) {
    EXPECT_EQ(u.as_object().size(), 2u);  // id and name only
    names.emplace_back(u.at("name").as_string());
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "Tom Second"), names.end());
  EXPECT_EQ(std::find(names.begin(), names.end(), "Ben Other"), names.end());
  EXPECT_EQ(listed.body.find("@"), std::string::npos);  // no e-mail addresses
  EXPECT_EQ(signedIn(kDataOfficerA).get("/api/v1/case-workers").status, 403u);
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/case-workers").status, 403u);
}

}  // namespace
}  // namespace strada::testing
