// A case's identification, needs assessment and plan over real HTTP, on SQLite and PostgreSQL:
// versioned writes (409 with the current document), 400 naming the field, another
// organisation's case 404, who may read and write what (a data officer codes only, a consultant
// nothing), sealed text gone with the client's key, and the plan's submission and approval by a
// supervisor who did not submit it, with the pending approvals list.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kOtherWorkerA = "assess.worker2@a.example.org";
constexpr const char* kSupervisor2A = "assess.supervisor2@a.example.org";
constexpr const char* kCaseWorkerB = "assess.worker@b.example.org";

class CaseAssessmentsTest : public DeploymentTest<CaseAssessmentsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kOtherWorkerA, "Wim Worker", {"case_worker"}});
    users.push_back({kOrgA, kSupervisor2A, "Sara Second", {"supervisor"}});
    users.push_back({kOrgB, kCaseWorkerB, "Bea Worker", {"case_worker"}});
    return users;
  }

 protected:
  // A person referred by the police and their case, opened by `c`: {client id, case id}.
  static std::pair<std::string, std::string> newCase(HttpClient& c) {
    json::object person{{"full_name", "Assessed Person " + crypto::toHex(crypto::randomBytes(4))}};
    json::object referral{{"source_type", "police"}, {"referred_on", "2024-05-01"}};
    const std::string client =
        createdId(c, "/api/v1/clients", {{"person", person}, {"coded", json::object{}}});
    return {client, createdId(c, "/api/v1/cases", {{"client_id", client}, {"referral", referral}})};
  }
  static HttpResponse put(HttpClient& c, const std::string& target, const json::object& body) {
    return c.request("PUT", target, toJson(body), CsrfMode::kSession);
  }
  static json::object goal(const std::string& text, const std::string& target_date) {
    return {{"domain", "housing_shelter"},
            {"goal", text},
            {"target_date", target_date},
            {"owner", "case_worker"},
            {"status", "not_started"}};
  }
};

TEST_F(CaseAssessmentsTest, IdentificationIsVersionedAndSetsTheClientsTraffickingStatus) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto [client, id] = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/identification";
  const HttpResponse empty = worker.get(base);
  ASSERT_EQ(empty.status, 200u) << empty.body;
  EXPECT_EQ(empty.json->at("version").as_int64(), 0);
  EXPECT_EQ(empty.json->at("assessed_on"), nullptr);
  json::object body{{"indicators", json::array{"deceptive_recruitment.wages",
                                               "coercion_at_destination.confiscated_documents"}},
                    {"assessed_on", "2024-05-03"},
                    {"trafficking_status", "ActualVictimOfTrafficking"},
                    {"decided_by", "NGO"},
                    {"version", 0}};
  const HttpResponse first = put(worker, base, body);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.json->at("version").as_int64(), 1);
  EXPECT_EQ(first.json->at("indicators").as_array().size(), 2u);
  EXPECT_EQ(first.json->at("assessed_by").at("name"), "Cas Caseworker");
  // The client's coded status is the identification's.
  const HttpResponse kase = worker.get("/api/v1/cases/" + id);
  ASSERT_EQ(kase.status, 200u);
  EXPECT_EQ(kase.json->at("client").at("coded").at("trafficking_status"),
            "ActualVictimOfTrafficking");
  EXPECT_EQ(kase.json->at("client").at("coded").at("status_decided_by"), "NGO");
  // Stale: 409 with the current identification.
  body["indicators"] = json::array{"coercive_recruitment.threats"};
  const HttpResponse stale = put(worker, base, body);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(stale.json->at("current").at("version").as_int64(), 1);
  // Bad input names the field.
  body["version"] = 1;
  body["indicators"] = json::array{"coercive_recruitment.threats", "made_up"};
  EXPECT_EQ(put(worker, base, body).errorField(), "indicators[1]");
  body["indicators"] = json::array{};
  body["decided_by"] = nullptr;
  EXPECT_EQ(put(worker, base, body).errorField(), "decided_by");
  body["decided_by"] = "Police";
  body["assessed_on"] = "2999-01-01";
  EXPECT_EQ(put(worker, base, body).errorField(), "assessed_on");
  // The timeline shows the change.
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  ASSERT_EQ(timeline.status, 200u);
  EXPECT_EQ(timeline.json->at("entries").as_array().back().at("kind"), "identification");
  EXPECT_EQ(timeline.json->at("entries").as_array().back().at("summary"),
            "ActualVictimOfTrafficking");
}

