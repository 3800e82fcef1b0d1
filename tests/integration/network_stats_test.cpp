// A full statistics round across three real servers (issue 9, sections 3, 4 and 6), on SQLite
// and PostgreSQL: both members import historic yearly figures over the API (member B does not
// collect hotline figures), approve and submit them with the bulk action, compute, approve and
// submit a current yearly report with small counts suppressed; the hub stores every revision
// with its signature, the overview shows the members' figures with B's calls "not collected" and
// left out of the totals with a footnote, suppressed counts never revealed; a resubmission
// replaces the period and keeps the history; a report packet badly signed or signed by an unknown
// key is refused; the coordinator's publication is exactly what the public route shows.
#include <boost/json/array.hpp>
#include <chrono>
#include <ctime>

#include "integration/network_fixture.h"
#include "network/report_submission.h"
#include "store/network_report_repository.h"

namespace strada::testing {
namespace {

const char* const kOfficerA = "officer@ma.example.org";
const char* const kOfficerB = "officer@mb.example.org";
const char* const kSupervisorA = "supervisor@ma.example.org";

int thisYear() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

class NetworkStatsTest : public NetworkFixture {
 protected:
  static HttpClient signedIn(const Deployment& d, const char* email) {
    HttpClient c(d.port());
    const HttpResponse r = c.login(email, kTestPassword);
    EXPECT_EQ(r.status, 200u) << r.body;
    return c;
  }

  static HttpResponse importCsv(HttpClient& c, const std::string& csv) {
    return c.request("POST", "/api/v1/reports/import", csv, CsrfMode::kSession,
                     {{"Content-Type", "application/octet-stream"}});
  }

  // Imports `csv` and approves every report it made; their ids.
  static std::vector<std::string> importAndApprove(HttpClient& c, const std::string& csv) {
    const HttpResponse r = importCsv(c, csv);
    EXPECT_EQ(r.status, 201u) << r.body;
    std::vector<std::string> ids;
    if (!r.json) {
      return ids;
    }
    for (const auto& item : r.json->at("items").as_array()) {
      ids.emplace_back(item.at("id").as_string());
      const HttpResponse approved = c.post("/api/v1/reports/" + ids.back() + "/approve", "{}");
      EXPECT_EQ(approved.status, 200u) << approved.body;
    }
    return ids;
  }

  static void postContacts(HttpClient& c, int n, const std::string& channel,
                           const std::string& at) {
    for (int i = 0; i < n; ++i) {
      boost::json::object contact{{"channel", channel},
                                  {"started_at", at},
                                  {"duration_s", 300},
                                  {"caller_type", "possible_victim"},
                                  {"anonymous", true},
                                  {"language", "en"},
                                  {"category", "safe_migration"},
                                  {"summary", "Caller asked about work permits."}};
      const HttpResponse r = c.post("/api/v1/contacts", boost::json::serialize(contact));
      ASSERT_EQ(r.status, 201u) << r.body;
    }
  }

  static HttpResponse overview(HttpClient& c, int from, int to, const std::string& figures) {
    return c.get("/api/v1/network/overview?from=" + std::to_string(from) +
                 "&to=" + std::to_string(to) + "&figures=" + figures);
  }

  // The overview's cell of `member`, `year`, `figure`.
  static boost::json::object cell(const HttpResponse& r, const std::string& member, int year,
                                  const std::string& figure) {
    for (const auto& row : r.json->at("rows").as_array()) {
      if (row.at("member") == member.c_str() && row.at("year").as_int64() == year) {
        return row.at("figures").at(figure).as_object();
      }
    }
    ADD_FAILURE() << "no row " << member << " " << year;
    return {};
  }

  static boost::json::object total(const HttpResponse& r, const std::string& figure) {
    for (const auto& t : r.json->at("totals").as_array()) {
      if (t.at("figure") == figure.c_str()) {
        return t.as_object();
      }
    }
    ADD_FAILURE() << "no total " << figure;
    return {};
  }

