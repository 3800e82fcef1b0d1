// A case's court proceedings and social-inclusion outcomes over real HTTP, on SQLite and
// PostgreSQL: the court's name, the reference and the hearings' notes sealed under the client's
// key, fields refused by name, who may see and change them (a data officer the codes only, a
// consultant nothing, another organisation 404), a stale change answered 409 with the proceeding
// as `current`, the timeline, every read audited, and the outcomes at closure and at follow-ups.
#include <soci/soci.h>

#include <chrono>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "domain/client.h"
#include "integration/suite.h"
#include "store/audit_repository.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kOtherWorkerA = "proceedings.worker2@a.example.org";
constexpr const char* kCaseWorkerB = "proceedings.worker@b.example.org";

class CaseProceedingsTest : public DeploymentTest<CaseProceedingsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kOtherWorkerA, "Pim Worker", {"case_worker"}});
    users.push_back({kOrgB, kCaseWorkerB, "Pia Worker", {"case_worker"}});
    return users;
  }

 protected:
  static std::string newCase(HttpClient& c) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    const std::string client =
        createdId(c, "/api/v1/clients",
                  {{"person", {{"full_name", "Court Person " + tag}}}, {"coded", json::object{}}});
    return createdId(c, "/api/v1/cases",
                     {{"client_id", client},
                      {"referral", {{"source_type", "police"}, {"referred_on", "2024-05-01"}}}});
  }
  static HttpResponse put(HttpClient& c, const std::string& target, const json::object& body) {
    return c.request("PUT", target, toJson(body), CsrfMode::kSession);
  }
  // A criminal proceeding with the person as injured party and one trial hearing.
  static json::object proceeding(const std::string& court, const std::string& note) {
    return {{"kind", "criminal"},
            {"role", "injured_party"},
            {"status", "ongoing"},
            {"court", {{"name", court}}},
            {"reference", "2024/123-" + court.substr(court.size() - 4)},
            {"hearings", json::array{json::object{{"date", "2024-09-12"},
                                                  {"kind", "trial"},
                                                  {"support", {"accompaniment", "interpretation"}},
                                                  {"note", note}}}},
            {"compensation_claimed", {{"amount", 15000}, {"currency", "EUR"}}}};
  }
  // Today (UTC), as the server's clock has it: the day a closure request records.
  static std::string today() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return domain::formatCalendarDate(std::chrono::duration_cast<std::chrono::days>(now).count());
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
  static long long clearRows(const std::string& query, const std::string& text) {
    long long n = 0;
    const std::string pattern = "%" + text + "%";  // soci::use keeps a reference: a named value
    deployment().database().db().read(
        [&](soci::session& sql) { sql << query, soci::into(n), soci::use(pattern); });
    return n;
  }
};

TEST_F(CaseProceedingsTest, AProceedingIsSealedVersionedAndOnTheTimeline) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/proceedings";
  const std::string tag = crypto::toHex(crypto::randomBytes(4));
  const std::string court = "District court " + tag;
  const std::string note = "Met the prosecutor before " + tag;
  const HttpResponse added = worker.post(base, toJson(proceeding(court, note)));
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json->at("court").at("name"), json::value(court));
  EXPECT_EQ(added.json->at("hearings").at(0).at("note"), json::value(note));
  EXPECT_EQ(added.json->at("hearings").at(0).at("support").as_array().size(), 2u);
  EXPECT_EQ(added.json->at("compensation_claimed").at("amount"), 15000);
  EXPECT_EQ(added.json->at("compensation_awarded"), nullptr);
  EXPECT_EQ(added.json->at("version"), 1);
  const std::string proceeding_id(added.json->at("id").as_string());
  EXPECT_EQ(clearRows("SELECT COUNT(*) FROM case_proceedings WHERE court_sealed LIKE :t", court),
            0);
  EXPECT_EQ(clearRows("SELECT COUNT(*) FROM case_hearings WHERE note_sealed LIKE :t", note), 0);
  // Concluded with compensation awarded; the same version again is stale: 409 with `current`.
  json::object change = proceeding(court, note);
  change["status"] = "concluded";
  change["outcome"] = "conviction";
  change["compensation_awarded"] = {{"amount", 8000}, {"currency", "EUR"}};
  change["version"] = 1;
  const HttpResponse changed = put(worker, base + "/" + proceeding_id, change);
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json->at("compensation_awarded").at("amount"), 8000);
  EXPECT_EQ(changed.json->at("outcome"), "conviction");
  EXPECT_EQ(changed.json->at("version"), 2);
  EXPECT_EQ(changed.json->at("hearings").at(0).at("note"), json::value(note));
  const HttpResponse stale = put(worker, base + "/" + proceeding_id, change);
  ASSERT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.errorField(), "version");
  EXPECT_EQ(stale.json->at("current").at("version"), 2);
  change["version"] = 2;
  EXPECT_EQ(put(worker, base + "/nope", change).status, 404u);
  const HttpResponse list = worker.get(base);
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.json->at("items").as_array().size(), 1u);
  EXPECT_EQ(events(id, "case_proceeding.list"), 1);
  EXPECT_EQ(events(id, "case_proceeding.create"), 1);
  EXPECT_EQ(events(id, "case_proceeding.update"), 1);
  // The timeline has the proceeding and its hearing at its day, never the sealed text.
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  ASSERT_EQ(timeline.status, 200u) << timeline.body;
  EXPECT_EQ(timeline.body.find(court), std::string::npos);
  EXPECT_EQ(timeline.body.find(note), std::string::npos);
  EXPECT_NE(timeline.body.find("\"proceeding\""), std::string::npos);
  EXPECT_NE(timeline.body.find("\"hearing\""), std::string::npos);
  EXPECT_NE(timeline.body.find("2024-09-12"), std::string::npos);
}

