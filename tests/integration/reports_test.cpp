// The aggregate reports over real HTTP, on SQLite and PostgreSQL (docs/reports.md): a report
// computed from contacts and cases made through the API, its small counts and complementary
// suppression, a figure group not collected, revisions (a cell suppressed before stays
// suppressed; only the newest revision may be approved), the packet that leaves, the import of
// historic figures with errors per line, and the permissions (403 for a case worker, 404 for
// another organisation's report).
#include <chrono>
#include <string>
#include <vector>

#include "integration/suite.h"

namespace strada::testing {
namespace {

inline const char* const kDataOfficerB = "data.officer@b.example.org";

class ReportsTest : public DeploymentTest<ReportsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kDataOfficerB, "Bo Dataofficer", {"data_officer"}});
    return users;
  }

 protected:
  static void postContacts(HttpClient& c, int n, const std::string& channel) {
    for (int i = 0; i < n; ++i) {
      boost::json::object contact = validContact("2024-05-01T10:00:00Z");
      contact["channel"] = channel;
      const HttpResponse r = c.post("/api/v1/contacts", toJson(contact));
      ASSERT_EQ(r.status, 201u) << r.body;
    }
  }

  static void openCounted(HttpClient& c) {
    boost::json::object client{{"person", {{"full_name", "Report Person"}}},
                               {"coded",
                                {{"gender", "Masculine"},
                                 {"citizenships", boost::json::array{"RO"}},
                                 {"exploitation_types", boost::json::array{"ForcedLabour"}}}}};
    const std::string client_id = createdId(c, "/api/v1/clients", client);
    boost::json::object kase{
        {"client_id", client_id},
        {"referral", {{"source_type", "police"}, {"referred_on", "2024-03-01"}}}};
    const std::string case_id = createdId(c, "/api/v1/cases", kase);
    boost::json::object consent{
        {"kind", "statistics"}, {"given_as", "written"}, {"given_on", "2024-01-15"}};
    createdId(c, "/api/v1/cases/" + case_id + "/consents", consent);
  }

  static HttpResponse compute(HttpClient& c, const std::string& period, const std::string& start) {
    return c.post("/api/v1/reports", toJson({{"period", period}, {"start", start}}));
  }

  static const boost::json::object& figure(const HttpResponse& r, const std::string& id) {
    for (const auto& f : r.json->at("figures").as_array()) {
      if (f.at("id").as_string() == id) {
        return f.as_object();
      }
    }
    ADD_FAILURE() << "no figure " << id;
    static const boost::json::object none;
    return none;
  }
  static std::string stateOf(const HttpResponse& r, const std::string& id) {
    return std::string(figure(r, id).at("state").as_string());
  }
  static std::int64_t countOf(const HttpResponse& r, const std::string& id) {
    EXPECT_EQ(stateOf(r, id), "count") << id;
    return figure(r, id).at("n").as_int64();
  }
  static std::string idOf(const HttpResponse& r) {
    return r.json ? std::string(r.json->at("id").as_string()) : std::string();
  }
  static HttpResponse importCsv(HttpClient& c, const std::string& csv) {
    return c.request("POST", "/api/v1/reports/import", csv, CsrfMode::kSession,
                     {{"Content-Type", "application/octet-stream"}});
  }
};