  static std::vector<store::ReceivedReport> received(const std::string& member) {
    domain::Result<std::vector<store::ReceivedReport>> rows;
    hub_data_->db->read(
        [&](soci::session& sql) { rows = store::listReceivedReports(sql, member); });
    return rows ? *rows : std::vector<store::ReceivedReport>{};
  }
};

TEST_F(NetworkStatsTest, AFullRoundReachesTheOverviewWithNotCollectedAndSuppressedLeftOut) {
  HttpClient oa = signedIn(*a_, kOfficerA);
  HttpClient ob = signedIn(*b_, kOfficerB);
  HttpClient coordinator = signedInCoordinator();

  // Member B does not collect hotline figures.
  const HttpResponse settings =
      ob.request("PUT", "/api/v1/reports/settings",
                 boost::json::serialize(boost::json::object{
                     {"small_count_k", 11},
                     {"not_collected",
                      boost::json::array{"contacts.total", "contacts.kind", "contacts.by_category",
                                         "contacts.by_channel", "contacts.by_caller_role"}}}),
                 CsrfMode::kSession);
  ASSERT_EQ(settings.status, 200u) << settings.body;

  // Historic years: imported, a draft cannot leave, approved ones leave in bulk.
  const HttpResponse drafts = importCsv(oa,
                                        "year,figure,value\n"
                                        "2010,contacts.total,4000\n"
                                        "2010,people.total,300\n"
                                        "2011,contacts.total,4100\n"
                                        "2011,people.total,310\n"
                                        "2012,contacts.total,4200\n"
                                        "2012,people.total,5\n");
  ASSERT_EQ(drafts.status, 201u) << drafts.body;
  const std::string draft_id(drafts.json->at("items").as_array()[0].at("id").as_string());
  const HttpResponse not_approved = oa.post("/api/v1/reports/" + draft_id + "/submit", "{}");
  EXPECT_EQ(not_approved.status, 409u) << not_approved.body;
  EXPECT_EQ(not_approved.json->at("error").at("field"), "status");
  std::string a_2011;
  for (const auto& item : drafts.json->at("items").as_array()) {
    const std::string id(item.at("id").as_string());
    if (item.at("start") == "2011-01-01") {
      a_2011 = id;
    }
    ASSERT_EQ(oa.post("/api/v1/reports/" + id + "/approve", "{}").status, 200u);
  }
  importAndApprove(ob,
                   "year,figure,value\n"
                   "2010,contacts.total,not_collected\n"
                   "2010,people.total,250\n"
                   "2011,people.total,260\n"
                   "2012,people.total,270\n");

  // A supervisor may not submit; the data officers submit every approved report at once.
  HttpClient sa = signedIn(*a_, kSupervisorA);
  EXPECT_EQ(sa.post("/api/v1/reports/submit-approved", "{}").status, 403u);
  const HttpResponse bulk_a = oa.post("/api/v1/reports/submit-approved", "{}");
  ASSERT_EQ(bulk_a.status, 200u) << bulk_a.body;
  ASSERT_EQ(bulk_a.json->at("items").as_array().size(), 3u);
  EXPECT_EQ(bulk_a.json->at("items").as_array()[0].at("status"), "submitted");
  EXPECT_EQ(bulk_a.json->at("items").as_array()[0].at("start"), "2010-01-01");
  const HttpResponse bulk_b = ob.post("/api/v1/reports/submit-approved", "{}");
  ASSERT_EQ(bulk_b.status, 200u) << bulk_b.body;
  EXPECT_EQ(bulk_b.json->at("items").as_array().size(), 3u);
  const HttpResponse again = oa.post("/api/v1/reports/" + a_2011 + "/submit", "{}");
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.json->at("error").at("field"), "status");

  // The current year, computed from contacts: 15 by phone, 3 by chat (suppressed, and one more
  // cell with it).
  const int year = thisYear();
  const std::string now_iso =
      domain::formatRfc3339(domain::nowMillis() - domain::UnixMillis{3600} * 1000);
  postContacts(sa, 15, "phone", now_iso);
  postContacts(sa, 3, "chat", now_iso);
  const std::string start = std::to_string(year) + "-01-01";
  const HttpResponse current =
      oa.post("/api/v1/reports",
              boost::json::serialize(boost::json::object{{"period", "year"}, {"start", start}}));
  ASSERT_EQ(current.status, 201u) << current.body;
  const std::string current_id(current.json->at("id").as_string());
  ASSERT_EQ(oa.post("/api/v1/reports/" + current_id + "/approve", "{}").status, 200u);
  const HttpResponse submitted = oa.post("/api/v1/reports/" + current_id + "/submit", "{}");
  ASSERT_EQ(submitted.status, 200u) << submitted.body;
  EXPECT_EQ(submitted.json->at("status"), "submitted");
  EXPECT_FALSE(submitted.json->at("submitted_at").is_null());

  // The hub stores every revision, signed; the members see the hub's acknowledgement.
  ASSERT_TRUE(eventually([&] { return received("MA").size() == 4 && received("MB").size() == 3; }))
      << "the reports did not reach the hub";
  for (const auto& r : received("MA")) {
    EXPECT_EQ(r.key_id, identity(*a_data_).key_id);
    EXPECT_TRUE(crypto::verifyDetached(identity(*a_data_).signing_public,
                                       network::reportSigningForm("MA", r.key_id, r.packet),
                                       *crypto::fromBase64Url(r.signature)));
    EXPECT_EQ(r.packet.find("\"n\":3}"), std::string::npos) << "a suppressed count left A";
  }
  ASSERT_TRUE(eventually([&] {
    const HttpResponse r = oa.get("/api/v1/reports/" + current_id);
    return r.status == 200u && !r.json->at("hub_received_at").is_null();
  })) << "the hub's acknowledgement did not reach member A";

