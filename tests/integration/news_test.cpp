// News items and statements over real HTTP (issue 11, section 2; public_site/news.h), on SQLite
// and PostgreSQL: the staff's routes (news.manage: org admins and the network coordinator; fields
// named on bad input, optimistic versions, audited, another organisation's items not found); the
// public pages and the Atom feeds: drafts never appear, another language's items are not in this
// language's feed, an unknown language is 404, the body's Markdown comes out sanitised, and the
// feed is well-formed XML that validates against tests/data/atom.rng (RFC 4287 appendix B) with
// xmllint.
#include <soci/soci.h>

#include <boost/json/array.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

constexpr const char* kAdminA = "news.admin@a.example.org";
constexpr const char* kAdminB = "news.admin@b.example.org";
constexpr const char* kCoordinatorA = "news.coordinator@a.example.org";

class NewsTest : public DeploymentTest<NewsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kAdminA, "Nia Admin", {"org_admin"}});
    users.push_back({kOrgB, kAdminB, "Nob Admin", {"org_admin"}});
    users.push_back({kOrgA, kCoordinatorA, "Nico Coordinator", {"network_coordinator"}});
    return users;
  }

 protected:
  static HttpResponse create(HttpClient& c, const boost::json::object& body) {
    return c.post("/api/v1/news", toJson(body));
  }
  static HttpResponse change(HttpClient& c, const std::string& id,
                             const boost::json::object& body) {
    return c.request("PUT", "/api/v1/news/" + id, toJson(body), CsrfMode::kSession);
  }
  static HttpResponse page(const std::string& target) { return client().get(target); }

  static int audited(const std::string& action, const std::string& object) {
    int n = 0;
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM audit_events WHERE action = :a AND object_id = :o",
          soci::into(n), soci::use(action), soci::use(object);
    });
    return n;
  }

  // What `xmllint <args> file` says of `xml` (its exit status and output).
  static std::pair<int, std::string> xmllint(const std::string& args, const std::string& xml) {
    const auto dir = std::filesystem::temp_directory_path();
    const auto file = dir / ("strada-feed-" + crypto::newId() + ".atom");
    const auto out = dir / ("strada-feed-" + crypto::newId() + ".txt");
    std::ofstream(file) << xml;
    const std::string command =
        "xmllint " + args + " " + file.string() + " > " + out.string() + " 2>&1";
    const int status = std::system(command.c_str());
    std::ifstream in(out);
    std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(file);
    std::filesystem::remove(out);
    return {status, said};
  }

  static void expectValidAtom(const std::string& xml) {
    // RFC 4287's Schematron rule that RELAX NG does not check: a feed whose entries have no
    // author of their own has one (this feed has both).
    const auto entry = xml.find("<entry>");
    EXPECT_NE(xml.substr(0, entry).find("<author><name>"), std::string::npos) << xml;
    const auto [formed, formed_said] = xmllint("--noout", xml);
    EXPECT_EQ(formed, 0) << formed_said << xml;
    const auto [valid, valid_said] = xmllint(
        std::string("--noout --relaxng ") + STRADA_SOURCE_DIR + "/tests/data/atom.rng", xml);
    EXPECT_EQ(valid, 0) << valid_said << xml;
  }
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(NewsTest, StaffWriteTheirOwnVersionedAuditedAndNamedFields) {
  HttpClient admin = signedIn(kAdminA);
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient other = signedIn(kAdminB);
  EXPECT_EQ(consultant.get("/api/v1/news").status, 403u);
  EXPECT_EQ(create(consultant, {{"title", "x"}, {"language", "en"}}).status, 403u);
  EXPECT_EQ(client().get("/api/v1/news").status, 401u);

  const HttpResponse made = create(admin, {{"title", "New hotline hours, from May"},
                                           {"summary", "Longer hours."},
                                           {"body", "We now answer *every* day."},
                                           {"language", "en"},
                                           {"tags", boost::json::array{"hotline", "hours"}}});
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string id(made.json->at("id").as_string());
  EXPECT_EQ(made.json->at("slug"), "new-hotline-hours-from-may");
  EXPECT_EQ(made.json->at("status"), "draft");
  EXPECT_EQ(made.json->at("kind"), "news");
  EXPECT_TRUE(made.json->at("published_at").is_null());
  EXPECT_EQ(made.json->at("version").as_int64(), 1);
  EXPECT_EQ(audited("news.create", id), 1);

  // The same title again: another slug.
  const HttpResponse twin =
      create(admin, {{"title", "New hotline hours, from May"}, {"language", "en"}});
  ASSERT_EQ(twin.status, 201u) << twin.body;
  EXPECT_EQ(twin.json->at("slug"), "new-hotline-hours-from-may-2");
  // A slug given that is taken: 409 naming it.
  const HttpResponse taken = create(
      admin, {{"title", "Other"}, {"language", "en"}, {"slug", "new-hotline-hours-from-may"}});
  EXPECT_EQ(taken.status, 409u) << taken.body;
  EXPECT_EQ(taken.json->at("error").at("field"), "slug");

  // Bad input names its field.
  const std::vector<std::pair<boost::json::object, std::string>> bad = {
      {{{"language", "en"}}, "title"},
      {{{"title", ""}, {"language", "en"}}, "title"},
      {{{"title", "x"}, {"language", "xx"}}, "language"},
      {{{"title", "x"}, {"language", "en"}, {"kind", "rumour"}}, "kind"},
      {{{"title", "x"}, {"language", "en"}, {"status", "secret"}}, "status"},
      {{{"title", "x"}, {"language", "en"}, {"slug", "Not A Slug"}}, "slug"},
      {{{"title", "x"}, {"language", "en"}, {"tags", boost::json::array{"a,b"}}}, "tags[0]"},
      {{{"title", "x"}, {"language", "en"}, {"published_at", "yesterday"}}, "published_at"},
      {{{"title", "x"}, {"language", "en"}, {"surprise", 1}}, "surprise"},
  };
  for (const auto& [body, field] : bad) {
    const HttpResponse refused = create(admin, body);
    EXPECT_EQ(refused.status, 400u) << toJson(body) << refused.body;
    if (refused.json) {
      EXPECT_EQ(refused.json->at("error").at("field").as_string(), field) << toJson(body);
    }
  }

  // Publish it; a stale version is a conflict.
  boost::json::object body{{"title", "New hotline hours, from May"},
                           {"summary", "Longer hours."},
                           {"body", "We now answer *every* day."},
                           {"language", "en"},
                           {"status", "published"},
                           {"version", 1}};
  const HttpResponse published = change(admin, id, body);
  ASSERT_EQ(published.status, 200u) << published.body;
  EXPECT_EQ(published.json->at("version").as_int64(), 2);
  EXPECT_EQ(published.json->at("status"), "published");
  EXPECT_FALSE(published.json->at("published_at").is_null());
  EXPECT_EQ(published.json->at("slug"), "new-hotline-hours-from-may");  // stable
  const HttpResponse stale = change(admin, id, body);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("error").at("field"), "version");
  EXPECT_EQ(audited("news.update", id), 1);

  // Another organisation's admin neither sees nor changes it.
  EXPECT_EQ(other.get("/api/v1/news/" + id).status, 404u);
  body["version"] = 2;
  EXPECT_EQ(change(other, id, body).status, 404u);
  EXPECT_EQ(other.del("/api/v1/news/" + id + "?version=2").status, 404u);
  const HttpResponse others = other.get("/api/v1/news");
  ASSERT_EQ(others.status, 200u);
  EXPECT_TRUE(others.json->at("items").as_array().empty());

  // The coordinator of the organisation may too.
  HttpClient coordinator = signedIn(kCoordinatorA);
  const HttpResponse listed = coordinator.get("/api/v1/news");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.json->at("items").as_array().size(), 2u);
  EXPECT_EQ(admin.get("/api/v1/news?limit=0").status, 400u);

  // Delete: the version is required and checked.
  const std::string twin_id(twin.json->at("id").as_string());
  EXPECT_EQ(admin.del("/api/v1/news/" + twin_id).status, 400u);
  EXPECT_EQ(admin.del("/api/v1/news/" + twin_id + "?version=7").status, 409u);
  EXPECT_EQ(admin.del("/api/v1/news/" + twin_id + "?version=1").status, 204u);
  EXPECT_EQ(admin.get("/api/v1/news/" + twin_id).status, 404u);
  EXPECT_EQ(audited("news.delete", twin_id), 1);
}