TEST_F(ReportsTest, ComputesSuppressesRevisesAndApproves) {
  HttpClient consultant = signedIn(kConsultantA);
  postContacts(consultant, 20, "phone");
  postContacts(consultant, 12, "email");
  postContacts(consultant, 3, "chat");
  HttpClient officer = signedIn(kDataOfficerA);

  HttpResponse r1 = compute(officer, "year", "2024-01-01");
  ASSERT_EQ(r1.status, 201u) << r1.body;
  EXPECT_EQ(r1.json->at("status"), "draft");
  EXPECT_EQ(r1.json->at("revision"), 1);
  EXPECT_EQ(r1.json->at("origin"), "computed");
  EXPECT_EQ(r1.json->at("label"), "2024");
  EXPECT_EQ(countOf(r1, "contacts.total"), 35);
  EXPECT_EQ(countOf(r1, "contacts.data"), 35);
  EXPECT_EQ(countOf(r1, "contacts.non_data"), 0);
  EXPECT_EQ(countOf(r1, "contacts.by_category.safe_migration"), 35);
  EXPECT_EQ(countOf(r1, "contacts.by_channel.phone"), 20);
  // 3 by chat is small; 12 by e-mail goes with it, or 3 = 35 - 20 - 12.
  EXPECT_EQ(stateOf(r1, "contacts.by_channel.chat"), "suppressed");
  EXPECT_TRUE(figure(r1, "contacts.by_channel.chat").at("n").is_null());
  EXPECT_EQ(stateOf(r1, "contacts.by_channel.email"), "suppressed");
  const std::string first = idOf(r1);
  ASSERT_EQ(officer.post("/api/v1/reports/" + first + "/approve", "{}").status, 200u);

  // More chats: 13 is no small count, but chat was suppressed in the approved revision 1.
  postContacts(consultant, 10, "chat");
  HttpResponse r2 = compute(officer, "year", "2024-01-01");
  ASSERT_EQ(r2.status, 201u) << r2.body;
  EXPECT_EQ(r2.json->at("revision"), 2);
  EXPECT_EQ(countOf(r2, "contacts.total"), 45);
  EXPECT_EQ(stateOf(r2, "contacts.by_channel.chat"), "suppressed");
  EXPECT_EQ(stateOf(r2, "contacts.by_channel.email"), "suppressed");

  // The organisation stops collecting channels: not collected, never 0.
  const HttpResponse set = officer.request(
      "PUT", "/api/v1/reports/settings",
      toJson({{"small_count_k", 11}, {"not_collected", boost::json::array{"contacts.by_channel"}}}),
      CsrfMode::kSession);
  ASSERT_EQ(set.status, 200u) << set.body;
  HttpResponse r3 = compute(officer, "year", "2024-01-01");
  ASSERT_EQ(r3.status, 201u) << r3.body;
  EXPECT_EQ(r3.json->at("revision"), 3);
  EXPECT_EQ(stateOf(r3, "contacts.by_channel.phone"), "not_collected");
  EXPECT_TRUE(figure(r3, "contacts.by_channel.phone").at("n").is_null());
  EXPECT_EQ(countOf(r3, "contacts.total"), 45);

  // Only the newest revision may be approved; an approved one not again.
  HttpResponse stale = officer.post("/api/v1/reports/" + idOf(r2) + "/approve", "{}");
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("error").at("field"), "revision");
  HttpResponse approved = officer.post("/api/v1/reports/" + idOf(r3) + "/approve", "{}");
  ASSERT_EQ(approved.status, 200u) << approved.body;
  EXPECT_EQ(approved.json->at("status"), "approved");
  EXPECT_EQ(officer.post("/api/v1/reports/" + idOf(r3) + "/approve", "{}").status, 409u);
  // This instance is in no network: nowhere to submit to.
  const HttpResponse nowhere = officer.post("/api/v1/reports/" + idOf(r3) + "/submit", "{}");
  EXPECT_EQ(nowhere.status, 409u) << nowhere.body;
  EXPECT_EQ(nowhere.json->at("error").at("field"), "network");
  EXPECT_EQ(officer.post("/api/v1/reports/submit-approved", "{}").status, 409u);

  // The history keeps every revision.
  const HttpResponse list = officer.get("/api/v1/reports");
  ASSERT_EQ(list.status, 200u) << list.body;
  std::vector<std::int64_t> revisions;
  for (const auto& item : list.json->at("items").as_array()) {
    if (item.at("label") == "2024") {
      revisions.push_back(item.at("revision").as_int64());
    }
  }
  EXPECT_EQ(revisions, (std::vector<std::int64_t>{3, 2, 1}));

  // What leaves: figures only.
  const HttpResponse packet = officer.get("/api/v1/reports/" + idOf(r3) + "/packet");
  ASSERT_EQ(packet.status, 200u) << packet.body;
  EXPECT_EQ(packet.json->at("revision"), 3);
  EXPECT_EQ(packet.body.find(deployment().userId(kDataOfficerA)), std::string::npos);
  EXPECT_EQ(packet.body.find(idOf(r3)), std::string::npos);
  EXPECT_EQ(packet.body.find("Caller asked"), std::string::npos);
  officer.request("PUT", "/api/v1/reports/settings",
                  toJson({{"small_count_k", 11}, {"not_collected", boost::json::array{}}}),
                  CsrfMode::kSession);
}

TEST_F(ReportsTest, CountsPeopleAssistedFromTheCases) {
  HttpClient supervisor = signedIn(kSupervisorA);
  for (int i = 0; i < 12; ++i) {
    openCounted(supervisor);
  }
  const auto now = std::chrono::system_clock::now();
  const auto year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse r = compute(officer, "year", std::to_string(year) + "-01-01");
  ASSERT_EQ(r.status, 201u) << r.body;
  EXPECT_EQ(countOf(r, "people.total"), 12);
  EXPECT_EQ(countOf(r, "people.new"), 12);
  EXPECT_EQ(countOf(r, "people.ongoing"), 0);
  EXPECT_EQ(countOf(r, "people.by_gender.Masculine"), 12);
  EXPECT_EQ(countOf(r, "people.by_citizenship_group.foreign"), 12);  // RO at a Dutch member
  EXPECT_EQ(countOf(r, "people.by_citizenship_group.national"), 0);
  EXPECT_EQ(countOf(r, "people.by_exploitation.ForcedLabour"), 12);
  EXPECT_EQ(countOf(r, "referrals.in.national"), 12);
  EXPECT_EQ(r.body.find("Report Person"), std::string::npos);
}

