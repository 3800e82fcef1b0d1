// Pages and case studies over real HTTP (issue 11, section 1; public_site/site_pages.h), on SQLite
// and PostgreSQL: the staff's routes (site_pages.manage: org admins and the network coordinator;
// fields named on bad input, optimistic versions, audited, another organisation's pages answer
// as missing ones); the public pages: drafts never appear, a page shows in the reader's language or
// in another with a note saying so and links to its other languages, case studies are listed
// newest first, the Markdown comes out sanitised, and every public page's footer links to the
// published pages of its language.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

constexpr const char* kAdminA = "pages.admin@a.example.org";
constexpr const char* kAdminB = "pages.admin@b.example.org";
constexpr const char* kCoordinatorA = "pages.coordinator@a.example.org";

class SitePagesTest : public DeploymentTest<SitePagesTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kAdminA, "Pia Admin", {"org_admin"}});
    users.push_back({kOrgB, kAdminB, "Pob Admin", {"org_admin"}});
    users.push_back({kOrgA, kCoordinatorA, "Paco Coordinator", {"network_coordinator"}});
    return users;
  }

 protected:
  static HttpResponse create(HttpClient& c, const boost::json::object& body) {
    return c.post("/api/v1/site-pages", toJson(body));
  }
  static HttpResponse change(HttpClient& c, const std::string& id,
                             const boost::json::object& body) {
    return c.request("PUT", "/api/v1/site-pages/" + id, toJson(body), CsrfMode::kSession);
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
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(SitePagesTest, StaffWriteTheirOwnVersionedAuditedAndNamedFields) {
  HttpClient admin = signedIn(kAdminA);
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient other = signedIn(kAdminB);
  EXPECT_EQ(consultant.get("/api/v1/site-pages").status, 403u);
  EXPECT_EQ(create(consultant, {{"title", "x"}, {"slug", "x"}, {"language", "en"}}).status, 403u);
  EXPECT_EQ(client().get("/api/v1/site-pages").status, 401u);

  const HttpResponse made = create(admin, {{"title", "About the hotline"},
                                           {"slug", "about-the-hotline"},
                                           {"body", "We answer *every* day."},
                                           {"language", "en"}});
  ASSERT_EQ(made.status, 201u) << made.body;
  const std::string id(made.json->at("id").as_string());
  EXPECT_EQ(made.json->at("kind"), "page");
  EXPECT_EQ(made.json->at("status"), "draft");
  EXPECT_TRUE(made.json->at("published_at").is_null());
  EXPECT_EQ(made.json->at("version").as_int64(), 1);
  EXPECT_EQ(audited("site_page.create", id), 1);
  EXPECT_EQ(audited("site_page.publish", id), 0);

  // The same slug in another language is its translation; in the same language, a conflict.
  const HttpResponse dutch = create(
      admin, {{"title", "Over de hulplijn"}, {"slug", "about-the-hotline"}, {"language", "nl"}});
  EXPECT_EQ(dutch.status, 201u) << dutch.body;
  const HttpResponse taken =
      create(admin, {{"title", "Again"}, {"slug", "about-the-hotline"}, {"language", "en"}});
  EXPECT_EQ(taken.status, 409u) << taken.body;
  EXPECT_EQ(taken.json->at("error").at("field"), "slug");
  // Another organisation may use the slug.
  const HttpResponse elsewhere =
      create(other, {{"title", "About B"}, {"slug", "about-the-hotline"}, {"language", "en"}});
  EXPECT_EQ(elsewhere.status, 201u) << elsewhere.body;

  // Bad input names its field.
  const std::string too_long(100001, 'a');
  const std::vector<std::pair<boost::json::object, std::string>> bad = {
      {{{"slug", "x"}, {"language", "en"}}, "title"},
      {{{"title", " "}, {"slug", "x"}, {"language", "en"}}, "title"},
      {{{"title", "x"}, {"language", "en"}}, "slug"},
      {{{"title", "x"}, {"slug", "Not A Slug"}, {"language", "en"}}, "slug"},
      {{{"title", "x"}, {"slug", "x--y"}, {"language", "en"}}, "slug"},
      {{{"title", "x"}, {"slug", "x"}, {"language", "xx"}}, "language"},
      {{{"title", "x"}, {"slug", "x"}, {"language", "en"}, {"kind", "rumour"}}, "kind"},
      {{{"title", "x"}, {"slug", "x"}, {"language", "en"}, {"status", "secret"}}, "status"},
      {{{"title", "x"}, {"slug", "x"}, {"language", "en"}, {"body", too_long}}, "body"},
      {{{"title", "x"}, {"slug", "x"}, {"language", "en"}, {"surprise", 1}}, "surprise"},
  };
  for (const auto& [body, field] : bad) {
    const HttpResponse refused = create(admin, body);
    EXPECT_EQ(refused.status, 400u) << field << refused.body;
    if (refused.json) {
      EXPECT_EQ(refused.json->at("error").at("field").as_string(), field) << field;
    }
  }

  // Publish it; a stale version is a conflict.
  boost::json::object body{{"title", "About the hotline"},
                           {"body", "We answer *every* day."},
                           {"status", "published"},
                           {"version", 1}};
  const HttpResponse published = change(admin, id, body);
  ASSERT_EQ(published.status, 200u) << published.body;
  EXPECT_EQ(published.json->at("version").as_int64(), 2);
  EXPECT_EQ(published.json->at("status"), "published");
  EXPECT_FALSE(published.json->at("published_at").is_null());
  const HttpResponse stale = change(admin, id, body);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("error").at("field"), "version");
  EXPECT_EQ(audited("site_page.update", id), 1);
  EXPECT_EQ(audited("site_page.publish", id), 1);

  // Another organisation's admin neither sees, changes nor deletes it: as if it did not exist.
  const HttpResponse foreign = other.get("/api/v1/site-pages/" + id);
  const HttpResponse missing = other.get("/api/v1/site-pages/" + crypto::newId());
  EXPECT_EQ(foreign.status, 404u);
  EXPECT_EQ(foreign.body, missing.body);
  body["version"] = 2;
  EXPECT_EQ(change(other, id, body).status, 404u);
  EXPECT_EQ(other.del("/api/v1/site-pages/" + id + "?version=2").status, 404u);
  const HttpResponse others = other.get("/api/v1/site-pages");
  ASSERT_EQ(others.status, 200u);
  EXPECT_EQ(others.json->at("items").as_array().size(), 1u);

  // The coordinator of the organisation may too; the filters filter and are checked.
  HttpClient coordinator = signedIn(kCoordinatorA);
  const HttpResponse listed = coordinator.get("/api/v1/site-pages");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  EXPECT_EQ(listed.json->at("items").as_array().size(), 2u);
  const HttpResponse dutch_only = coordinator.get("/api/v1/site-pages?language=nl&kind=page");
  ASSERT_EQ(dutch_only.status, 200u) << dutch_only.body;
  ASSERT_EQ(dutch_only.json->at("items").as_array().size(), 1u);
  EXPECT_EQ(dutch_only.json->at("items").at(0).at("language"), "nl");
  const HttpResponse drafts = coordinator.get("/api/v1/site-pages?status=published");
  EXPECT_EQ(drafts.json->at("items").as_array().size(), 1u);
  EXPECT_EQ(admin.get("/api/v1/site-pages?limit=1").json->at("items").as_array().size(), 1u);
  EXPECT_EQ(admin.get("/api/v1/site-pages?limit=0").status, 400u);
  EXPECT_EQ(admin.get("/api/v1/site-pages?language=xx").json->at("error").at("field"), "language");
  EXPECT_EQ(admin.get("/api/v1/site-pages?kind=news").json->at("error").at("field"), "kind");
  EXPECT_EQ(admin.get("/api/v1/site-pages?status=gone").json->at("error").at("field"), "status");
  EXPECT_EQ(admin.get("/api/v1/site-pages?colour=red").status, 400u);

  // Delete: the version is required and checked.
  const std::string dutch_id(dutch.json->at("id").as_string());
  EXPECT_EQ(admin.del("/api/v1/site-pages/" + dutch_id).status, 400u);
  EXPECT_EQ(admin.del("/api/v1/site-pages/" + dutch_id + "?version=7").status, 409u);
  EXPECT_EQ(admin.del("/api/v1/site-pages/" + dutch_id + "?version=1").status, 204u);
  EXPECT_EQ(admin.get("/api/v1/site-pages/" + dutch_id).status, 404u);
  EXPECT_EQ(audited("site_page.delete", dutch_id), 1);
}