  // The overview.
  const HttpResponse o =
      overview(coordinator, 2010, year, "contacts.total,contacts.by_channel.chat,people.total");
  ASSERT_EQ(o.status, 200u) << o.body;
  EXPECT_EQ(o.json->at("members").as_array().size(), 2u);
  EXPECT_EQ(cell(o, "MA", 2010, "contacts.total").at("n").as_int64(), 4000);
  EXPECT_EQ(cell(o, "MB", 2010, "contacts.total").at("state"), "not_collected");
  EXPECT_TRUE(cell(o, "MB", 2010, "contacts.total").at("n").is_null());
  EXPECT_EQ(cell(o, "MB", year, "contacts.total").at("state"), "not_reported");
  EXPECT_EQ(cell(o, "MA", year, "contacts.total").at("n").as_int64(), 18);
  EXPECT_EQ(cell(o, "MA", year, "contacts.by_channel.chat").at("state"), "suppressed");
  EXPECT_TRUE(cell(o, "MA", year, "contacts.by_channel.chat").at("n").is_null());
  EXPECT_EQ(cell(o, "MA", 2012, "people.total").at("state"), "suppressed");
  const auto calls = total(o, "contacts.total");
  EXPECT_EQ(calls.at("n").as_int64(), 4000 + 4100 + 4200 + 18);
  EXPECT_EQ(calls.at("complete"), false);
  EXPECT_EQ(total(o, "people.total").at("n").as_int64(), 300 + 310 + 250 + 260 + 270);
  bool footnote = false;
  for (const auto& note : o.json->at("footnotes").as_array()) {
    if (note.at("state") == "not_collected" && note.at("figure") == "contacts.total") {
      ASSERT_EQ(note.at("members").as_array().size(), 1u);
      EXPECT_EQ(note.at("members").as_array()[0].at("member"), "MB");
      EXPECT_EQ(note.at("members").as_array()[0].at("years"),
                boost::json::value(boost::json::array{2010, 2011, 2012}));
      footnote = true;
    }
  }
  EXPECT_TRUE(footnote) << o.body;
  for (const auto& c : o.json->at("by_country").as_array()) {
    if (c.at("country") == "GR") {
      EXPECT_EQ(c.at("totals").as_array()[0].at("counted").as_int64(), 0);
    }
  }
  const HttpResponse csv = coordinator.get(
      "/api/v1/network/overview?from=2010&to=2012&figures=contacts.total&format=csv");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_NE(csv.body.find("MB,Member B,GR,2010,1,imported,not collected"), std::string::npos)
      << csv.body;
  const HttpResponse xlsx =
      coordinator.get("/api/v1/network/overview?from=2010&to=2012&format=xlsx");
  ASSERT_EQ(xlsx.status, 200u);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
  EXPECT_EQ(overview(coordinator, 2012, 2010, "contacts.total").status, 400u);
  EXPECT_EQ(overview(coordinator, 2010, 2012, "contacts.by_pigeon").status, 400u);
  EXPECT_EQ(oa.get("/api/v1/network/overview?from=2010&to=2012").status, 403u);

  // A resubmission: a new revision of 2011 replaces it at the hub, the history stays.
  importAndApprove(oa, "year,figure,value\n2011,contacts.total,4150\n2011,people.total,310\n");
  ASSERT_EQ(oa.post("/api/v1/reports/submit-approved", "{}").status, 200u);
  ASSERT_TRUE(eventually([&] { return received("MA").size() == 5; }));
  const HttpResponse o2 = overview(coordinator, 2011, 2011, "contacts.total");
  EXPECT_EQ(cell(o2, "MA", 2011, "contacts.total").at("n").as_int64(), 4150);
  const HttpResponse history = coordinator.get("/api/v1/network/reports?member=MA");
  ASSERT_EQ(history.status, 200u) << history.body;
  int revisions_2011 = 0;
  for (const auto& r : history.json->at("items").as_array()) {
    if (r.at("start") == "2011-01-01") {
      ++revisions_2011;
      EXPECT_EQ(r.at("latest").as_bool(), r.at("revision").as_int64() == 2) << history.body;
    }
  }
  EXPECT_EQ(revisions_2011, 2);

