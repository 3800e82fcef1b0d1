// The public site over real HTTP (issue 11, section 1; docs/public-site.md), on SQLite and
// PostgreSQL: the organisation's public profile (GET/PUT /api/v1/public-profile: admins only,
// numbers normalised to E.164, fields named on bad input, optimistic version, audited, the
// address sealed at rest); the pages under /public/ (languages by ?lang and Accept-Language,
// Arabic right to left, the strict CSP, no cookie, the quick exit); and the crawl: with secret
// addresses seeded (a profile's non-public address, agencies' confidential addresses), every GET
// route the server registered and every link of every page, followed to closure, answers without
// any secret address, without a cookie, without naming another origin, each under 100 KB.
#include <boost/json/array.hpp>
#include <deque>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/at_rest.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

constexpr const char* kAdminA = "public.admin@a.example.org";
constexpr const char* kAdminB = "public.admin@b.example.org";
constexpr std::size_t kPageLimit = std::size_t{100} * 1024;

boost::json::object hotlineBody(const std::string& name, const std::string& number) {
  return {{"name", name},
          {"numbers", boost::json::array{number}},
          {"hours", "Mon-Fri 9:00-17:00"},
          {"free_of_charge", true},
          {"languages", boost::json::array{"nl", "en"}},
          {"channels", boost::json::array{
                           boost::json::object{{"kind", "email"}, {"value", "help@a.example.org"}},
                           boost::json::object{{"kind", "chat"}, {"value", "chat on our site"}}}}};
}

class PublicSiteTest : public DeploymentTest<PublicSiteTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgA, kAdminA, "Pia Admin", {"org_admin"}});
    users.push_back({kOrgB, kAdminB, "Pim Admin", {"org_admin"}});
    return users;
  }

 protected:
  static HttpResponse putProfile(HttpClient& c, const boost::json::object& body) {
    return c.request("PUT", "/api/v1/public-profile", toJson(body), CsrfMode::kSession);
  }

  // Writes the profile whatever its version; the answer.
  static HttpResponse publish(HttpClient& c, boost::json::object body) {
    const HttpResponse now = c.get("/api/v1/public-profile");
    EXPECT_EQ(now.status, 200u) << now.body;
    body["version"] = now.json->at("version");
    return putProfile(c, body);
  }

  static HttpResponse page(const std::string& target,
                           const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    HttpClient anyone = client();
    return anyone.request("GET", target, "", CsrfMode::kOmit, headers);
  }
};

TEST_F(PublicSiteTest, ProfileIsTheAdminsOwnNormalisedVersionedAndAudited) {
  HttpClient admin = signedIn(kAdminA);
  HttpClient consultant = signedIn(kConsultantA);
  EXPECT_EQ(consultant.get("/api/v1/public-profile").status, 403u);
  EXPECT_EQ(client().get("/api/v1/public-profile").status, 401u);

  const HttpResponse first = admin.get("/api/v1/public-profile");
  ASSERT_EQ(first.status, 200u) << first.body;
  const std::int64_t version = first.json->at("version").as_int64();

  boost::json::object body{
      {"hotlines", boost::json::array{hotlineBody("Helpline", "020 555 0101")}},
      {"address", "Open Street 1, Amsterdam"},
      {"address_public", true},
      {"version", version}};
  const HttpResponse saved = putProfile(admin, body);
  ASSERT_EQ(saved.status, 200u) << saved.body;
  EXPECT_EQ(saved.json->at("version").as_int64(), version + 1);
  const auto& line = saved.json->at("hotlines").at(0);
  EXPECT_EQ(line.at("numbers").at(0), "+31205550101");  // E.164
  EXPECT_EQ(saved.json->at("address"), "Open Street 1, Amsterdam");

  // The same version again: someone changed it meanwhile.
  const HttpResponse stale = putProfile(admin, body);
  EXPECT_EQ(stale.status, 409u) << stale.body;
  EXPECT_EQ(stale.json->at("error").at("field"), "version");

  // Bad input names its field.
  body["version"] = version + 1;
  boost::json::object bad = hotlineBody("Helpline", "020 555 0101");
  bad["languages"] = boost::json::array{"xx"};
  body["hotlines"] = boost::json::array{bad};
  HttpResponse refused = putProfile(admin, body);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(refused.json->at("error").at("field"), "hotlines[0].languages[0]");
  bad = hotlineBody("Helpline", "call us");
  body["hotlines"] = boost::json::array{bad};
  refused = putProfile(admin, body);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(refused.json->at("error").at("field"), "hotlines[0].numbers[0]");
  bad = hotlineBody("Helpline", "020 555 0101");
  bad["channels"] = boost::json::array{boost::json::object{{"kind", "pigeon"}, {"value", "x"}}};
  body["hotlines"] = boost::json::array{bad};
  refused = putProfile(admin, body);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(refused.json->at("error").at("field"), "hotlines[0].channels[0].kind");
  body["hotlines"] = boost::json::array{hotlineBody("Helpline", "020 555 0101")};
  body["surprise"] = 1;
  refused = putProfile(admin, body);
  EXPECT_EQ(refused.status, 400u);
  EXPECT_EQ(refused.json->at("error").at("field"), "surprise");

  // The consultant may not change it either.
  body.erase("surprise");
  EXPECT_EQ(putProfile(consultant, body).status, 403u);

  const HttpResponse audit = signedIn(kAdminA).get("/api/v1/public-profile");
  ASSERT_EQ(audit.status, 200u);
  EXPECT_EQ(audit.json->at("version").as_int64(), version + 1);
}

