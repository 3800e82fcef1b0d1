// `strada demo --cases N` (the bulk generator of app/demo_bulk_cases.h) on SQLite and PostgreSQL:
// every generated case has a client of its organisation with a person key, the person and the
// notes open under that key through the API, the audit chain stays intact, and the case list,
// a case's timeline and the case statistics answer over real HTTP. What the demo shows the public
// (app/demo_public.cpp): each member's hotline on /public/, the Dutch member's secret address on
// no public page, the news in English, Dutch and Romanian without the draft, and six trainings per
// member over two years in its figures.
#include <soci/soci.h>

#include <string>

#include "app/data_dir.h"
#include "app/demo_content.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

class DemoCasesTest : public DeploymentTest<DemoCasesTest> {
 protected:
  static long long count(const std::string& sql_text) {
    auto opened = app::openData(deployment().data());
    EXPECT_TRUE(opened) << opened.error().message;
    long long n = -1;
    opened->db->read([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return n;
  }
};

constexpr const char* kDemoPassword = "strada-demo-2026";

TEST_F(DemoCasesTest, GeneratedCasesAreConsistentAndAnswerOverHttp) {
  ASSERT_EQ(app::runDemo(deployment().data(), {.contacts = 0, .cases = 300, .years = 2}), 0);

  // The eight hand-written cases and the partner's referral of each member, and 300 generated
  // (120 + 105 + 75).
  const std::string demo_cases =
      " FROM cases k JOIN organisations o ON o.id = k.org_id WHERE o.code IN ('NL', 'RO', 'UA')";
  EXPECT_EQ(count("SELECT count(*)" + demo_cases), 327);
  EXPECT_EQ(count("SELECT count(*) FROM cases k LEFT JOIN clients c ON c.id = k.client_id AND "
                  "c.org_id = k.org_id WHERE c.id IS NULL"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM clients c LEFT JOIN client_keys k ON k.client_id = c.id "
                  "WHERE k.wrapped_key IS NULL OR k.wrapped_key = '' OR c.person_sealed = ''"),
            0);
  EXPECT_EQ(count("SELECT count(*) FROM cases k WHERE NOT EXISTS (SELECT 1 FROM "
                  "case_status_history h WHERE h.case_id = k.id AND h.to_status = 'intake')"),
            0);
  const long long entries = count(
      "SELECT (SELECT count(*) FROM case_services) + "
      "(SELECT count(*) FROM case_notes)");
  EXPECT_GT(entries, 300 * 8);
  EXPECT_LT(entries, 300 * 25);
  EXPECT_EQ(count("SELECT count(*) FROM audit_events WHERE action = 'case.create'"), 327);
  // One open possible duplicate per member: a second record of its first demo person.
  EXPECT_EQ(count("SELECT count(*) FROM client_duplicate_flags WHERE status = 'open' AND reason = "
                  "'same_name'"),
            3);
  EXPECT_EQ(app::runAuditVerify(deployment().data()), 0);

  HttpClient worker(deployment().port());
  ASSERT_EQ(worker.login("caseworker@nl.demo.example", kDemoPassword).status, 200u);
  const HttpResponse page = worker.get("/api/v1/cases?status=long_term_assistance&limit=50");
  ASSERT_EQ(page.status, 200u) << page.body;
  const auto ids = itemIds(page);
  ASSERT_GE(ids.size(), 10u) << page.body;
  for (std::size_t i = 0; i < 5; ++i) {
    const HttpResponse kase = worker.get("/api/v1/cases/" + ids[i]);
    ASSERT_EQ(kase.status, 200u) << kase.body;
    const auto& person = kase.json->at("client").at("person");
    ASSERT_TRUE(person.is_object()) << kase.body;
    EXPECT_TRUE(std::string(person.at("full_name").as_string()).ends_with("(demo)"));
    const HttpResponse timeline = worker.get("/api/v1/cases/" + ids[i] + "/timeline");
    ASSERT_EQ(timeline.status, 200u) << timeline.body;
    EXPECT_GE(timeline.json->at("entries").as_array().size(), 6u) << timeline.body;
    const HttpResponse notes = worker.get("/api/v1/cases/" + ids[i] + "/notes");
    ASSERT_EQ(notes.status, 200u) << notes.body;
    for (const auto& note : notes.json->at("items").as_array()) {
      EXPECT_TRUE(std::string(note.at("text").as_string()).ends_with("(demo)."));
    }
  }

  // The police unit's partner account and its earlier referral, waiting in intake.
  HttpClient partner(deployment().port());
  ASSERT_EQ(partner.login("partner@nl.demo.example", kDemoPassword).status, 200u);
  const HttpResponse referrals = partner.get("/api/v1/partner-referrals");
  ASSERT_EQ(referrals.status, 200u) << referrals.body;
  ASSERT_EQ(referrals.json->at("items").as_array().size(), 1u) << referrals.body;
  EXPECT_EQ(referrals.json->at("items").at(0).at("status"), "intake");

  HttpClient supervisor(deployment().port());
  ASSERT_EQ(supervisor.login("supervisor@nl.demo.example", kDemoPassword).status, 200u);
  const HttpResponse stats = supervisor.get("/api/v1/stats/cases");
  ASSERT_EQ(stats.status, 200u) << stats.body;
  long long opened = 0;
  for (const auto& cell : stats.json->at("opened").as_array()) {
    opened += cell.at("n").as_int64();
  }
  EXPECT_EQ(opened, 128) << stats.body;

  // The public pages: each member's hotline; the Dutch member's address, kept secret, nowhere.
  HttpClient visitor(deployment().port());
  const auto publicPage = [&](const std::string& target) {
    const HttpResponse r = visitor.request("GET", target, "", CsrfMode::kOmit);
    EXPECT_EQ(r.status, 200u) << target << " " << r.body;
    EXPECT_EQ(r.body.find(app::kDemoSecretAddress), std::string::npos) << target;
    EXPECT_EQ(r.body.find("Verborgen Hofje"), std::string::npos) << target;
    return r.body;
  };
  const std::string home = publicPage("/public/?lang=en");
  for (const char* country :
       {"/public/hotlines/NL", "/public/hotlines/RO", "/public/hotlines/UA"}) {
    EXPECT_NE(home.find(country), std::string::npos) << country;
  }
  const std::string nl = publicPage("/public/hotlines/NL?lang=en");
  EXPECT_NE(nl.find("href=\"tel:+318000123456\""), std::string::npos) << nl;
  EXPECT_NE(nl.find("Mon-Sun 8:00-22:00"), std::string::npos);
  EXPECT_NE(publicPage("/public/hotlines/RO?lang=en").find("Strada Exemplu 12"), std::string::npos);
  publicPage("/api/v1/public/hotlines");
  const std::string news_en = publicPage("/public/news?lang=en");
  EXPECT_NE(news_en.find("Our hotline now answers every day (demo)"), std::string::npos);
  EXPECT_EQ(news_en.find("Annual report (draft, demo)"), std::string::npos);
  EXPECT_NE(publicPage("/public/news?lang=nl").find("Nieuwe folder voor seizoenswerkers (demo)"),
            std::string::npos);
  EXPECT_NE(publicPage("/public/feed/ro.atom").find("Campanie de informare in gari (demo)"),
            std::string::npos);
  publicPage("/public/figures?lang=en");
  // The network's pages in the reader's language, linked from every page's footer, and the case
  // study.
  EXPECT_NE(home.find("/public/pages/about-the-hotline"), std::string::npos) << home;
  EXPECT_NE(publicPage("/public/pages/about-the-hotline?lang=nl").find("Over de hulplijn"),
            std::string::npos);
  EXPECT_NE(publicPage("/public/pages/how-we-help?lang=ro").find("Cum vă ajutăm"),
            std::string::npos);
  EXPECT_NE(publicPage("/public/case-studies?lang=en").find("/public/case-studies/a-job-abroad"),
            std::string::npos);
  publicPage("/public/case-studies/a-job-abroad?lang=en");

  // Six held trainings per member over the last two years, for several audiences.
  EXPECT_EQ(count("SELECT count(*) FROM trainings"), 18);
  HttpClient admin(deployment().port());
  ASSERT_EQ(admin.login("admin@nl.demo.example", kDemoPassword).status, 200u);
  const HttpResponse profile = admin.get("/api/v1/public-profile");
  ASSERT_EQ(profile.status, 200u) << profile.body;
  EXPECT_EQ(profile.json->at("address").as_string(), app::kDemoSecretAddress);
  EXPECT_EQ(profile.json->at("address_public"), false);
  const HttpResponse news = admin.get("/api/v1/news");
  ASSERT_EQ(news.status, 200u) << news.body;
  EXPECT_EQ(news.json->at("items").as_array().size(), 3u) << news.body;
}

}  // namespace
}  // namespace strada::testing