  // Publication: nothing until chosen, then exactly what was chosen.
  HttpClient anyone(hub_->port());
  const HttpResponse none = anyone.get("/api/v1/public/network-figures");
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_TRUE(none.json->at("rows").as_array().empty());
  const HttpResponse chosen = coordinator.request(
      "PUT", "/api/v1/network/publication",
      boost::json::serialize(boost::json::object{{"year_from", 2010},
                                                 {"year_to", 2012},
                                                 {"figures", boost::json::array{"contacts.total"}},
                                                 {"members", boost::json::array{"MA"}},
                                                 {"version", 0}}),
      CsrfMode::kSession);
  ASSERT_EQ(chosen.status, 200u) << chosen.body;
  EXPECT_EQ(chosen.json->at("version").as_int64(), 1);
  const HttpResponse stale = coordinator.request(
      "PUT", "/api/v1/network/publication",
      boost::json::serialize(boost::json::object{{"year_from", 2010},
                                                 {"year_to", 2012},
                                                 {"figures", boost::json::array{"people.total"}},
                                                 {"members", boost::json::array{"MA"}},
                                                 {"version", 0}}),
      CsrfMode::kSession);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  const HttpResponse published = anyone.get("/api/v1/public/network-figures");
  ASSERT_EQ(published.status, 200u);
  EXPECT_EQ(published.json->at("figures"),
            boost::json::value(boost::json::array{"contacts.total"}));
  EXPECT_EQ(published.json->at("members").as_array().size(), 1u);
  EXPECT_EQ(published.json->at("rows").as_array().size(), 3u);
  EXPECT_EQ(total(published, "contacts.total").at("n").as_int64(), 4000 + 4150 + 4200);

  // The public page of the figures (issue 11; docs/public-site.md): with member B published too,
  // its uncollected calls read "not collected" in the table, never 0; a chart and its table.
  const HttpResponse both = coordinator.request(
      "PUT", "/api/v1/network/publication",
      boost::json::serialize(boost::json::object{{"year_from", 2010},
                                                 {"year_to", 2010},
                                                 {"figures", boost::json::array{"contacts.total"}},
                                                 {"members", boost::json::array{"MA", "MB"}},
                                                 {"version", 1}}),
      CsrfMode::kSession);
  ASSERT_EQ(both.status, 200u) << both.body;
  const HttpResponse page = anyone.get("/public/figures?lang=en");
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<h2 id=\"figure-0-h\">Calls and contacts</h2>"), std::string::npos);
  EXPECT_NE(page.body.find("<svg class=\"chart\" role=\"img\""), std::string::npos);
  EXPECT_NE(page.body.find("<th scope=\"row\">Member B</th><td class=\"none\">not collected</td>"),
            std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("<td class=\"n\">4000</td>"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("<td class=\"n\">0</td>"), std::string::npos);
  EXPECT_LT(page.body.size(), 100U * 1024U);
  const HttpResponse in_arabic = anyone.get("/public/figures?lang=ar");
  EXPECT_NE(in_arabic.body.find("<td class=\"none\">لا تُجمع</td>"), std::string::npos);
}

TEST_F(NetworkStatsTest, AReportBadlySignedOrSignedByAnUnknownKeyIsRefused) {
  const network::Identity a = identity(*a_data_);
  const std::string packet =
      R"({"format":"strada.report","definition_version":1,"period":{"kind":"year","start":)"
      R"("2001-01-01","label":"2001"},"revision":1,"origin":"imported","small_count_k":11,)"
      R"("figures":[{"id":"contacts.total","state":"count","n":999}]})";
  const auto deliver = [&](const std::string& key_id, const std::string& signature) {
    const std::string body = network::reportSubmitBody({packet, key_id, signature});
    const domain::UnixMillis at = domain::nowMillis();
    network::Envelope e{
        network::newMessageId(), "MA", "HUB", "report.submit", at, a.key_id, body, {}};
    network::signEnvelope(e, a.signing_seed);
    network::Delivery d{network::newMessageId(), "MA", "HUB", at, a.key_id, {}, std::move(e)};
    network::signHop(d, a.signing_seed);
    return post(network::deliveryJson(d));
  };
  const std::string good =
      crypto::signDetached(a.signing_seed, network::reportSigningForm("MA", a.key_id, packet));
  std::string bad = good;
  bad[0] = static_cast<char>(bad[0] ^ 1);
  EXPECT_EQ(deliver(a.key_id, bad).status, 401u);
  EXPECT_EQ(deliver("0123456789abcdef", good).status, 401u);
  // Signed for another member's code: refused too.
  const std::string other =
      crypto::signDetached(a.signing_seed, network::reportSigningForm("MB", a.key_id, packet));
  EXPECT_EQ(deliver(a.key_id, other).status, 401u);
  for (const auto& r : received("MA")) {
    EXPECT_NE(r.period_start, "2001-01-01");
  }
  // The same packet well signed is stored.
  const HttpResponse ok = deliver(a.key_id, good);
  EXPECT_EQ(ok.status, 200u) << ok.body;
  bool stored = false;
  for (const auto& r : received("MA")) {
    stored = stored || r.period_start == "2001-01-01";
  }
  EXPECT_TRUE(stored);
}

}  // namespace
}  // namespace strada::testing
