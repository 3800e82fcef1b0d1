// The case statistics over real HTTP, on SQLite and PostgreSQL: counts of a known set of cases by
// coded field, small counts suppressed for a data officer (outside the cases' teams) and not for
// a supervisor, 403 for a case worker, 400 naming a bad parameter, and no client or case code in
// the body. Only people with a statistics consent in force count; the rollup the writes keep
// equals a recount from the cases; the CSV and XLSX downloads (case_stats_export_test.cpp).
#include <soci/soci.h>

#include <chrono>
#include <string>
#include <vector>

#include "domain/client.h"
#include "integration/suite.h"
#include "store/case_stats_facts.h"

namespace strada::testing {
namespace {

class CaseStatsTest : public DeploymentTest<CaseStatsTest> {
 protected:
  // Registers a client with these coded fields and opens their case, with a consent to be
  // counted in statistics when `consent`; returns the client code.
  static std::string openCaseOf(HttpClient& c, const std::string& gender,
                                const std::string& exploitation, bool consent = true) {
    boost::json::object client{
        {"person", {{"full_name", "Stats Person " + std::to_string(++serial_)}}},
        {"coded",
         {{"gender", gender},
          {"citizenships", boost::json::array{"RO"}},
          {"exploitation_types", boost::json::array{exploitation}}}}};
    const HttpResponse made = c.post("/api/v1/clients", toJson(client));
    EXPECT_EQ(made.status, 201u) << made.body;
    const std::string id(made.json->at("id").as_string());
    boost::json::object kase{
        {"client_id", id},
        {"referral", {{"source_type", "police"}, {"referred_on", "2024-03-01"}}}};
    const HttpResponse opened = c.post("/api/v1/cases", toJson(kase));
    EXPECT_EQ(opened.status, 201u) << opened.body;
    last_case_id_ = std::string(opened.json->at("id").as_string());
    last_client_id_ = id;
    if (consent) {
      last_consent_id_ = giveConsent(c, last_case_id_, "");
    }
    return std::string(made.json->at("client_code").as_string());
  }

  // Records a consent to statistics on the case (expiring on `expires_on` unless empty).
  static std::string giveConsent(HttpClient& c, const std::string& case_id,
                                 const std::string& expires_on) {
    boost::json::object body{
        {"kind", "statistics"}, {"given_as", "written"}, {"given_on", "2024-01-15"}};
    if (!expires_on.empty()) {
      body["expires_on"] = expires_on;
    }
    const HttpResponse given = c.post("/api/v1/cases/" + case_id + "/consents", toJson(body));
    EXPECT_EQ(given.status, 201u) << given.body;
    return given.json ? std::string(given.json->at("id").as_string()) : std::string();
  }

  static const boost::json::object* cell(const boost::json::value& body, const char* dimension,
                                         const char* code) {
    for (const auto& c : body.at("breakdowns").at(dimension).as_array()) {
      if (c.at("code").as_string() == code) {
        return &c.as_object();
      }
    }
    return nullptr;
  }

  static std::int64_t assisted(HttpClient& c) {
    const HttpResponse r = c.get("/api/v1/stats/cases");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json->at("totals").at("assisted").as_int64();
  }

