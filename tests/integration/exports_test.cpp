// The standard exports over real HTTP, on SQLite and PostgreSQL: the HTCDS 2.0 file's header is
// the standard's field names and names no person; the CTDC file holds only people with a
// research consent in force, every class of at least k (11 unless more is asked) with its
// report; each export is audited with its number of rows; a case worker gets 403, k = 5 a 422 on
// "k", a bad date a 400 on its field.
#include <soci/soci.h>

#include <map>
#include <string>
#include <vector>

#include "integration/suite.h"

namespace strada::testing {
namespace {

class ExportsTest : public DeploymentTest<ExportsTest> {
 protected:
  struct Person {
    const char* gender;
    const char* citizenship;
    const char* exploitation;
  };

  // Registers a client and opens their case, with a consent of each of `consents`; returns the
  // client code.
  static std::string openCase(HttpClient& c, const Person& p,
                              const std::vector<std::string>& consents) {
    boost::json::object client{
        {"person", {{"full_name", "Export Person " + std::to_string(++serial_)}}},
        {"coded",
         {{"gender", p.gender},
          {"age_band", "age_25_34"},
          {"citizenships", boost::json::array{p.citizenship}},
          {"countries_exploitation", boost::json::array{"NL"}},
          {"exploitation_types", boost::json::array{p.exploitation}}}}};
    const HttpResponse made = c.post("/api/v1/clients", toJson(client));
    EXPECT_EQ(made.status, 201u) << made.body;
    boost::json::object kase{
        {"client_id", made.json->at("id")},
        {"referral", {{"source_type", "police"}, {"referred_on", "2024-03-01"}}}};
    const HttpResponse opened = c.post("/api/v1/cases", toJson(kase));
    EXPECT_EQ(opened.status, 201u) << opened.body;
    const std::string case_id(opened.json->at("id").as_string());
    for (const std::string& kind : consents) {
      boost::json::object body{{"kind", kind}, {"given_as", "written"}, {"given_on", "2024-01-15"}};
      const HttpResponse given = c.post("/api/v1/cases/" + case_id + "/consents", toJson(body));
      EXPECT_EQ(given.status, 201u) << given.body;
    }
    return std::string(made.json->at("client_code").as_string());
  }

  // Once per suite: 12 women from Romania and 3 men from Ukraine who consent to research, and 12
  // non-conforming people who consent to statistics only.
  static void ensureCases() {
    if (!client_codes_.empty()) {
      return;
    }
    HttpClient supervisor = signedIn(kSupervisorA);
    for (int i = 0; i < 12; ++i) {
      client_codes_.push_back(openCase(supervisor, {"Feminine", "RO", "SexualExploitation"},
                                       {"research", "statistics"}));
    }
    for (int i = 0; i < 3; ++i) {
      client_codes_.push_back(
          openCase(supervisor, {"Masculine", "UA", "ForcedLabour"}, {"research"}));
    }
    for (int i = 0; i < 12; ++i) {
      client_codes_.push_back(
          openCase(supervisor, {"NonConforming", "MD", "ForcedBegging"}, {"statistics"}));
    }
  }

  static std::vector<std::string> lines(const std::string& csv) {
    std::vector<std::string> out;
    for (std::size_t at = 0; at < csv.size();) {
      const std::size_t end = csv.find("\r\n", at);
      out.push_back(csv.substr(at, end - at));
      at = end == std::string::npos ? csv.size() : end + 2;
    }
    return out;
  }

  static long long auditedRows(const std::string& action) {
    long long n = 0;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_events WHERE action = :a", soci::into(n),
          soci::use(action);
    });
    return n;
  }

  static inline int serial_ = 0;
  static inline std::vector<std::string> client_codes_;
};

TEST_F(ExportsTest, HtcdsFileHasTheStandardsFieldNamesAndNamesNoPerson) {
  ensureCases();
  HttpClient officer = signedIn(kDataOfficerA);
  const long long before = auditedRows("export.htcds");
  const HttpResponse csv = officer.get("/api/v1/exports/htcds?from=2000-01-01&format=csv");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"strada-htcds.csv\"");
  const std::vector<std::string> rows = lines(csv.body);
  ASSERT_GE(rows.size(), 28u);
  EXPECT_EQ(rows[0].rfind("strada_ClientCode,strada_CaseCode,strada_OpenedOn,prs_Gender,", 0), 0u)
      << rows[0];
  for (const char* field : {"prs_Citizenship", "vic_TypeOfExploitation", "vic_TraffickingStatus",
                            "cas_Status", "con_Consent"}) {
    EXPECT_NE(rows[0].find(field), std::string::npos) << field;
  }
  for (const std::string& code : client_codes_) {
    EXPECT_NE(csv.body.find(code), std::string::npos) << code;
  }
  EXPECT_NE(csv.body.find(",Feminine,"), std::string::npos);
  EXPECT_NE(csv.body.find(",SexualExploitation,"), std::string::npos);
  EXPECT_EQ(csv.body.find("Export Person"), std::string::npos);
  EXPECT_EQ(csv.body.find("prs_FirstName"), std::string::npos);
  EXPECT_EQ(auditedRows("export.htcds"), before + 1);
  // The audit event says how many rows left, never who.
  std::string object;
  deployment().database().db().read([&object](soci::session& sql) {
    sql << "SELECT object_id FROM audit_events WHERE action = 'export.htcds' ORDER BY seq DESC "
           "LIMIT 1",
        soci::into(object);
  });
  EXPECT_EQ(object, "from=2000-01-01;to=-;rows=" + std::to_string(rows.size() - 1));

  const HttpResponse xlsx = officer.get("/api/v1/exports/htcds?format=xlsx");
  ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));
  // A period before any case: the header alone.
  const HttpResponse empty = officer.get("/api/v1/exports/htcds?from=2001-01-01&to=2001-12-31");
  ASSERT_EQ(empty.status, 200u);
  EXPECT_EQ(lines(empty.body).size(), 1u) << empty.body;
}