TEST_F(ReportsTest, RefusesWrongInputAndOtherRolesAndOrganisations) {
  HttpClient officer = signedIn(kDataOfficerA);
  for (const auto& [period, start, field] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"decade", "2024-01-01", "period"},
           {"year", "2024-02-01", "start"},
           {"quarter", "2024-02-01", "start"},
           {"month", "2024-02", "start"},
           {"year", "2999-01-01", "start"}}) {
    const HttpResponse r = compute(officer, period, start);
    EXPECT_EQ(r.status, 400u) << period << " " << start << r.body;
    EXPECT_EQ(r.json->at("error").at("field").as_string(), field) << r.body;
  }
  const HttpResponse low = officer.request("PUT", "/api/v1/reports/settings",
                                           toJson({{"small_count_k", 5}}), CsrfMode::kSession);
  EXPECT_EQ(low.status, 400u) << low.body;
  EXPECT_EQ(low.json->at("error").at("field"), "small_count_k");

  const HttpResponse made = compute(officer, "quarter", "2024-04-01");
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_EQ(made.json->at("label"), "2024-Q2");
  HttpClient worker = signedIn(kCaseWorkerA);
  EXPECT_EQ(worker.get("/api/v1/reports").status, 403u);
  EXPECT_EQ(worker.get("/api/v1/reports/" + idOf(made)).status, 403u);
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get("/api/v1/reports/" + idOf(made)).status, 200u);
  EXPECT_EQ(compute(supervisor, "year", "2024-01-01").status, 403u);
  HttpClient other = signedIn(kDataOfficerB);
  EXPECT_EQ(other.get("/api/v1/reports/" + idOf(made)).status, 404u);
  EXPECT_EQ(other.post("/api/v1/reports/" + idOf(made) + "/approve", "{}").status, 404u);
  EXPECT_EQ(other.get("/api/v1/reports/not-an-id").status, 404u);
}

TEST_F(ReportsTest, ImportsHistoricFiguresOrAnswersEveryWrongLine) {
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse tmpl = officer.get("/api/v1/reports/import-template");
  ASSERT_EQ(tmpl.status, 200u);
  EXPECT_EQ(tmpl.body.rfind("year,figure,value\r\n2015,contacts.total,not_collected", 0), 0u);

  const HttpResponse bad = importCsv(officer,
                                     "year,figure,value\n"
                                     "2010,contacts.total,5000\n"
                                     "2010,contacts.by_pigeon,4\n"
                                     "2010,people.total,many\n"
                                     "1890,people.new,4\n");
  ASSERT_EQ(bad.status, 422u) << bad.body;
  const auto& lines = bad.json->at("error").at("lines").as_array();
  ASSERT_EQ(lines.size(), 3u) << bad.body;
  EXPECT_EQ(lines[0].at("line"), 3);
  EXPECT_EQ(lines[0].at("field"), "figure");
  EXPECT_EQ(lines[1].at("line"), 4);
  EXPECT_EQ(lines[1].at("field"), "value");
  EXPECT_EQ(lines[2].at("field"), "year");
  const HttpResponse none = officer.get("/api/v1/reports");
  for (const auto& item : none.json->at("items").as_array()) {
    EXPECT_NE(item.at("origin"), "imported") << none.body;
  }

  const HttpResponse good = importCsv(officer,
                                      "year,figure,value\n"
                                      "2010,contacts.total,5000\n"
                                      "2010,people.total,3\n"
                                      "2011,contacts.total,not_collected\n"
                                      "2011,people.total,40\n");
  ASSERT_EQ(good.status, 201u) << good.body;
  const auto& items = good.json->at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const HttpResponse y2010 =
      officer.get("/api/v1/reports/" + std::string(items[0].at("id").as_string()));
  ASSERT_EQ(y2010.status, 200u);
  EXPECT_EQ(y2010.json->at("origin"), "imported");
  EXPECT_EQ(y2010.json->at("label"), "2010");
  EXPECT_EQ(countOf(y2010, "contacts.total"), 5000);
  EXPECT_EQ(stateOf(y2010, "people.total"), "suppressed");
  EXPECT_EQ(stateOf(y2010, "contacts.by_channel.phone"), "not_collected");
  const HttpResponse y2011 =
      officer.get("/api/v1/reports/" + std::string(items[1].at("id").as_string()));
  EXPECT_EQ(stateOf(y2011, "contacts.total"), "not_collected");
  EXPECT_EQ(countOf(y2011, "people.total"), 40);

  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(importCsv(supervisor, "year,figure,value\n2010,returns,3\n").status, 403u);
}

}  // namespace
}  // namespace strada::testing