  static inline int serial_ = 0;
  static inline std::string last_case_id_, last_client_id_, last_consent_id_;
};

TEST_F(CaseStatsTest, CountsCodedFieldsSuppressesSmallCellsAndNamesNoPerson) {
  HttpClient supervisor = signedIn(kSupervisorA);
  std::vector<std::string> codes;
  for (int i = 0; i < 12; ++i) {
    codes.push_back(openCaseOf(supervisor, "Masculine", "ForcedLabour"));
  }
  for (int i = 0; i < 2; ++i) {
    codes.push_back(openCaseOf(supervisor, "Feminine", "SexualExploitation"));
  }
  // Without a consent to statistics a person is not counted.
  for (int i = 0; i < 3; ++i) {
    codes.push_back(openCaseOf(supervisor, "Feminine", "SexualExploitation", false));
  }

  HttpClient officer = signedIn(kDataOfficerA);
  HttpResponse r = officer.get("/api/v1/stats/cases");
  ASSERT_EQ(r.status, 200u) << r.body;
  const boost::json::value& body = *r.json;
  EXPECT_EQ(body.at("small_counts_below").as_int64(), 11);
  EXPECT_EQ(body.at("granularity").as_string(), "year");
  ASSERT_EQ(body.at("opened").as_array().size(), 1u) << r.body;
  EXPECT_EQ(body.at("opened").as_array()[0].at("n").as_int64(), 14);
  EXPECT_EQ(body.at("assisted").as_array()[0].at("n").as_int64(), 14);
  EXPECT_EQ(body.at("totals").at("assisted").as_int64(), 14);
  EXPECT_EQ(cell(body, "status", "intake")->at("n").as_int64(), 14) << r.body;
  EXPECT_EQ(cell(body, "referral_source", "police")->at("n").as_int64(), 14);
  EXPECT_EQ(cell(body, "gender", "Masculine")->at("n").as_int64(), 12);
  EXPECT_EQ(cell(body, "citizenship", "RO")->at("n").as_int64(), 14);
  EXPECT_EQ(cell(body, "exploitation", "ForcedLabour")->at("n").as_int64(), 12);
  const auto* feminine = cell(body, "gender", "Feminine");
  ASSERT_NE(feminine, nullptr) << r.body;
  EXPECT_TRUE(feminine->at("n").is_null());
  EXPECT_TRUE(feminine->at("suppressed").as_bool());
  EXPECT_TRUE(cell(body, "exploitation", "SexualExploitation")->at("n").is_null());
  for (const std::string& code : codes) {
    EXPECT_EQ(r.body.find(code), std::string::npos) << code;
  }
  EXPECT_EQ(r.body.find("CS-"), std::string::npos);
  EXPECT_EQ(r.body.find("Stats Person"), std::string::npos);

  // A supervisor sees every case of the organisation: nothing is suppressed for them.
  r = supervisor.get("/api/v1/stats/cases?granularity=month");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_FALSE(r.json->as_object().contains("small_counts_below"));
  EXPECT_EQ(cell(*r.json, "gender", "Feminine")->at("n").as_int64(), 2);

  // A period without cases counts none.
  r = officer.get("/api/v1/stats/cases?from=2001-01-01&to=2001-03-31&granularity=month");
  ASSERT_EQ(r.status, 200u) << r.body;
  ASSERT_EQ(r.json->at("opened").as_array().size(), 3u) << r.body;
  EXPECT_EQ(r.json->at("opened").as_array()[2].at("code").as_string(), "2001-03");
  EXPECT_EQ(r.json->at("opened").as_array()[2].at("n").as_int64(), 0);
  EXPECT_TRUE(r.json->at("breakdowns").at("status").as_array().empty());
}

TEST_F(CaseStatsTest, RefusesCaseWorkersAndNamesABadParameter) {
  HttpClient worker = signedIn(kCaseWorkerA);
  EXPECT_EQ(worker.get("/api/v1/stats/cases").status, 403u);

  HttpClient officer = signedIn(kDataOfficerA);
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"granularity=day", "granularity"},
                                                        {"granularity=decade", "granularity"},
                                                        {"from=2024-13-01", "from"},
                                                        {"from=2024-05-01&to=2024-04-01", "to"},
                                                        {"client_id=x", "client_id"}}) {
    const HttpResponse r = officer.get("/api/v1/stats/cases?" + query);
    EXPECT_EQ(r.status, 400u) << query << r.body;
    ASSERT_TRUE(r.json) << query;
    EXPECT_EQ(r.json->at("error").at("field").as_string(), field) << query << r.body;
  }
}

TEST_F(CaseStatsTest, CountsOnlyConsentsInForceAndAWithdrawalTakesEffectAtOnce) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::int64_t before = assisted(supervisor);
  openCaseOf(supervisor, "Masculine", "ForcedLabour");
  EXPECT_EQ(assisted(supervisor), before + 1);
  const std::string counted_case = last_case_id_;
  const std::string consent = last_consent_id_;
  // No consent, or one that has expired: not counted.
  openCaseOf(supervisor, "Masculine", "ForcedLabour", false);
  EXPECT_EQ(assisted(supervisor), before + 1);
  giveConsent(supervisor, last_case_id_, "2024-06-30");
  EXPECT_EQ(assisted(supervisor), before + 1);
  // A second consent in force on the same case counts the person once.
  giveConsent(supervisor, counted_case, "");
  EXPECT_EQ(assisted(supervisor), before + 1);
  // Withdrawing one of two leaves the other in force; withdrawing both drops the person.
  const std::string base = "/api/v1/cases/" + counted_case + "/consents/";
  ASSERT_EQ(supervisor.post(base + consent + "/withdrawal", "{}").status, 200u);
  EXPECT_EQ(assisted(supervisor), before + 1);
  const HttpResponse list = supervisor.get("/api/v1/cases/" + counted_case + "/consents");
  ASSERT_EQ(list.status, 200u) << list.body;
  for (const auto& c : list.json->at("items").as_array()) {
    if (c.at("state") == "active") {
      ASSERT_EQ(
          supervisor.post(base + std::string(c.at("id").as_string()) + "/withdrawal", "{}").status,
          200u);
    }
  }
  EXPECT_EQ(assisted(supervisor), before);
}