TEST_F(NewsTest, PagesAndFeedsShowPublishedItemsOfTheirLanguageOnly) {
  HttpClient admin = signedIn(kAdminA);
  const std::string marker = crypto::newId().substr(0, 8);
  const auto make = [&](const std::string& title, const std::string& language,
                        const std::string& status, const std::string& markdown) {
    const HttpResponse r = create(admin, {{"title", title},
                                          {"summary", "Summary of " + title},
                                          {"body", markdown},
                                          {"language", language},
                                          {"kind", "statement"},
                                          {"tags", boost::json::array{"t-" + marker}},
                                          {"status", status}});
    EXPECT_EQ(r.status, 201u) << r.body;
    return r.json ? std::string(r.json->at("slug").as_string()) : std::string();
  };
  const std::string hostile =
      "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> "
      "[click](javascript:alert(3)) & **bold** \"quoted\" < >";
  const std::string published = make("Published " + marker, "en", "published", hostile);
  const std::string draft = make("Draft " + marker, "en", "draft", "secret draft");
  const std::string dutch = make("Nieuws " + marker, "nl", "published", "Hallo");
  const std::string arabic = make("خبر " + marker, "ar", "published", "مرحبا");

  // The list in English: the published item, not the draft nor the Dutch one.
  const HttpResponse list = page("/public/news?lang=en");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_TRUE(has(list.body, "Published " + marker));
  EXPECT_FALSE(has(list.body, "Draft " + marker));
  EXPECT_FALSE(has(list.body, "Nieuws " + marker));
  EXPECT_TRUE(has(list.body, "id=\"quick-exit\""));
  EXPECT_TRUE(has(list.body, "/public/feed/en.atom"));
  const HttpResponse list_nl = page("/public/news?lang=nl");
  EXPECT_TRUE(has(list_nl.body, "Nieuws " + marker));
  EXPECT_FALSE(has(list_nl.body, "Published " + marker));
  EXPECT_EQ(page("/public/news?lang=en&page=0").status, 404u);

  // One item: sanitised, with the layout; a draft's slug is not found.
  const HttpResponse item = page("/public/news/" + published + "?lang=en");
  ASSERT_EQ(item.status, 200u) << item.body;
  EXPECT_TRUE(has(item.body, "<strong>bold</strong>")) << item.body;
  EXPECT_FALSE(has(item.body, "<script>alert"));
  EXPECT_FALSE(has(item.body, "onerror"));
  EXPECT_FALSE(has(item.body, "javascript:"));
  EXPECT_TRUE(has(item.body, "id=\"quick-exit\""));
  EXPECT_EQ(page("/public/news/" + draft).status, 404u);
  EXPECT_FALSE(has(page("/public/news/" + draft).body, "secret draft"));
  EXPECT_EQ(page("/public/news/no-such-item").status, 404u);

  // The feeds.
  const HttpResponse feed = page("/public/feed/en.atom");
  ASSERT_EQ(feed.status, 200u) << feed.body;
  EXPECT_TRUE(has(feed.header("content-type").value_or(""), "application/atom+xml"));
  EXPECT_TRUE(has(feed.body, "Published " + marker));
  EXPECT_TRUE(has(feed.body, "/public/news/" + published + "?lang=en"));
  EXPECT_FALSE(has(feed.body, "Draft " + marker));
  EXPECT_FALSE(has(feed.body, "secret draft"));
  EXPECT_FALSE(has(feed.body, "Nieuws " + marker));
  EXPECT_FALSE(has(feed.body, "<script"));  // the HTML content is escaped text, and sanitised
  EXPECT_FALSE(has(feed.body, "&lt;script"));
  EXPECT_FALSE(has(feed.body, "javascript:"));
  EXPECT_TRUE(has(feed.body, "&lt;strong&gt;bold&lt;/strong&gt;"));
  EXPECT_TRUE(has(feed.body, "<category term=\"t-" + marker + "\"/>"));
  expectValidAtom(feed.body);
  // The ids are stable.
  EXPECT_EQ(page("/public/feed/en.atom").body, feed.body);

  const HttpResponse feed_nl = page("/public/feed/nl.atom");
  ASSERT_EQ(feed_nl.status, 200u);
  EXPECT_TRUE(has(feed_nl.body, "Nieuws " + marker));
  EXPECT_FALSE(has(feed_nl.body, "Published " + marker));
  expectValidAtom(feed_nl.body);
  const HttpResponse feed_ar = page("/public/feed/ar.atom");
  ASSERT_EQ(feed_ar.status, 200u);
  EXPECT_TRUE(has(feed_ar.body, "خبر " + marker));
  expectValidAtom(feed_ar.body);
  // A language with nothing published yet: an empty but valid feed.
  const HttpResponse empty = page("/public/feed/bg.atom");
  ASSERT_EQ(empty.status, 200u);
  EXPECT_FALSE(has(empty.body, "<entry>"));
  expectValidAtom(empty.body);

  for (const char* unknown : {"/public/feed/xx.atom", "/public/feed/de.atom", "/public/feed/en",
                              "/public/feed/en.rss", "/public/feed/.atom"}) {
    EXPECT_EQ(page(unknown).status, 404u) << unknown;
  }

  // Unpublishing takes it off the page and the feed.
  const HttpResponse mine = admin.get("/api/v1/news");
  ASSERT_EQ(mine.status, 200u);
  for (const auto& v : mine.json->at("items").as_array()) {
    if (v.at("slug").as_string() == published) {
      boost::json::object body{{"title", v.at("title")},
                               {"language", "en"},
                               {"body", v.at("body")},
                               {"status", "draft"},
                               {"version", v.at("version")}};
      ASSERT_EQ(change(admin, std::string(v.at("id").as_string()), body).status, 200u);
    }
  }
  EXPECT_FALSE(has(page("/public/feed/en.atom").body, "Published " + marker));
  EXPECT_EQ(page("/public/news/" + published).status, 404u);
}

}  // namespace
}  // namespace strada::testing