TEST_F(CaseProceedingsTest, FieldsAreRefusedByName) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string base = "/api/v1/cases/" + newCase(worker) + "/proceedings";
  const auto field = [&](const std::function<void(json::object&)>& edit) {
    json::object body = proceeding("Court 0000", "");
    edit(body);
    return worker.post(base, toJson(body)).errorField();
  };
  EXPECT_EQ(field([](json::object& b) { b["kind"] = "military"; }), "kind");
  EXPECT_EQ(field([](json::object& b) { b["role"] = "defendant"; }), "role");
  EXPECT_EQ(field([](json::object& b) { b.erase("status"); }), "status");
  EXPECT_EQ(field([](json::object& b) { b["outcome"] = "conviction"; }), "outcome");
  EXPECT_EQ(field([](json::object& b) {
              b["court"] = {{"agency_id", "nope"}};
            }),
            "court.agency_id");
  EXPECT_EQ(field([](json::object& b) {
              b["court"] = {{"name", std::string(301, 'x')}};
            }),
            "court.name");
  EXPECT_EQ(
      field([](json::object& b) { b["hearings"].as_array()[0].as_object()["date"] = "soon"; }),
      "hearings[0].date");
  EXPECT_EQ(field([](json::object& b) { b["hearings"].as_array()[0].as_object()["kind"] = "x"; }),
            "hearings[0].kind");
  EXPECT_EQ(field([](json::object& b) {
              b["hearings"].as_array()[0].as_object()["support"] = {"accompaniment", "bribe"};
            }),
            "hearings[0].support[1]");
  EXPECT_EQ(field([](json::object& b) {
              b["compensation_claimed"] = {{"amount", 10}, {"currency", "euro"}};
            }),
            "compensation_claimed.currency");
  EXPECT_EQ(field([](json::object& b) {
              b["compensation_awarded"] = {{"amount", -5}, {"currency", "EUR"}};
            }),
            "compensation_awarded.amount");
  EXPECT_EQ(field([](json::object& b) { b["version"] = 1; }), "version");
}

TEST_F(CaseProceedingsTest, WhoMaySeeAndChangeProceedings) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/proceedings";
  const std::string court = "Tribunal " + crypto::toHex(crypto::randomBytes(4));
  const HttpResponse added = worker.post(base, toJson(proceeding(court, "Hearing note")));
  ASSERT_EQ(added.status, 201u) << added.body;
  // A data officer reads the codes, never the sealed text, and changes nothing.
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse coded = officer.get(base);
  ASSERT_EQ(coded.status, 200u) << coded.body;
  EXPECT_EQ(coded.body.find(court), std::string::npos);
  EXPECT_EQ(coded.body.find("Hearing note"), std::string::npos);
  EXPECT_EQ(coded.body.find("2024/123"), std::string::npos);
  const json::value& item = coded.json->at("items").at(0);
  EXPECT_EQ(item.at("kind"), "criminal");
  EXPECT_EQ(item.at("text_visible"), false);
  EXPECT_EQ(item.at("hearings").at(0).at("kind"), "trial");
  EXPECT_EQ(officer.post(base, toJson(proceeding(court, ""))).status, 403u);
  EXPECT_EQ(signedIn(kConsultantA).get(base).status, 403u);
  EXPECT_EQ(signedIn(kOtherWorkerA).get(base).status, 404u);
  HttpClient other_org = signedIn(kCaseWorkerB);
  EXPECT_EQ(other_org.get(base).status, 404u);
  json::object change = proceeding(court, "");
  change["version"] = 1;
  EXPECT_EQ(
      put(other_org, base + "/" + std::string(added.json->at("id").as_string()), change).status,
      404u);
  EXPECT_EQ(signedIn(kSupervisorA).get(base).status, 200u);
}