// The rollup as the writes left it, and as a recount from the cases makes it.
std::vector<std::string> rollupRows(store::Database& db) {
  std::vector<std::string> rows;
  db.read([&rows](soci::session& sql) {
    std::string row;
    soci::statement st =
        (sql.prepare << "SELECT org_id || '|' || month || '|' || measure || '|' || dimension || "
                        "'|' || code || '|' || n FROM case_stats_monthly WHERE n <> 0 ORDER BY "
                        "org_id, month, measure, dimension, code",
         soci::into(row));
    st.execute();
    while (st.fetch()) {
      rows.push_back(row);
    }
  });
  return rows;
}

TEST_F(CaseStatsTest, TheRollupEqualsARecountAfterEveryKindOfChange) {
  HttpClient supervisor = signedIn(kSupervisorA);
  HttpClient worker = signedIn(kCaseWorkerA);
  const auto status = [&worker](const std::string& id, boost::json::object body) {
    const HttpResponse r = worker.post("/api/v1/cases/" + id + "/status", toJson(body));
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json ? r.json->at("version").as_int64() : 0;
  };
  openCaseOf(worker, "Masculine", "ForcedLabour");
  const std::string closing = last_case_id_;
  // Services, the stages to a closure with an outcome, approved by a supervisor.
  ASSERT_EQ(
      worker
          .post("/api/v1/cases/" + closing + "/services", toJson({{"type", "court_support"},
                                                                  {"provider", {{"own", true}}},
                                                                  {"started_on", "2024-06-03"}}))
          .status,
      201u);
  std::int64_t v = status(closing, {{"to", "identification"}, {"version", 1}});
  v = status(closing, {{"to", "first_assistance"},
                       {"version", v},
                       {"reflection_start", "2024-03-02"},
                       {"reflection_end", "2024-05-31"}});
  v = status(closing, {{"to", "long_term_assistance"}, {"version", v}});
  // Social-inclusion outcomes at closure, then a follow-up: the latest status of each domain
  // counts (housing achieved then lost, employment in progress then achieved).
  using Outcomes = boost::json::array;
  using Outcome = boost::json::object;
  v = status(closing, {{"to", "closed"},
                       {"version", v},
                       {"reason", "goals_achieved"},
                       {"outcome", "employed"},
                       {"inclusion_outcomes",
                        Outcomes{Outcome{{"domain", "housing"}, {"status", "achieved"}},
                                 Outcome{{"domain", "employment"}, {"status", "in_progress"}}}}});
  const HttpResponse approved =
      supervisor.post("/api/v1/cases/" + closing + "/closure/approval", toJson({{"version", v}}));
  EXPECT_EQ(approved.status, 200u) << approved.body;
  const HttpResponse followed = worker.post(
      "/api/v1/cases/" + closing + "/follow-ups",
      toJson({{"date",
               domain::formatCalendarDate(std::chrono::duration_cast<std::chrono::days>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count())},
              {"outcomes", Outcomes{Outcome{{"domain", "housing"}, {"status", "not_achieved"}},
                                    Outcome{{"domain", "employment"}, {"status", "achieved"}}}}}));
  EXPECT_EQ(followed.status, 201u) << followed.body;
  // The identification changes the trafficking status; a second person is erased (their coded
  // figures stay); a third person's consent is given late, after a service.
  openCaseOf(supervisor, "Feminine", "SexualExploitation");
  const HttpResponse identified =
      supervisor.request("PUT", "/api/v1/cases/" + last_case_id_ + "/identification",
                         toJson({{"indicators", boost::json::array{"deceptive_recruitment.wages"}},
                                 {"assessed_on", "2024-05-03"},
                                 {"trafficking_status", "ActualVictimOfTrafficking"},
                                 {"decided_by", "NGO"},
                                 {"version", 0}}),
                         CsrfMode::kSession);
  EXPECT_EQ(identified.status, 200u) << identified.body;
  const std::string erased_client = last_client_id_;
  const HttpResponse client = supervisor.get("/api/v1/clients/" + erased_client);
  ASSERT_EQ(client.status, 200u) << client.body;
  EXPECT_EQ(supervisor
                .post("/api/v1/clients/" + erased_client + "/erasure",
                      toJson({{"reason", "Request of the person"},
                              {"confirm_client_code", client.json->at("client_code")}}))
                .status,
            200u);
  openCaseOf(supervisor, "Masculine", "ForcedLabour", false);
  ASSERT_EQ(supervisor
                .post("/api/v1/cases/" + last_case_id_ + "/services",
                      toJson({{"type", "shelter"},
                              {"provider", {{"own", true}}},
                              {"started_on", "2024-07-01"}}))
                .status,
            201u);
  giveConsent(supervisor, last_case_id_, "");

  const HttpResponse r = supervisor.get("/api/v1/stats/cases?from=2024-01-01");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_NE(r.body.find("\"court_support\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"shelter\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"ActualVictimOfTrafficking\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"employed\""), std::string::npos) << r.body;
  EXPECT_GE(r.json->at("totals").at("closed").as_int64(), 1);
  ASSERT_NE(cell(*r.json, "inclusion", "employment"), nullptr) << r.body;
  EXPECT_EQ(cell(*r.json, "inclusion", "employment")->at("n").as_int64(), 1);
  EXPECT_EQ(cell(*r.json, "inclusion", "housing"), nullptr) << r.body;

  store::Database& db = deployment().database().db();
  const std::vector<std::string> kept = rollupRows(db);
  auto recounted = store::rebuildCaseStats(db, [](const std::string&, std::int64_t) {});
  ASSERT_TRUE(recounted) << recounted.error().message;
  EXPECT_EQ(rollupRows(db), kept);
  EXPECT_FALSE(kept.empty());
}