TEST_F(ExportsTest, CtdcFileHoldsOnlyResearchConsentsInClassesOfAtLeastK) {
  ensureCases();
  HttpClient officer = signedIn(kDataOfficerA);
  const long long before = auditedRows("export.ctdc");
  const HttpResponse r = officer.post("/api/v1/exports/ctdc", R"({"k": 11, "year_span": 5})");
  ASSERT_EQ(r.status, 200u) << r.body;
  const boost::json::object& report = r.json->at("report").as_object();
  EXPECT_EQ(report.at("k").as_int64(), 11);
  EXPECT_GE(report.at("without_consent").as_int64(), 12);
  EXPECT_GE(report.at("records_suppressed").as_int64(), 3);
  EXPECT_EQ(report.at("steps").as_array().back().at("step").as_string(), "suppression");
  const std::string csv(r.json->at("file").at("content").as_string());
  const std::vector<std::string> rows = lines(csv);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0],
            "yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,"
            "typeOfExploitConcatenated");
  std::map<std::string, int> classes;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ++classes[rows[i]];
  }
  ASSERT_FALSE(classes.empty()) << csv;
  for (const auto& [line, n] : classes) {
    EXPECT_GE(n, 11) << line;
  }
  EXPECT_EQ(report.at("records_out").as_int64(), static_cast<std::int64_t>(rows.size() - 1));
  // Twelve people consented to statistics only: never in the file, though they would make a class.
  EXPECT_EQ(csv.find("NonConforming"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("ForcedBegging"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",Feminine,age_25_34,RO,NL,SexualExploitation"), std::string::npos) << csv;
  for (const std::string& code : client_codes_) {
    EXPECT_EQ(r.body.find(code), std::string::npos);
  }
  EXPECT_EQ(auditedRows("export.ctdc"), before + 1);

  // A higher k: the twelve are too few now.
  const HttpResponse strict = officer.post("/api/v1/exports/ctdc", R"({"k": 13})");
  ASSERT_EQ(strict.status, 200u) << strict.body;
  EXPECT_EQ(strict.json->at("report").at("k").as_int64(), 13);
  EXPECT_EQ(strict.body.find("RO,NL,SexualExploitation"), std::string::npos) << strict.body;
}

TEST_F(ExportsTest, NamesPeopleOnlyForASupervisorWhoAsksAndAuditsEachRead) {
  ensureCases();
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse refused = officer.get("/api/v1/exports/htcds?identifying=true");
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.errorField(), "identifying");
  EXPECT_EQ(officer.get("/api/v1/exports/htcds?identifying=yes").errorField(), "identifying");

  HttpClient supervisor = signedIn(kSupervisorA);
  const long long reads_before = auditedRows("client.read");
  const HttpResponse named = supervisor.get("/api/v1/exports/htcds?identifying=true");
  ASSERT_EQ(named.status, 200u) << named.body;
  const std::vector<std::string> rows = lines(named.body);
  EXPECT_EQ(rows[0].rfind("strada_ClientCode,strada_CaseCode,prs_FirstName,prs_SecondName,"
                          "prs_Birthdate,strada_OpenedOn,",
                          0),
            0u)
      << rows[0];
  EXPECT_NE(named.body.find("Export Person 1,"), std::string::npos);
  // Each person named is recorded as read, besides the export itself.
  EXPECT_EQ(auditedRows("client.read"), reads_before + static_cast<long long>(rows.size()) - 1);
  // Without asking, a supervisor's file names no one either.
  EXPECT_EQ(supervisor.get("/api/v1/exports/htcds").body.find("Export Person"), std::string::npos);
}

TEST_F(ExportsTest, RefusesCaseWorkersALowKAndBadDates) {
  HttpClient worker = signedIn(kCaseWorkerA);
  EXPECT_EQ(worker.get("/api/v1/exports/htcds").status, 403u);
  EXPECT_EQ(worker.post("/api/v1/exports/ctdc", "{}").status, 403u);
  EXPECT_EQ(signedIn(kConsultantA).get("/api/v1/exports/htcds").status, 403u);

  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse low = officer.post("/api/v1/exports/ctdc", R"({"k": 5})");
  EXPECT_EQ(low.status, 422u) << low.body;
  EXPECT_EQ(low.errorField(), "k");
  const HttpResponse span = officer.post("/api/v1/exports/ctdc", R"({"year_span": 0})");
  EXPECT_EQ(span.status, 422u) << span.body;
  EXPECT_EQ(span.errorField(), "year_span");
  const HttpResponse bad_from = officer.post("/api/v1/exports/ctdc", R"({"from": "2024-02-30"})");
  EXPECT_EQ(bad_from.status, 400u);
  EXPECT_EQ(bad_from.errorField(), "from");
  EXPECT_EQ(officer.post("/api/v1/exports/ctdc", R"({"kk": 11})").errorField(), "kk");
  const HttpResponse bad_to = officer.get("/api/v1/exports/htcds?from=2024-05-01&to=2024-04-01");
  EXPECT_EQ(bad_to.status, 400u);
  EXPECT_EQ(bad_to.errorField(), "to");
  EXPECT_EQ(officer.get("/api/v1/exports/htcds?from=May").errorField(), "from");
  EXPECT_EQ(officer.get("/api/v1/exports/htcds?format=pdf").errorField(), "format");
  EXPECT_EQ(officer.get("/api/v1/exports/htcds?name=x").errorField(), "name");
}

}  // namespace
}  // namespace strada::testing