TEST_F(CaseProceedingsTest, OutcomesAtClosureAndAtFollowUps) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/follow-ups";
  const json::array outcomes{json::object{{"domain", "housing"}, {"status", "achieved"}},
                             json::object{{"domain", "employment"}, {"status", "in_progress"}}};
  const json::object later{
      {"date", today()},
      {"outcomes", json::array{json::object{{"domain", "employment"}, {"status", "achieved"}}}}};
  // Before the closure, no follow-up; outcomes go with the closure only.
  EXPECT_EQ(worker.post(base, toJson(later)).status, 409u);
  const auto move = [&](json::object body) {
    return worker.post("/api/v1/cases/" + id + "/status", toJson(body));
  };
  EXPECT_EQ(move({{"to", "identification"}, {"version", 1}, {"inclusion_outcomes", outcomes}})
                .errorField(),
            "inclusion_outcomes");
  json::object closing{
      {"to", "closed"},
      {"version", 1},
      {"reason", "goals_achieved"},
      {"outcome", "employed"},
      {"inclusion_outcomes", json::array{json::object{{"domain", "housing"}, {"status", "done"}}}}};
  EXPECT_EQ(move(closing).errorField(), "inclusion_outcomes[0].status");
  closing["inclusion_outcomes"] = outcomes;
  ASSERT_EQ(move(closing).status, 200u);
  // A follow-up with its note sealed; its fields refused by name.
  json::object follow_up = later;
  follow_up["note"] = "Found a job at the bakery";
  const HttpResponse added = worker.post(base, toJson(follow_up));
  ASSERT_EQ(added.status, 201u) << added.body;
  EXPECT_EQ(added.json->at("note"), "Found a job at the bakery");
  EXPECT_EQ(added.json->at("kind"), "follow_up");
  follow_up["date"] = "2999-01-01";
  EXPECT_EQ(worker.post(base, toJson(follow_up)).errorField(), "date");
  follow_up["date"] = "2024-07-01";  // before the closure request
  EXPECT_EQ(worker.post(base, toJson(follow_up)).errorField(), "date");
  follow_up["date"] = today();
  follow_up["outcomes"] = json::array{json::object{{"domain", "housing"}, {"status", "achieved"}},
                                      json::object{{"domain", "housing"}, {"status", "achieved"}}};
  EXPECT_EQ(worker.post(base, toJson(follow_up)).errorField(), "outcomes[1].domain");
  follow_up["outcomes"] = json::array{};
  EXPECT_EQ(worker.post(base, toJson(follow_up)).errorField(), "outcomes");
  // The list: the follow-up, then the closure's outcomes; a data officer sees no note.
  const HttpResponse list = worker.get(base);
  ASSERT_EQ(list.status, 200u) << list.body;
  const json::array& items = list.json->at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("kind"), "follow_up");
  EXPECT_EQ(items[1].at("kind"), "closure");
  EXPECT_EQ(items[1].at("outcomes").as_array().size(), 2u);
  const HttpResponse coded = signedIn(kDataOfficerA).get(base);
  ASSERT_EQ(coded.status, 200u);
  EXPECT_EQ(coded.body.find("bakery"), std::string::npos);
  EXPECT_EQ(coded.json->at("items").at(0).at("outcomes").at(0).at("status"), "achieved");
  EXPECT_EQ(signedIn(kConsultantA).get(base).status, 403u);
  EXPECT_EQ(signedIn(kCaseWorkerB).get(base).status, 404u);
  EXPECT_EQ(events(id, "case_follow_up.list"), 2);
  EXPECT_EQ(clearRows("SELECT COUNT(*) FROM case_follow_ups WHERE note_sealed LIKE :t", "bakery"),
            0);
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  EXPECT_NE(timeline.body.find("\"follow_up\""), std::string::npos);
}

}  // namespace
}  // namespace strada::testing
