// The knowledge base over real HTTP: every route, roles (read for every working role, edit for
// org admins and data officers), the same-organisation rule, validation naming the field,
// optimistic versions (409), search with odd input, and audited writes but unaudited reads.
#include <soci/soci.h>

#include <algorithm>
#include <string>
#include <vector>

#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

constexpr const char* kAdminA = "admin@a.example.org";
constexpr const char* kAdminB = "admin@b.example.org";

boost::json::object validArticle() {
  return {{"kind", "country_sheet"},
          {"country", "DE"},
          {"language", "en"},
          {"title", "Germany: rights at work"},
          {"body", "## Emergency\nCall **112**. Employers may not keep your passport."}};
}

// Percent-encodes a query value (every byte but unreserved characters).
std::string encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class KnowledgeTest : public DeploymentTest<KnowledgeTest> {
 public:
  // The standard users plus an organisation admin in each organisation.
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kAdminA, "Ada Admin", {"org_admin"}});
    users.push_back({kOrgB, kAdminB, "Bo Admin", {"org_admin"}});
    return users;
  }

 protected:
  static std::string create(HttpClient& c, const boost::json::object& body) {
    return createdId(c, "/api/v1/knowledge", body);
  }

  static std::vector<std::string> titles(const HttpResponse& r) {
    std::vector<std::string> out;
    if (!r.json) {
      return out;
    }
    for (const auto& item : r.json->as_object().at("items").as_array()) {
      out.emplace_back(item.as_object().at("title").as_string());
    }
    return out;
  }

  static std::vector<std::string> auditActions(const std::string& id) {
    domain::Result<std::vector<audit::AuditEvent>> events;
    deployment().database().db().read(
        [&](soci::session& sql) { events = store::auditEventsFor(sql, "knowledge_article", id); });
    std::vector<std::string> out;
    if (events) {
      for (auto it = events->rbegin(); it != events->rend(); ++it) {
        out.push_back(it->input.action);
      }
    }
    return out;
  }
};

TEST_F(KnowledgeTest, CreateReadUpdateDeleteWithAudit) {
  HttpClient admin = signedIn(kAdminA);
  const HttpResponse created = admin.post("/api/v1/knowledge", toJson(validArticle()));
  ASSERT_EQ(created.status, 201u) << created.body;
  const auto& a = created.json->as_object();
  const std::string id(a.at("id").as_string());
  EXPECT_EQ(created.header("location").value_or(""), "/api/v1/knowledge/" + id);
  EXPECT_EQ(a.at("version").as_int64(), 1);
  EXPECT_EQ(a.at("kind").as_string(), "country_sheet");
  EXPECT_EQ(a.at("updated_by").as_string(), deployment().userId(kAdminA));

  // A consultant reads it; reads are not audited.
  HttpClient consultant = signedIn(kConsultantA);
  const HttpResponse got = consultant.get("/api/v1/knowledge/" + id);
  ASSERT_EQ(got.status, 200u) << got.body;
  EXPECT_EQ(got.json->as_object().at("body").as_string(), validArticle().at("body").as_string());
  EXPECT_EQ(got.json->as_object().at("title").as_string(), "Germany: rights at work");

  boost::json::object change = validArticle();
  change["title"] = "Germany: rights at work and residence";
  change["version"] = 1;
  const HttpResponse updated =
      admin.request("PUT", "/api/v1/knowledge/" + id, toJson(change), CsrfMode::kSession);
  ASSERT_EQ(updated.status, 200u) << updated.body;
  EXPECT_EQ(updated.json->as_object().at("version").as_int64(), 2);
  EXPECT_EQ(consultant.get("/api/v1/knowledge/" + id).json->as_object().at("title").as_string(),
            "Germany: rights at work and residence");

  // A second edit made from version 1 is stale.
  change["title"] = "Stale edit";
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse stale =
      officer.request("PUT", "/api/v1/knowledge/" + id, toJson(change), CsrfMode::kSession);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_TRUE(stale.hasErrorShape());
  EXPECT_EQ(stale.errorCode(), "conflict");
  EXPECT_EQ(stale.errorField(), "version");
  change["version"] = 2;
  EXPECT_EQ(
      officer.request("PUT", "/api/v1/knowledge/" + id, toJson(change), CsrfMode::kSession).status,
      200u);

  const HttpResponse removed = officer.del("/api/v1/knowledge/" + id);
  EXPECT_EQ(removed.status, 204u) << removed.body;
  EXPECT_EQ(consultant.get("/api/v1/knowledge/" + id).status, 404u);
  EXPECT_EQ(officer.del("/api/v1/knowledge/" + id).status, 404u);

  EXPECT_EQ(auditActions(id), (std::vector<std::string>{"knowledge.create", "knowledge.update",
                                                        "knowledge.update", "knowledge.delete"}));
}

