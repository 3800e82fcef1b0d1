// The case statistics over real HTTP, on SQLite and PostgreSQL: counts of a known set of cases by
// coded field, small counts suppressed for a data officer (outside the cases' teams) and not for
// a supervisor, 403 for a case worker, 400 naming a bad parameter, and no client or case code in
// the body.
#include <string>
#include <vector>

#include "integration/suite.h"

namespace strada::testing {
namespace {

class CaseStatsTest : public DeploymentTest<CaseStatsTest> {
 protected:
  // Registers a client with these coded fields and opens their case; returns the client code.
  static std::string openCaseOf(HttpClient& c, const std::string& gender,
                                const std::string& exploitation) {
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
    return std::string(made.json->at("client_code").as_string());
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

  static inline int serial_ = 0;
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

  HttpClient officer = signedIn(kDataOfficerA);
  HttpResponse r = officer.get("/api/v1/stats/cases");
  ASSERT_EQ(r.status, 200u) << r.body;
  const boost::json::value& body = *r.json;
  EXPECT_EQ(body.at("small_counts_below").as_int64(), 11);
  EXPECT_EQ(body.at("granularity").as_string(), "year");
  ASSERT_EQ(body.at("opened").as_array().size(), 1u) << r.body;
  EXPECT_EQ(body.at("opened").as_array()[0].at("n").as_int64(), 14);
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

}  // namespace
}  // namespace strada::testing