TEST_F(SitePagesTest, PublicPagesShowPublishedPagesInTheReadersLanguageOrSaySo) {
  HttpClient admin = signedIn(kAdminA);
  const std::string marker = crypto::newId().substr(0, 8);
  const std::string slug = "help-" + marker;
  const auto make = [&](const std::string& kind, const std::string& slug_, const std::string& title,
                        const std::string& language, const std::string& status,
                        const std::string& markdown) {
    const HttpResponse r = create(admin, {{"kind", kind},
                                          {"slug", slug_},
                                          {"title", title},
                                          {"summary", "Summary of " + title},
                                          {"body", markdown},
                                          {"language", language},
                                          {"status", status}});
    EXPECT_EQ(r.status, 201u) << r.body;
  };
  const std::string hostile =
      "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> "
      "[click](javascript:alert(3)) & **bold** \"quoted\" < >";
  make("page", slug, "Help " + marker, "en", "published", hostile);
  make("page", slug, "Hulp " + marker, "nl", "published", "Hallo");
  make("page", slug, "Ajutor " + marker, "ro", "draft", "secret draft");
  make("page", "draft-" + marker, "Draft " + marker, "en", "draft", "secret draft");
  make("case_study", "story-" + marker, "Story " + marker, "en", "published", "It *ended* well.");
  make("case_study", "later-" + marker, "Later " + marker, "en", "published", "Later.");
  make("case_study", "hidden-" + marker, "Hidden " + marker, "en", "draft", "secret draft");

  // In English: sanitised, with the layout, and a link to the Dutch one.
  const HttpResponse en = page("/public/pages/" + slug + "?lang=en");
  ASSERT_EQ(en.status, 200u) << en.body;
  EXPECT_TRUE(has(en.body, "Help " + marker));
  EXPECT_TRUE(has(en.body, "<strong>bold</strong>")) << en.body;
  EXPECT_FALSE(has(en.body, "<script>alert"));
  EXPECT_FALSE(has(en.body, "onerror"));
  EXPECT_FALSE(has(en.body, "javascript:"));
  EXPECT_TRUE(has(en.body, "id=\"quick-exit\""));
  // Its other languages (not the header's language switch): Dutch, not the Romanian draft.
  const auto others = en.body.find("<nav aria-label=\"This page in other languages\">");
  ASSERT_NE(others, std::string::npos) << en.body;
  const std::string languages = en.body.substr(others, en.body.find("</nav>", others) - others);
  EXPECT_TRUE(has(languages, "href=\"/public/pages/" + slug + "?lang=nl\"")) << languages;
  EXPECT_FALSE(has(languages, "?lang=ro")) << languages;
  EXPECT_FALSE(has(languages, "?lang=en")) << languages;
  EXPECT_FALSE(has(en.body, "not written in your language"));
  EXPECT_LT(en.body.size(), 100000u);

  // In Dutch (by ?lang or Accept-Language): the Dutch one.
  const HttpResponse nl = page("/public/pages/" + slug + "?lang=nl");
  ASSERT_EQ(nl.status, 200u);
  EXPECT_TRUE(has(nl.body, "Hulp " + marker));
  EXPECT_FALSE(has(nl.body, "Help " + marker + "</h1>"));

  // In Romanian (a draft only) and Czech (none): the English one, saying so, in the reader's
  // language.
  const HttpResponse ro = page("/public/pages/" + slug + "?lang=ro");
  ASSERT_EQ(ro.status, 200u);
  EXPECT_TRUE(has(ro.body, "Help " + marker));
  EXPECT_FALSE(has(ro.body, "secret draft"));
  EXPECT_TRUE(has(ro.body, "class=\"note\"")) << ro.body;
  EXPECT_TRUE(has(ro.body, "Această pagină nu este încă scrisă")) << ro.body;
  EXPECT_TRUE(has(ro.body, "<article class=\"site-page\" lang=\"en\""));

  // Drafts and unknown slugs are not found; a case study's slug is no page's.
  EXPECT_EQ(page("/public/pages/draft-" + marker).status, 404u);
  EXPECT_FALSE(has(page("/public/pages/draft-" + marker).body, "secret draft"));
  EXPECT_EQ(page("/public/pages/no-such-page").status, 404u);
  EXPECT_EQ(page("/public/pages/Not%20a%20slug").status, 404u);
  EXPECT_EQ(page("/public/pages/story-" + marker).status, 404u);
  EXPECT_EQ(page("/public/case-studies/hidden-" + marker).status, 404u);

  // Case studies: newest first, drafts left out; one of them.
  const HttpResponse list = page("/public/case-studies?lang=en");
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_TRUE(has(list.body, "Story " + marker));
  EXPECT_FALSE(has(list.body, "Hidden " + marker));
  EXPECT_LT(list.body.find("Later " + marker), list.body.find("Story " + marker));
  EXPECT_TRUE(has(list.body, "id=\"quick-exit\""));
  EXPECT_EQ(page("/public/case-studies?lang=en&page=0").status, 404u);
  const HttpResponse list_nl = page("/public/case-studies?lang=nl");
  EXPECT_FALSE(has(list_nl.body, "Story " + marker));
  const HttpResponse story = page("/public/case-studies/story-" + marker + "?lang=en");
  ASSERT_EQ(story.status, 200u) << story.body;
  EXPECT_TRUE(has(story.body, "<em>ended</em>"));

  // Every public page's footer links to the language's published pages and the case studies.
  for (const std::string target : {"/public/?lang=en", "/public/news?lang=en",
                                   "/public/figures?lang=en", "/public/case-studies?lang=en"}) {
    const HttpResponse r = page(target);
    SCOPED_TRACE(target);
    EXPECT_TRUE(has(r.body, "<footer>")) << r.body;
    EXPECT_TRUE(has(r.body, "href=\"/public/pages/" + slug + "?lang=en\""));
    EXPECT_TRUE(has(r.body, "href=\"/public/case-studies?lang=en\""));
    EXPECT_FALSE(has(r.body, "draft-" + marker));
  }
  EXPECT_TRUE(has(page("/public/?lang=nl").body, "Hulp " + marker));
  EXPECT_FALSE(has(page("/public/?lang=cs").body, slug));
}

}  // namespace
}  // namespace strada::testing
