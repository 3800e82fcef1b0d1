// Consents, notes and the timeline of a case over real HTTP, on SQLite and PostgreSQL: typed
// consents and a withdrawal that takes effect at once; notes sealed under the client's key (gone
// with the key); the timeline in time order without sealed text; who may see what.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/client_repository.h"

namespace strada::testing {
namespace {

constexpr const char* kWorker2A = "entries.worker2@a.example.org";

class CaseEntriesTest : public DeploymentTest<CaseEntriesTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kWorker2A, "Wim Worker", {"case_worker"}});
    return users;
  }

 protected:
  // A client and its case opened by `c`: {client id, case id}.
  static std::pair<std::string, std::string> newCase(HttpClient& c) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    const std::string client = createdId(
        c, "/api/v1/clients",
        {{"person", {{"full_name", "Entry Person " + tag}}}, {"coded", boost::json::object{}}});
    const std::string kase =
        createdId(c, "/api/v1/cases",
                  {{"client_id", client},
                   {"referral", {{"source_type", "ngo"}, {"referred_on", "2024-05-01"}}}});
    return {client, kase};
  }
};

TEST_F(CaseEntriesTest, ConsentsAreTypedAndAWithdrawalTakesEffectAtOnce) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto [client, id] = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/consents";
  const HttpResponse given = worker.post(base, toJson({{"kind", "share"},
                                                       {"share_with", {{"kind", "shelter"}}},
                                                       {"given_as", "interpreter"},
                                                       {"given_on", "2024-05-02"},
                                                       {"scope", "Placement"}}));
  ASSERT_EQ(given.status, 201u) << given.body;
  EXPECT_EQ(given.json->at("state"), "active");
  EXPECT_EQ(given.json->at("share_with").at("kind"), "shelter");
  const std::string consent(given.json->at("id").as_string());
  // A share without a target, a kind not in the list, a future date: named fields.
  EXPECT_EQ(
      worker
          .post(base, toJson({{"kind", "share"}, {"given_as", "oral"}, {"given_on", "2024-05-02"}}))
          .errorField(),
      "share_with");
  EXPECT_EQ(
      worker
          .post(base,
                toJson({{"kind", "photos"}, {"given_as", "oral"}, {"given_on", "2024-05-02"}}))
          .errorField(),
      "kind");
  EXPECT_EQ(
      worker
          .post(base,
                toJson({{"kind", "statistics"}, {"given_as", "oral"}, {"given_on", "2999-01-01"}}))
          .errorField(),
      "given_on");
  const HttpResponse withdrawn =
      worker.post(base + "/" + consent + "/withdrawal", toJson(boost::json::object{}));
  ASSERT_EQ(withdrawn.status, 200u) << withdrawn.body;
  EXPECT_EQ(withdrawn.json->at("state"), "withdrawn");
  const HttpResponse list = worker.get(base);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.json->at("items").at(0).at("state"), "withdrawn");
  EXPECT_EQ(worker.post(base + "/" + consent + "/withdrawal", toJson(boost::json::object{})).status,
            409u);
  // A data officer sees consents (coded); a worker outside the case does not.
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(officer.get(base).status, 200u);
  HttpClient other = signedIn(kWorker2A);
  EXPECT_EQ(other.get(base).status, 404u);
}

TEST_F(CaseEntriesTest, NotesAreSealedUnderTheClientsKeyAndGoWithIt) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto [client, id] = newCase(worker);
  const std::string text =
      "Met at the station, tired; next visit Tuesday " + crypto::toHex(crypto::randomBytes(4));
  const HttpResponse added =
      worker.post("/api/v1/cases/" + id + "/notes", toJson({{"text", text}}));
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(worker.post("/api/v1/cases/" + id + "/notes", toJson({{"text", "  "}})).errorField(),
            "text");
  const HttpResponse notes = worker.get("/api/v1/cases/" + id + "/notes");
  ASSERT_EQ(notes.status, 200u) << notes.body;
  EXPECT_EQ(notes.json->at("items").at(0).at("text"), boost::json::value(text));
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(officer.get("/api/v1/cases/" + id + "/notes").status, 403u);
  // The timeline names the note, never its text.
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  EXPECT_EQ(timeline.body.find(text), std::string::npos);
  const auto& entries = timeline.json->at("entries").as_array();
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries.front().at("kind"), "status_change");
  EXPECT_EQ(entries.back().at("kind"), "note");
  // Without the client's key, the note no longer opens.
  std::string org;
  deployment().database().db().read([&, c = client](soci::session& sql) {
    org = store::findClient(sql, c).value()->client.org_id;
  });
  ASSERT_TRUE(deployment().database().db().write(
      [&, c = client](store::WriteContext& w) { return store::destroyClientKey(w, org, c); }));
  const HttpResponse erased = worker.get("/api/v1/cases/" + id + "/notes");
  ASSERT_EQ(erased.status, 200u) << erased.body;
  EXPECT_EQ(erased.json->at("items").at(0).at("text"), nullptr);
  EXPECT_EQ(erased.body.find(text), std::string::npos);
}

TEST_F(CaseEntriesTest, ServicesAreCodedAndCountedOnTheTimeline) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto [client, id] = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/services";
  const HttpResponse court = worker.post(base, toJson({{"type", "court_support"},
                                                       {"provider", {{"own", true}}},
                                                       {"started_on", "2024-06-03"},
                                                       {"ended_on", "2024-06-03"},
                                                       {"duration_minutes", 240},
                                                       {"outcome", "completed"}}));
  ASSERT_EQ(court.status, 201u) << court.body;
  EXPECT_EQ(court.json->at("provider").at("own"), true);
  EXPECT_EQ(court.json->at("duration_minutes").as_int64(), 240);
  EXPECT_EQ(court.json->at("amount"), nullptr);
  const HttpResponse shelter = worker.post(
      base,
      toJson({{"type", "shelter"}, {"provider", {{"own", true}}}, {"started_on", "2024-06-04"}}));
  ASSERT_EQ(shelter.status, 201u) << shelter.body;
  EXPECT_EQ(worker
                .post(base, toJson({{"type", "massage"},
                                    {"provider", {{"own", true}}},
                                    {"started_on", "2024-06-04"}}))
                .errorField(),
            "type");
  EXPECT_EQ(worker
                .post(base, toJson({{"type", "shelter"},
                                    {"provider", boost::json::object{}},
                                    {"started_on", "2024-06-04"}}))
                .errorField(),
            "provider");
  // "own" is true or false: any other value is refused, not read as false.
  EXPECT_EQ(worker
                .post(base, toJson({{"type", "shelter"},
                                    {"provider", {{"own", "yes"}}},
                                    {"started_on", "2024-06-04"}}))
                .errorField(),
            "provider.own");
  EXPECT_EQ(worker
                .post(base, toJson({{"type", "shelter"},
                                    {"provider", {{"own", true}}},
                                    {"started_on", "2024-06-04"},
                                    {"ended_on", "2024-06-01"}}))
                .errorField(),
            "ended_on");
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse listed = officer.get(base);
  ASSERT_EQ(listed.status, 200u) << listed.body;
  ASSERT_EQ(listed.json->at("items").as_array().size(), 2u);
  EXPECT_EQ(listed.json->at("items").at(0).at("type"), "shelter");  // newest start first
  EXPECT_EQ(officer.post(base, toJson({{"type", "shelter"}})).status, 403u);
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  int services = 0;
  for (const auto& e : timeline.json->at("entries").as_array()) {
    services += e.at("kind") == "service" ? 1 : 0;
  }
  EXPECT_EQ(services, 2);
}

}  // namespace
}  // namespace strada::testing