TEST_F(PublicSiteTest, PagesByLanguageWithTheStrictPolicyAndNoCookie) {
  HttpClient admin = signedIn(kAdminA);
  ASSERT_EQ(publish(admin, {{"hotlines",
                             boost::json::array{hotlineBody("Line <One> & Co", "020 555 0101")}},
                            {"address", "Open Street 1, Amsterdam"},
                            {"address_public", true}})
                .status,
            200u);

  const HttpResponse home = page("/public/?lang=ro");
  ASSERT_EQ(home.status, 200u) << home.body;
  EXPECT_EQ(home.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(home.body.find("<html lang=\"ro\" dir=\"ltr\">"), std::string::npos);
  EXPECT_NE(home.body.find("Părăsiți rapid acest site"), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/public/hotlines/NL?lang=ro\""), std::string::npos);
  EXPECT_NE(home.body.find("id=\"quick-exit\" href=\"https://www.bbc.com/weather\""),
            std::string::npos);
  const std::string csp = home.header("content-security-policy").value_or("");
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_TRUE(home.headersNamed("set-cookie").empty());

  // One country's hotlines: escaped, the number as E.164 in the link, the public address.
  const HttpResponse nl = page("/public/hotlines/NL?lang=en");
  ASSERT_EQ(nl.status, 200u) << nl.body;
  EXPECT_NE(nl.body.find("Line &lt;One&gt; &amp; Co"), std::string::npos);
  EXPECT_EQ(nl.body.find("Line <One>"), std::string::npos);
  EXPECT_NE(nl.body.find("href=\"tel:+31205550101\""), std::string::npos);
  EXPECT_NE(nl.body.find("Open Street 1, Amsterdam"), std::string::npos);
  EXPECT_NE(nl.body.find("Hotlines in Netherlands"), std::string::npos);
  // The country's name in the page's language: CLDR's, in every language of the site.
  const HttpResponse nl_bg = page("/public/hotlines/NL?lang=bg");
  ASSERT_EQ(nl_bg.status, 200u);
  EXPECT_NE(nl_bg.body.find("Нидерландия"), std::string::npos) << nl_bg.body;
  EXPECT_EQ(nl_bg.body.find("Netherlands"), std::string::npos) << "no English country name";
  EXPECT_NE(page("/public/hotlines/NL?lang=ar").body.find("هولندا"), std::string::npos);
  EXPECT_NE(page("/public/hotlines/NL?lang=uk").body.find("Нідерланди"), std::string::npos);

  // Arabic right to left; Accept-Language when there is no ?lang; an unknown one is English.
  EXPECT_NE(page("/public/hotlines?lang=ar").body.find("<html lang=\"ar\" dir=\"rtl\">"),
            std::string::npos);
  EXPECT_NE(page("/public/", {{"Accept-Language", "de-DE,pl;q=0.8,en;q=0.5"}})
                .body.find("<html lang=\"pl\""),
            std::string::npos);
  EXPECT_NE(page("/public/?lang=xx").body.find("<html lang=\"en\""), std::string::npos);

  // The assets, a page that does not exist, a country not on the list, /public itself.
  const HttpResponse css = page("/public/assets/site.css");
  EXPECT_EQ(css.status, 200u);
  EXPECT_EQ(css.header("content-type"), "text/css; charset=utf-8");
  const HttpResponse js = page("/public/assets/site.js");
  EXPECT_EQ(js.status, 200u);
  EXPECT_NE(js.body.find("location.replace"), std::string::npos);
  EXPECT_EQ(page("/public/nothing-here").status, 404u);
  EXPECT_EQ(page("/public/hotlines/ZZ").status, 404u);
  const HttpResponse bare = page("/public");
  EXPECT_EQ(bare.status, 308u);
  EXPECT_EQ(bare.header("location"), "/public/");
  EXPECT_EQ(page("/public/figures?lang=nl").status, 200u);

  // The JSON of the published hotlines.
  const HttpResponse api = page("/api/v1/public/hotlines");
  ASSERT_EQ(api.status, 200u) << api.body;
  bool found = false;
  for (const auto& item : api.json->at("items").as_array()) {
    found = found || item.at("member") == kOrgA;
  }
  EXPECT_TRUE(found) << api.body;
}