TEST_F(CaseStatsTest, ExportsTheFiguresAsCsvAndXlsxToThoseWhoMay) {
  HttpClient supervisor = signedIn(kSupervisorA);
  for (int i = 0; i < 2; ++i) {
    openCaseOf(supervisor, "TransgenderFeminine", "ForcedBegging");
  }
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse csv = officer.get("/api/v1/stats/cases.csv?granularity=month");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.body.rfind("figure,code,label,count\r\n", 0), 0u) << csv.body;
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"strada-case-stats.csv\"");
  // The two people are a small count: the file says so, never the number.
  EXPECT_NE(csv.body.find("gender,TransgenderFeminine,Transgender feminine,suppressed\r\n"),
            std::string::npos)
      << csv.body;
  EXPECT_EQ(csv.body.find("TransgenderFeminine,Transgender feminine,2"), std::string::npos);
  EXPECT_NE(csv.body.find("\r\nstatus,intake,"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("Stats Person"), std::string::npos);
  // A supervisor sees the cases themselves: nothing is suppressed.
  const HttpResponse full = supervisor.get("/api/v1/stats/cases.csv");
  ASSERT_EQ(full.status, 200u);
  EXPECT_NE(full.body.find("gender,TransgenderFeminine,Transgender feminine,2\r\n"),
            std::string::npos)
      << full.body;

  const HttpResponse xlsx = officer.get("/api/v1/stats/cases.xlsx?from=2024-01-01");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  // Wrong parameters name the field; roles that may not download get 403.
  EXPECT_EQ(officer.get("/api/v1/stats/cases.csv?granularity=day").errorField(), "granularity");
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/stats/cases.csv").status, 403u);
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/stats/cases.xlsx").status, 403u);
  EXPECT_EQ(signedIn(kCaseWorkerA).get("/api/v1/stats/cases.csv").status, 403u);
  // Each download is audited, with its period and no person.
  long long audited = 0;
  deployment().database().db().read([&audited](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_events WHERE action = 'case_stats.export'",
        soci::into(audited);
  });
  EXPECT_GE(audited, 3);
}

}  // namespace
}  // namespace strada::testing