TEST_F(CaseAssessmentsTest, NeedsNotesAreSealedAndOnlyTheTeamReadsThem) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto [client, id] = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/needs";
  const std::string note =
      "Needs a lawyer before the hearing " + crypto::toHex(crypto::randomBytes(4));
  json::object body{
      {"domains",
       json::array{json::object{{"domain", "legal_aid"}, {"level", "urgent"}, {"note", note}},
                   json::object{{"domain", "housing_shelter"}, {"level", "high"}}}},
      {"assessed_on", "2024-05-04"},
      {"version", 0}};
  const HttpResponse saved = put(worker, base, body);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.json->at("version").as_int64(), 1);
  const HttpResponse read = worker.get(base);
  ASSERT_EQ(read.status, 200u);
  EXPECT_NE(read.body.find(note), std::string::npos);
  // A data officer sees the levels, never the note; cannot change them.
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse coded = officer.get(base);
  ASSERT_EQ(coded.status, 200u) << coded.body;
  EXPECT_EQ(coded.body.find(note), std::string::npos);
  EXPECT_EQ(coded.json->at("domains").as_array().size(), 2u);
  body["version"] = 1;
  EXPECT_EQ(put(officer, base, body).status, 403u);
  // A consultant nothing; a worker outside the case and another organisation 404.
  EXPECT_EQ(signedIn(kConsultantA).get(base).status, 403u);
  EXPECT_EQ(signedIn(kOtherWorkerA).get(base).status, 404u);
  HttpClient other_org = signedIn(kCaseWorkerB);
  EXPECT_EQ(other_org.get(base).status, 404u);
  EXPECT_EQ(put(other_org, base, body).status, 404u);
  // A domain twice, a level not in the list.
  body["domains"] = json::array{json::object{{"domain", "legal_aid"}, {"level", "low"}},
                                json::object{{"domain", "legal_aid"}, {"level", "low"}}};
  EXPECT_EQ(put(worker, base, body).errorField(), "domains[1].domain");
  body["domains"] = json::array{json::object{{"domain", "legal_aid"}, {"level", "extreme"}}};
  EXPECT_EQ(put(worker, base, body).errorField(), "domains[0].level");
  // Without the client's key, the note no longer opens.
  std::string org;
  deployment().database().db().read([&, c = client](soci::session& sql) {
    org = store::findClient(sql, c).value()->client.org_id;
  });
  ASSERT_TRUE(deployment().database().db().write(
      [&, c = client](store::WriteContext& w) { return store::destroyClientKey(w, org, c); }));
  const HttpResponse erased = worker.get(base);
  ASSERT_EQ(erased.status, 200u) << erased.body;
  EXPECT_EQ(erased.body.find(note), std::string::npos);
}