TEST_F(KnowledgeTest, EditingNeedsAdminOrDataOfficerAndCsrf) {
  HttpClient admin = signedIn(kAdminA);
  const std::string id = create(admin, validArticle());
  boost::json::object change = validArticle();
  change["version"] = 1;
  for (const char* who : {kConsultantA, kSupervisorA, kCaseWorkerA}) {
    HttpClient c = signedIn(who);
    EXPECT_EQ(c.post("/api/v1/knowledge", toJson(validArticle())).status, 403u) << who;
    const HttpResponse put =
        c.request("PUT", "/api/v1/knowledge/" + id, toJson(change), CsrfMode::kSession);
    EXPECT_EQ(put.status, 403u) << who;
    EXPECT_TRUE(put.hasErrorShape());
    EXPECT_EQ(c.del("/api/v1/knowledge/" + id).status, 403u) << who;
    // ...but reading is allowed.
    EXPECT_EQ(c.get("/api/v1/knowledge/" + id).status, 200u) << who;
    EXPECT_EQ(c.get("/api/v1/knowledge").status, 200u) << who;
  }
  EXPECT_EQ(admin.post("/api/v1/knowledge", toJson(validArticle()), CsrfMode::kOmit).status, 403u);
  EXPECT_EQ(admin.del("/api/v1/knowledge/" + id, CsrfMode::kOmit).status, 403u);
  EXPECT_EQ(client().get("/api/v1/knowledge").status, 401u);
  EXPECT_EQ(client().get("/api/v1/knowledge/" + id).status, 401u);
}

TEST_F(KnowledgeTest, AnotherOrganisationsArticleIsNotFound) {
  HttpClient admin_b = signedIn(kAdminB);
  boost::json::object b_article = validArticle();
  b_article["title"] = "Zanzibar ORG-B only";
  const std::string id = create(admin_b, b_article);
  ASSERT_FALSE(id.empty());

  HttpClient admin_a = signedIn(kAdminA);
  HttpClient consultant_a = signedIn(kConsultantA);
  EXPECT_EQ(consultant_a.get("/api/v1/knowledge/" + id).status, 404u);
  boost::json::object change = b_article;
  change["version"] = 1;
  EXPECT_EQ(
      admin_a.request("PUT", "/api/v1/knowledge/" + id, toJson(change), CsrfMode::kSession).status,
      404u);
  EXPECT_EQ(admin_a.del("/api/v1/knowledge/" + id).status, 404u);
  EXPECT_TRUE(titles(consultant_a.get("/api/v1/knowledge?q=Zanzibar")).empty());
  EXPECT_EQ(titles(signedIn(kConsultantB).get("/api/v1/knowledge?q=Zanzibar")),
            std::vector<std::string>{"Zanzibar ORG-B only"});
  // Ids that are not id-shaped are simply not found.
  EXPECT_EQ(consultant_a.get("/api/v1/knowledge/..%2F..%2Fetc").status, 404u);
  EXPECT_EQ(consultant_a.get("/api/v1/knowledge/" + std::string(32, 'z')).status, 404u);
}