// Every absolute http(s) address named in `body`, but the quick exit's and XML namespaces.
std::vector<std::string> otherOrigins(const std::string& body, std::uint16_t port) {
  static const std::regex kUrl(R"((https?:)?//[A-Za-z0-9.\-]+(:[0-9]+)?)");
  std::vector<std::string> out;
  const std::string self = "//127.0.0.1:" + std::to_string(port);
  for (auto it = std::sregex_iterator(body.begin(), body.end(), kUrl); it != std::sregex_iterator();
       ++it) {
    const std::string found = it->str();
    if (found == "https://www.bbc.com" || found.ends_with(self)) {
      continue;
    }
    // The Atom feed's namespace (xmlns="http://www.w3.org/2005/Atom") names no place to go.
    const auto at = static_cast<std::size_t>(it->position());
    if (at >= 7 && body.compare(at - 7, 7, "xmlns=\"") == 0) {
      continue;
    }
    out.push_back(found);
  }
  return out;
}

TEST_F(PublicSiteTest, NoSecretAddressIsReachableByAnyPublicRequest) {
  const std::string marker = crypto::toHex(crypto::randomBytes(8));
  const std::string profile_secret = "Hidden Shelter Road " + marker + "-P";
  const std::string agency_secret = "Safe House Lane " + marker + "-A";

  // Organisation B's address is secret; A's is public. An agency of each has a confidential one.
  HttpClient admin_b = signedIn(kAdminB);
  ASSERT_EQ(
      publish(admin_b, {{"hotlines", boost::json::array{hotlineBody("Grammi", "+30 210 555 0101")}},
                        {"address", profile_secret},
                        {"address_public", false}})
          .status,
      200u);
  HttpClient admin_a = signedIn(kAdminA);
  ASSERT_EQ(
      publish(admin_a, {{"hotlines", boost::json::array{hotlineBody("Helpline", "020 555 0101")}},
                        {"address", "Open Street 1, Amsterdam"},
                        {"address_public", true}})
          .status,
      200u);
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string agency = createdId(supervisor, "/api/v1/agencies",
                                       {{"name", "Shelter " + marker.substr(0, 6)},
                                        {"type", "shelter"},
                                        {"country", "NL"},
                                        {"city", "Utrecht"},
                                        {"services", boost::json::array{"shelter"}},
                                        {"address", agency_secret},
                                        {"address_confidential", true}});
  ASSERT_FALSE(agency.empty());
  // A published page in two languages and a case study, for the crawl to reach through the
  // footer's links (their routes are crawled anyway, with a slug that is no page's).
  for (const auto& [kind, language] :
       {std::pair<std::string, std::string>{"page", "en"}, {"page", "nl"}, {"case_study", "en"}}) {
    const HttpResponse made =
        admin_a.post("/api/v1/site-pages",
                     toJson({{"kind", kind},
                             {"slug", (kind == "page" ? "page-" : "story-") + marker.substr(0, 6)},
                             {"language", language},
                             {"title", "Crawl " + kind + " " + language},
                             {"body", "Nothing *secret* here."},
                             {"status", "published"}}));
    ASSERT_EQ(made.status, 201u) << made.body;
  }
  // The control: staff do see the secret addresses, so the crawl is searching for something real.
  EXPECT_EQ(admin_b.get("/api/v1/public-profile").json->at("address").as_string(), profile_secret);

  // Every GET route the server registered, and the pages' links to closure.
  std::deque<std::string> queue = {"/", "/index.html", "/public/", "/public/figures"};
  for (const char* l : {"en", "nl", "ro", "bg", "cs", "pl", "uk", "ru", "ar"}) {
    queue.push_back(std::string("/public/?lang=") + l);
  }
  for (const auto& [method, pattern] : deployment().server().routes()) {
    if (method != "GET") {
      continue;
    }
    std::string target = std::regex_replace(pattern, std::regex(R"(\{country\})"), "NL");
    target = std::regex_replace(target, std::regex(R"(\{[a-z_]+\})"), agency);
    queue.push_back(target);
  }
  std::set<std::string> seen;
  std::size_t public_pages = 0;
  static const std::regex kLink(R"re((?:href|src)="(/[^"]*)")re");
  while (!queue.empty()) {
    std::string target = queue.front();
    queue.pop_front();
    for (std::string::size_type at; (at = target.find("&amp;")) != std::string::npos;) {
      target.replace(at, 5, "&");
    }
    if (target.starts_with("/#") || !seen.insert(target).second) {
      continue;
    }
    const HttpResponse r = page(target);
    SCOPED_TRACE(target);
    EXPECT_LT(r.status, 500u) << r.body;
    EXPECT_EQ(r.body.find(marker), std::string::npos) << "a secret address at " << target;
    EXPECT_TRUE(r.headersNamed("set-cookie").empty());
    EXPECT_EQ(otherOrigins(r.body, deployment().port()), std::vector<std::string>{});
    EXPECT_LT(r.body.size(), kPageLimit);
    for (const auto& [name, value] : r.headers) {
      EXPECT_EQ(value.find(marker), std::string::npos) << name;
    }
    if (target.starts_with("/public/") && r.status == 200u) {
      ++public_pages;
      for (auto it = std::sregex_iterator(r.body.begin(), r.body.end(), kLink);
           it != std::sregex_iterator(); ++it) {
        queue.push_back((*it)[1].str());
      }
    }
  }
  // Every page in every language at least (home, all hotlines, two countries, figures), and
  // the assets.
  EXPECT_GE(public_pages, 9U * 5U + 2U);
  EXPECT_TRUE(seen.contains("/public/hotlines/GR?lang=ar"));
  EXPECT_TRUE(seen.contains("/public/pages/page-" + marker.substr(0, 6) + "?lang=nl"));
  EXPECT_TRUE(seen.contains("/public/case-studies/story-" + marker.substr(0, 6) + "?lang=en"));

  // The secret address is sealed at rest; the control (the public one) is in the clear.
  const std::string at_rest = everythingAtRest(deployment().database());
  EXPECT_EQ(at_rest.find(profile_secret), std::string::npos);
  EXPECT_NE(at_rest.find("Open Street 1, Amsterdam"), std::string::npos);
}

}  // namespace
}  // namespace strada::testing