TEST_F(CaseAssessmentsTest, APlanIsApprovedByASupervisorWhoDidNotSubmitIt) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const auto [client, id] = newCase(supervisor);
  const std::string base = "/api/v1/cases/" + id + "/plan";
  // An empty plan cannot be submitted; a bad target date names the goal's field.
  const HttpResponse blank = put(supervisor, base, {{"goals", json::array{}}, {"version", 0}});
  ASSERT_EQ(blank.status, 200u) << blank.body;
  EXPECT_EQ(blank.json->at("status"), "draft");
  EXPECT_EQ(supervisor.post(base + "/submission", toJson({{"version", 1}})).errorField(), "goals");
  const HttpResponse bad =
      put(supervisor, base,
          {{"goals", json::array{goal("Safe housing", "2024-09-01"), goal("Lawyer", "2024-09-01"),
                                 goal("Papers", "2024-13-01")}},
           {"version", 1}});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(bad.errorField(), "goals[2].target_date");
  const std::string text = "Move to a shelter near school " + crypto::toHex(crypto::randomBytes(4));
  const HttpResponse written =
      put(supervisor, base, {{"goals", json::array{goal(text, "2024-09-01")}}, {"version", 1}});
  ASSERT_EQ(written.status, 200u) << written.body;
  const HttpResponse submitted = supervisor.post(base + "/submission", toJson({{"version", 2}}));
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(submitted.json->at("status"), "submitted");
  EXPECT_EQ(supervisor.get("/api/v1/cases/" + id).json->at("plan_status"), "submitted");
  // Pending approvals list it.
  const HttpResponse pending = supervisor.get("/api/v1/approvals?kind=plan");
  ASSERT_EQ(pending.status, 200u) << pending.body;
  bool listed = false;
  for (const auto& item : pending.json->at("items").as_array()) {
    listed = listed || (item.at("case_id") == json::value(id) && item.at("kind") == "plan");
  }
  EXPECT_TRUE(listed);
  EXPECT_EQ(supervisor.get("/api/v1/approvals?kind=everything").errorField(), "kind");
  EXPECT_EQ(signedIn(kCaseWorkerA).get("/api/v1/approvals").status, 403u);
  // The submitter cannot approve; a case worker may not; another supervisor may.
  const HttpResponse own =
      supervisor.post(base + "/approval", toJson({{"decision", "approve"}, {"version", 3}}));
  EXPECT_EQ(own.status, 403u) << own.body;
  EXPECT_NE(own.errorMessage().find("nother supervisor"), std::string::npos) << own.body;
  HttpClient second = signedIn(kSupervisor2A);
  EXPECT_EQ(second.post(base + "/approval", toJson({{"decision", "return"}, {"version", 3}}))
                .errorField(),
            "reason");
  EXPECT_EQ(
      second.post(base + "/approval", toJson({{"decision", "approve"}, {"version", 2}})).status,
      409u);
  const HttpResponse approved =
      second.post(base + "/approval", toJson({{"decision", "approve"}, {"version", 3}}));
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.json->at("status"), "approved");
  EXPECT_EQ(approved.json->at("decided_by").at("name"), "Sara Second");
  EXPECT_EQ(supervisor.get("/api/v1/cases/" + id).json->at("plan_status"), "approved");
  EXPECT_EQ(second.post(base + "/approval", toJson({{"decision", "approve"}, {"version", 4}}))
                .errorField(),
            "plan_status");
  // A data officer reads the goals' codes, never their text.
  const HttpResponse coded = signedIn(kDataOfficerA).get(base);
  ASSERT_EQ(coded.status, 200u);
  EXPECT_EQ(coded.body.find(text), std::string::npos);
  EXPECT_EQ(coded.json->at("goals").at(0).at("goal"), nullptr);
  // An approved plan that is changed is a draft again.
  const HttpResponse changed =
      put(supervisor, base, {{"goals", json::array{goal(text, "2024-10-01")}}, {"version", 4}});
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json->at("status"), "draft");
  EXPECT_EQ(supervisor.get("/api/v1/cases/" + id).json->at("plan_status"), "draft");
  const HttpResponse timeline = supervisor.get("/api/v1/cases/" + id + "/timeline");
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  std::vector<std::string> kinds;
  for (const auto& e : timeline.json->at("entries").as_array()) {
    kinds.emplace_back(e.at("kind").as_string());
  }
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "plan_approval"), 1);
  EXPECT_EQ(kinds.back(), "plan_change");
}

TEST_F(CaseAssessmentsTest, AReturnedPlanIsResubmittedAndItsReasonIsShownToTheTeam) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto [client, id] = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/plan";
  ASSERT_EQ(put(worker, base, {{"goals", json::array{goal("A job", "2025-01-01")}}, {"version", 0}})
                .status,
            200u);
  ASSERT_EQ(worker.post(base + "/submission", toJson({{"version", 1}})).status, 200u);
  // A case worker may not decide.
  EXPECT_EQ(
      worker.post(base + "/approval", toJson({{"decision", "approve"}, {"version", 2}})).status,
      403u);
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse returned = supervisor.post(
      base + "/approval",
      toJson({{"decision", "return"}, {"reason", "Add a date for housing"}, {"version", 2}}));
  ASSERT_EQ(returned.status, 200u) << returned.body;
  EXPECT_EQ(returned.json->at("status"), "returned");
  EXPECT_EQ(worker.get(base).json->at("return_reason"), "Add a date for housing");
  EXPECT_EQ(signedIn(kDataOfficerA).get(base).json->at("return_reason"), nullptr);
  const HttpResponse again = worker.post(base + "/submission", toJson({{"version", 3}}));
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(again.json->at("status"), "submitted");
  EXPECT_EQ(again.json->at("decision"), nullptr);
}

}  // namespace
}  // namespace strada::testing