TEST_F(KnowledgeTest, ValidationNamesTheField) {
  HttpClient admin = signedIn(kAdminA);
  std::vector<std::pair<std::string, boost::json::value>> cases;
  cases.emplace_back("kind", "recipe");
  cases.emplace_back("country", "XX");
  cases.emplace_back("country", "de");
  cases.emplace_back("language", "english");
  cases.emplace_back("title", "");
  cases.emplace_back("title", "   ");
  cases.emplace_back("title", std::string(201, 't'));
  cases.emplace_back("title", "line\nbreak");
  cases.emplace_back("body", std::string(100 * 1024 + 1, 'b'));
  cases.emplace_back("body", "marker \x02 inside");
  cases.emplace_back("title", 5);
  for (const auto& [field, value] : cases) {
    boost::json::object body = validArticle();
    body[field] = value;
    const HttpResponse r = admin.post("/api/v1/knowledge", toJson(body));
    EXPECT_EQ(r.status, 400u) << field << " " << r.body.substr(0, 200);
    EXPECT_TRUE(r.hasErrorShape());
    EXPECT_EQ(r.errorField(), field);
  }
  // 200 Cyrillic letters are 200 characters (400 bytes): accepted.
  boost::json::object cyr = validArticle();
  std::string title;
  for (int i = 0; i < 200; ++i) {
    title += "ж";
  }
  cyr["title"] = title;
  EXPECT_EQ(admin.post("/api/v1/knowledge", toJson(cyr)).status, 201u);
  // An empty country is allowed; unknown and missing fields are named.
  boost::json::object no_country = validArticle();
  no_country.erase("country");
  EXPECT_EQ(admin.post("/api/v1/knowledge", toJson(no_country)).status, 201u);
  boost::json::object extra = validArticle();
  extra["secret"] = true;
  EXPECT_EQ(admin.post("/api/v1/knowledge", toJson(extra)).errorField(), "secret");
  boost::json::object missing = validArticle();
  missing.erase("body");
  EXPECT_EQ(admin.post("/api/v1/knowledge", toJson(missing)).errorField(), "body");
  // PUT needs a version.
  const std::string id = create(admin, validArticle());
  const HttpResponse no_version =
      admin.request("PUT", "/api/v1/knowledge/" + id, toJson(validArticle()), CsrfMode::kSession);
  EXPECT_EQ(no_version.status, 400u);
  EXPECT_EQ(no_version.errorField(), "version");
  boost::json::object zero = validArticle();
  zero["version"] = 0;
  EXPECT_EQ(
      admin.request("PUT", "/api/v1/knowledge/" + id, toJson(zero), CsrfMode::kSession).status,
      400u);
  // Query parameters.
  HttpClient consultant = signedIn(kConsultantA);
  for (const auto& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"kind=x", "kind"},
                                                        {"country=Germany", "country"},
                                                        {"language=xx", "language"},
                                                        {"limit=0", "limit"},
                                                        {"limit=101", "limit"},
                                                        {"limit=abc", "limit"},
                                                        {"sort=title", "sort"},
                                                        {"q=" + std::string(401, 'a'), "q"}}) {
    const HttpResponse r = consultant.get("/api/v1/knowledge?" + query);
    EXPECT_EQ(r.status, 400u) << query;
    EXPECT_EQ(r.errorField(), field) << query;
  }
}

TEST_F(KnowledgeTest, SearchListAndFilters) {
  HttpClient admin = signedIn(kAdminB);  // ORG-B: a clean knowledge base for this test
  boost::json::object pl = validArticle();
  pl["country"] = "PL";
  pl["title"] = "Poland: seasonal work";
  pl["body"] = "Strawberry picking. Emergency number 112. Labour inspectorate in every region.";
  create(admin, pl);
  boost::json::object tip = validArticle();
  tip["kind"] = "safety_tip";
  tip["country"] = "";
  tip["title"] = "Keep your passport";
  tip["body"] = "Never hand your passport to an employer in Poland or elsewhere.";
  create(admin, tip);
  boost::json::object ro = validArticle();
  ro["country"] = "RO";
  ro["language"] = "ro";
  ro["title"] = "România: muncă sezonieră";
  ro["body"] = "Angajatorul nu are voie să vă rețină pașaportul.";
  create(admin, ro);

  HttpClient c = signedIn(kConsultantB);
  const HttpResponse hits = c.get("/api/v1/knowledge?q=poland");
  ASSERT_EQ(hits.status, 200u) << hits.body;
  EXPECT_EQ(titles(hits),
            (std::vector<std::string>{"Poland: seasonal work", "Keep your passport"}));
  const auto& first = hits.json->as_object().at("items").as_array().at(1).as_object();
  EXPECT_NE(std::string(first.at("snippet").as_string()).find("\x02Poland\x03"), std::string::npos);
  EXPECT_EQ(first.at("kind").as_string(), "safety_tip");

  EXPECT_EQ(titles(c.get("/api/v1/knowledge?q=pol&kind=safety_tip")),
            std::vector<std::string>{"Keep your passport"});
  EXPECT_EQ(titles(c.get("/api/v1/knowledge?q=" + encode("pașaportul"))),
            std::vector<std::string>{"România: muncă sezonieră"});
  EXPECT_EQ(titles(c.get("/api/v1/knowledge?q=" + encode("\"a\" OR ( -"))).size(), 0u);
  EXPECT_EQ(c.get("/api/v1/knowledge?q=" + encode("\"a\" OR ( -")).status, 200u);
  EXPECT_EQ(c.get("/api/v1/knowledge?q=" + encode("') OR 1=1; --")).status, 200u);

  // No q (or q without words): a list by country then title, without snippets.
  const HttpResponse list = c.get("/api/v1/knowledge?q=" + encode(" -- "));
  ASSERT_EQ(list.status, 200u);
  // (Other tests add ORG-B articles too: keep only this test's, in the order listed.)
  std::vector<std::string> listed = titles(list);
  std::erase_if(listed, [](const std::string& title) {
    return title != "Keep your passport" && title != "Poland: seasonal work" &&
           title != "România: muncă sezonieră";
  });
  EXPECT_EQ(listed, (std::vector<std::string>{"Keep your passport", "Poland: seasonal work",
                                              "România: muncă sezonieră"}));
  EXPECT_FALSE(list.json->as_object().at("items").as_array().at(0).as_object().contains("snippet"));
  EXPECT_EQ(titles(c.get("/api/v1/knowledge?country=RO&language=ro")),
            std::vector<std::string>{"România: muncă sezonieră"});
  EXPECT_EQ(titles(c.get("/api/v1/knowledge?limit=1")).size(), 1u);
}

// A consultant types the country as the web client names it in their language: the article
// about DE is found as "Duitsland" (nl) and "Germania" (ro), accents folded either way.
TEST_F(KnowledgeTest, CountryNamesInEveryUiLanguageFindTheArticle) {
  HttpClient admin = signedIn(kAdminB);
  boost::json::object de = validArticle();
  de["title"] = "Seasonal work: what to check";  // the country's name is not in the text
  de["body"] = "Ask for the contract in writing before you travel.";
  const std::string de_id = create(admin, de);
  boost::json::object ro = validArticle();
  ro["country"] = "RO";
  ro["title"] = "Returning home: first steps";
  ro["body"] = "Register with the local social assistance office.";
  const std::string ro_id = create(admin, ro);
  ASSERT_FALSE(de_id.empty());
  ASSERT_FALSE(ro_id.empty());

  HttpClient c = signedIn(kConsultantB);
  const auto found = [&](const std::string& q) {
    const HttpResponse r = c.get("/api/v1/knowledge?q=" + encode(q));
    EXPECT_EQ(r.status, 200u) << r.body;
    std::vector<std::string> ids;
    for (const auto& item : r.json->as_object().at("items").as_array()) {
      ids.emplace_back(item.as_object().at("id").as_string());
    }
    return ids;
  };
  const auto has = [](const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  for (const char* name : {"Germany", "Duitsland", "Germania", "duitsland contract"}) {
    const auto ids = found(name);
    EXPECT_TRUE(has(ids, de_id)) << name;
    EXPECT_FALSE(has(ids, ro_id)) << name;
  }
  for (const char* name : {"Romania", "România", "Roemenië", "Roemenie", "ROMANIA"}) {
    const auto ids = found(name);
    EXPECT_TRUE(has(ids, ro_id)) << name;
    EXPECT_FALSE(has(ids, de_id)) << name;
  }
  EXPECT_TRUE(found("Allemagne").empty());  // French is not a UI language
  // Organisation A does not see B's articles by their country's name either.
  HttpClient a = signedIn(kConsultantA);
  const HttpResponse other = a.get("/api/v1/knowledge?q=Duitsland");
  EXPECT_EQ(other.body.find(de_id), std::string::npos);
}

// Articles stored before migration 0010 carry no country names (SQL cannot know them): the next
// start of the server indexes them.
TEST_F(KnowledgeTest, TheNextStartIndexesTheCountryNamesOfOlderArticles) {
  HttpClient admin = signedIn(kAdminB);
  boost::json::object nl = validArticle();
  nl["country"] = "NL";
  nl["title"] = "Agency housing: your rights";
  nl["body"] = "Rent may be deducted from pay only within legal limits.";
  const std::string id = create(admin, nl);
  ASSERT_FALSE(id.empty());
  TestDatabase& tdb = deployment().database();
  const bool sqlite = !tdb.isPostgres();
  // What migration 0010 leaves behind for an article it finds.
  ASSERT_TRUE(tdb.db().write([&](store::WriteContext& w) -> domain::Status {
    w.sql() << "UPDATE knowledge_articles SET country_names = '' WHERE id = :id", soci::use(id);
    if (sqlite) {
      w.sql() << "DELETE FROM knowledge_fts WHERE article_id = :id", soci::use(id);
      w.sql() << "INSERT INTO knowledge_fts (article_id, title, body, country_names) "
                 "SELECT id, title, body, country_names FROM knowledge_articles WHERE id = :id",
          soci::use(id);
    }
    return {};
  }));
  HttpClient before = signedIn(kConsultantB);
  ASSERT_EQ(before.get("/api/v1/knowledge?q=Nederland").body.find(id), std::string::npos);

  deployment().stopServer();
  deployment().startServer();
  HttpClient c = signedIn(kConsultantB);
  for (const char* name : {"Nederland", "Netherlands", "Tarile de Jos"}) {
    const HttpResponse r = c.get("/api/v1/knowledge?q=" + encode(name));
    ASSERT_EQ(r.status, 200u) << r.body;
    EXPECT_NE(r.body.find(id), std::string::npos) << name;
  }
}

}  // namespace
}  // namespace strada::testing
