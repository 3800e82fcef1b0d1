// The second factor, the sessions a user sees, the password change and an administrator's resets
// (issue 10, section 1), over real HTTP against a server that requires a second factor.
#include <chrono>
#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "crypto/totp.h"
#include "integration/at_rest.h"
#include "integration/suite.h"

namespace strada::testing {
namespace {

inline const char* const kAdminA = "admin@a.example.org";
inline const char* const kAdminB = "admin@b.example.org";
inline const char* const kCoordinatorA = "coordinator@a.example.org";
inline const char* const kRuleAdminA = "rule.admin@a.example.org";

std::int64_t nowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string stageOf(const HttpResponse& r) {
  if (!r.json || !r.json->is_object() || !r.json->as_object().contains("stage")) {
    return "";
  }
  return std::string(r.json->as_object().at("stage").as_string());
}

std::string stringAt(const HttpResponse& r, std::string_view key) {
  return std::string(r.json->as_object().at(key).as_string());
}

std::int64_t stepNow() { return crypto::totpStepAt(nowSeconds()); }

// The code of `secret_text` (base32, as the enrolment answered it) at the time step `step`.
// A code is good once per user and the server looks one step either side of now: a test counts
// steps from the one its user enrolled with (the step before now), so that it holds whichever
// second the clock turns.
std::string codeAt(const std::string& secret_text, std::int64_t step) {
  const auto secret = crypto::fromBase32(secret_text);
  EXPECT_TRUE(secret.has_value()) << secret_text;
  return crypto::totpCode(secret.value_or(""),
                          step * static_cast<std::int64_t>(crypto::kTotpStepSeconds));
}
std::string codeOf(const std::string& secret_text) { return codeAt(secret_text, stepNow()); }

std::string codeBody(const std::string& code) {
  return boost::json::serialize(boost::json::object{{"code", code}});
}

class SecondFactorTest : public DeploymentTest<SecondFactorTest> {
 public:
  static std::optional<api::ApiConfig> config() {
    api::ApiConfig cfg;
    cfg.require_second_factor = true;
    cfg.account_lock_after = 8;
    cfg.account_slowdown_after = 1000;
    cfg.address_lock_after = 1000;
    return cfg;
  }
  static std::vector<UserSpec> users() {
    auto all = standardUsers();
    all.push_back({kOrgA, kAdminA, "Ada Admin", {"org_admin"}});
    all.push_back({kOrgB, kAdminB, "Bea Admin", {"org_admin"}});
    all.push_back({kOrgA, kCoordinatorA, "Cor Coordinator", {"network_coordinator"}});
    all.push_back({kOrgA, kRuleAdminA, "Rut Admin", {"org_admin"}});
    all.push_back({kOrgA, "enrol1@a.example.org", "Eva Enrol", {"supervisor"}});
    all.push_back({kOrgA, "enrol2@a.example.org", "Emil Enrol", {"case_worker"}});
    all.push_back({kOrgA, "enrol3@a.example.org", "Elin Enrol", {"case_worker"}});
    all.push_back({kOrgA, "enrol4@a.example.org", "Ebba Enrol", {"consultant"}});
    all.push_back({kOrgA, "enrol5@a.example.org", "Enzo Enrol", {"consultant"}});
    return all;
  }

  // Signs `email` in and enrols a second factor; answers the secret (base32) and the recovery
  // codes. The client is signed in fully afterwards.
  struct Enrolled {
    HttpClient client;
    std::string secret;
    std::vector<std::string> recovery_codes;
    std::int64_t step = 0;  // the step of the code the enrolment used
  };
  static Enrolled enrol(const std::string& email) {
    HttpClient c = client();
    const HttpResponse in = c.login(email, kTestPassword);
    EXPECT_EQ(in.status, 200u) << in.body;
    EXPECT_EQ(stageOf(in), "enrol") << in.body;
    const HttpResponse start = c.post("/api/v1/me/second-factor/enrolment", "");
    EXPECT_EQ(start.status, 200u) << start.body;
    const std::string secret = stringAt(start, "secret");
    const std::int64_t step = stepNow() - 1;
    const HttpResponse done = c.post("/api/v1/me/second-factor", codeBody(codeAt(secret, step)));
    EXPECT_EQ(done.status, 200u) << done.body;
    std::vector<std::string> codes;
    if (done.json) {
      for (const auto& v : done.json->as_object().at("recovery_codes").as_array()) {
        codes.emplace_back(v.as_string());
      }
    }
    return {std::move(c), secret, codes, step};
  }

  static std::string everythingAtRest() {
    return testing::everythingAtRest(deployment().database());
  }

  // Signs `email` in up to the code: stage "code".
  static HttpClient atCode(const std::string& email, std::string_view password = kTestPassword) {
    HttpClient c = client();
    const HttpResponse in = c.login(email, password);
    EXPECT_EQ(in.status, 200u) << in.body;
    EXPECT_EQ(stageOf(in), "code") << in.body;
    return c;
  }
};

TEST_F(SecondFactorTest, ARoleThatReachesSealedDataSetsUpASecondFactorBeforeAnythingElse) {
  HttpClient c = client();
  const HttpResponse in = c.login("enrol1@a.example.org", kTestPassword);
  ASSERT_EQ(in.status, 200u) << in.body;
  EXPECT_EQ(stageOf(in), "enrol");
  EXPECT_EQ(in.json->as_object().at("user").as_object().at("permissions"),
            (boost::json::array{"self.read", "self.security"}));
  const HttpResponse refused = c.get("/api/v1/contacts");
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.errorField(), "second_factor") << refused.body;
  EXPECT_EQ(c.get("/api/v1/me/sessions").status, 403u);

  const HttpResponse start = c.post("/api/v1/me/second-factor/enrolment", "");
  ASSERT_EQ(start.status, 200u) << start.body;
  const std::string secret = stringAt(start, "secret");
  const std::string uri = stringAt(start, "otpauth_uri");
  EXPECT_TRUE(uri.starts_with("otpauth://totp/Strada%20ORG-A%3Aenrol1%40a.example.org?secret="))
      << uri;
  EXPECT_NE(uri.find("&issuer=Strada%20ORG-A"), std::string::npos) << uri;
  EXPECT_TRUE(stringAt(start, "qr_svg").starts_with("<svg ")) << start.body;

  const HttpResponse wrong = c.post("/api/v1/me/second-factor", codeBody("000000"));
  EXPECT_EQ(wrong.status, 400u) << wrong.body;
  EXPECT_EQ(wrong.errorField(), "code");
  const HttpResponse bad = c.post("/api/v1/me/second-factor", R"({"code":"12","extra":1})");
  EXPECT_EQ(bad.status, 400u) << bad.body;

  const HttpResponse done = c.post("/api/v1/me/second-factor", codeBody(codeOf(secret)));
  ASSERT_EQ(done.status, 200u) << done.body;
  EXPECT_EQ(stageOf(done), "full");
  EXPECT_EQ(done.json->as_object().at("recovery_codes").as_array().size(), 10u);
  EXPECT_EQ(c.get("/api/v1/contacts").status, 200u);
  const HttpResponse status = c.get("/api/v1/me/second-factor");
  ASSERT_EQ(status.status, 200u) << status.body;
  EXPECT_EQ(status.json->as_object().at("enabled"), true);
  EXPECT_EQ(status.json->as_object().at("required"), true);
  EXPECT_EQ(status.json->as_object().at("recovery_codes_left"), 10);

  // The secret is sealed at rest: neither its text nor its bytes (raw or base64url) are in the
  // database, where the user's id (the control) is.
  const auto bytes = crypto::fromBase32(secret);
  ASSERT_TRUE(bytes.has_value());
  std::string compact;
  for (char ch : secret) {
    if (ch != '-') {
      compact.push_back(ch);
    }
  }
  const std::string at_rest = everythingAtRest();
  EXPECT_NE(at_rest.find(deployment().userId("enrol1@a.example.org")), std::string::npos);
  EXPECT_EQ(at_rest.find(compact), std::string::npos);
  EXPECT_EQ(at_rest.find(*bytes), std::string::npos);
  EXPECT_EQ(at_rest.find(crypto::toBase64Url(*bytes)), std::string::npos);
}

TEST_F(SecondFactorTest, ASignInNeedsTheCodeAndACodeIsGoodOnce) {
  Enrolled e = enrol("enrol2@a.example.org");
  HttpClient c = atCode("enrol2@a.example.org");
  const HttpResponse refused = c.get("/api/v1/cases");
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.errorField(), "code");
  const HttpResponse wrong = c.post("/api/v1/session/second-factor", codeBody("123456"));
  EXPECT_EQ(wrong.status, 401u) << wrong.body;
  EXPECT_EQ(wrong.errorField(), "code");
  // The enrolment's code is used: a code is good once.
  const HttpResponse replay =
      c.post("/api/v1/session/second-factor", codeBody(codeAt(e.secret, e.step)));
  EXPECT_EQ(replay.status, 401u) << replay.body;
  const HttpResponse ok =
      c.post("/api/v1/session/second-factor", codeBody(codeAt(e.secret, e.step + 1)));
  ASSERT_EQ(ok.status, 200u) << ok.body;
  EXPECT_EQ(stageOf(ok), "full");
  EXPECT_EQ(c.get("/api/v1/cases").status, 200u);
  const HttpResponse again = c.post("/api/v1/session/second-factor", codeBody("123456"));
  EXPECT_EQ(again.status, 409u) << again.body;

  // A recovery code signs in once, typed in any case and grouping.
  HttpClient r = atCode("enrol2@a.example.org");
  std::string typed = e.recovery_codes.front();
  for (char& ch : typed) {
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  const HttpResponse recovered = r.post("/api/v1/session/second-factor", codeBody(typed));
  ASSERT_EQ(recovered.status, 200u) << recovered.body;
  HttpClient r2 = atCode("enrol2@a.example.org");
  const HttpResponse used =
      r2.post("/api/v1/session/second-factor", codeBody(e.recovery_codes.front()));
  EXPECT_EQ(used.status, 401u) << used.body;
  const HttpResponse left = e.client.get("/api/v1/me/second-factor");
  EXPECT_EQ(left.json->as_object().at("recovery_codes_left"), 9);

  // New recovery codes need a current code; the old ones stop working.
  EXPECT_EQ(
      e.client
          .post("/api/v1/me/second-factor/recovery-codes", codeBody(codeAt(e.secret, e.step + 1)))
          .status,
      400u);
  const HttpResponse renewed = e.client.post("/api/v1/me/second-factor/recovery-codes",
                                             codeBody(codeAt(e.secret, e.step + 2)));
  ASSERT_EQ(renewed.status, 200u) << renewed.body;
  HttpClient r3 = atCode("enrol2@a.example.org");
  EXPECT_EQ(r3.post("/api/v1/session/second-factor", codeBody(e.recovery_codes.back())).status,
            401u);
}

TEST_F(SecondFactorTest, FiveWrongCodesEndTheSessionAndWrongCodesLockTheAccount) {
  Enrolled e = enrol("enrol3@a.example.org");
  HttpClient c = atCode("enrol3@a.example.org");
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(c.post("/api/v1/session/second-factor", codeBody("000001")).status, 401u);
  }
  const HttpResponse fifth = c.post("/api/v1/session/second-factor", codeBody("000001"));
  EXPECT_EQ(fifth.status, 401u) << fifth.body;
  EXPECT_NE(fifth.body.find("Sign in again"), std::string::npos) << fifth.body;
  EXPECT_EQ(c.me().status, 401u) << "the fifth wrong code ends the session";
  // A right password does not reset the count of wrong codes: a few more reach the account's
  // lock (8 attempts), and then even the right code is refused.
  HttpClient d = atCode("enrol3@a.example.org");
  int refused = 0;
  for (; refused < 4; ++refused) {
    const HttpResponse r = d.post("/api/v1/session/second-factor", codeBody("000002"));
    if (r.status == 429u) {
      break;
    }
    EXPECT_EQ(r.status, 401u) << r.body;
  }
  EXPECT_LT(refused, 4) << "the account never locked";
  const HttpResponse locked =
      d.post("/api/v1/session/second-factor", codeBody(codeAt(e.secret, e.step + 1)));
  EXPECT_EQ(locked.status, 429u) << locked.body;
  EXPECT_FALSE(locked.header("retry-after").value_or("").empty());
}

TEST_F(SecondFactorTest, AChangedPasswordEndsTheOtherSessionsAndTheUserSeesAndEndsSessions) {
  Enrolled e = enrol("enrol4@a.example.org");
  HttpClient other = atCode("enrol4@a.example.org");
  ASSERT_EQ(
      other.post("/api/v1/session/second-factor", codeBody(codeAt(e.secret, e.step + 1))).status,
      200u);
  HttpClient third = atCode("enrol4@a.example.org");  // stopped at the code

  const HttpResponse listed = e.client.get("/api/v1/me/sessions");
  ASSERT_EQ(listed.status, 200u) << listed.body;
  const auto& items = listed.json->as_object().at("items").as_array();
  ASSERT_EQ(items.size(), 3u) << listed.body;
  std::string current;
  std::string another;
  for (const auto& item : items) {
    const auto& o = item.as_object();
    (o.at("current").as_bool() ? current : another) = std::string(o.at("id").as_string());
    EXPECT_EQ(o.at("id").as_string().size(), 32u);
  }
  EXPECT_EQ(listed.body.find(*e.client.sessionCookie()), std::string::npos);
  EXPECT_EQ(e.client.del("/api/v1/me/sessions/" + current).status, 409u);
  EXPECT_EQ(e.client.del("/api/v1/me/sessions/0123456789abcdef0123456789abcdef").status, 404u);

  const std::string body_wrong =
      R"({"current_password":"not-it-at-all","new_password":"amber-lantern-57-orchard"})";
  const HttpResponse wrong = e.client.post("/api/v1/me/password", body_wrong);
  EXPECT_EQ(wrong.status, 400u) << wrong.body;
  EXPECT_EQ(wrong.errorField(), "current_password");
  const HttpResponse weak = e.client.post(
      "/api/v1/me/password", boost::json::serialize(boost::json::object{
                                 {"current_password", kTestPassword}, {"new_password", "short"}}));
  EXPECT_EQ(weak.status, 400u) << weak.body;
  EXPECT_EQ(weak.errorField(), "new_password");
  const HttpResponse changed = e.client.post(
      "/api/v1/me/password",
      boost::json::serialize(boost::json::object{{"current_password", kTestPassword},
                                                 {"new_password", "amber-lantern-57-orchard"}}));
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(changed.json->as_object().at("other_sessions_ended"), 2);
  EXPECT_EQ(e.client.me().status, 200u);
  EXPECT_EQ(other.me().status, 401u);
  EXPECT_EQ(third.me().status, 401u);
  EXPECT_EQ(client().login("enrol4@a.example.org", kTestPassword).status, 401u);
  HttpClient fresh = atCode("enrol4@a.example.org", "amber-lantern-57-orchard");
  ASSERT_EQ(
      fresh.post("/api/v1/session/second-factor", codeBody(codeAt(e.secret, e.step + 2))).status,
      200u);
  // Ending another session from the list.
  const HttpResponse now = e.client.get("/api/v1/me/sessions");
  for (const auto& item : now.json->as_object().at("items").as_array()) {
    if (!item.as_object().at("current").as_bool()) {
      another = std::string(item.as_object().at("id").as_string());
    }
  }
  EXPECT_EQ(e.client.del("/api/v1/me/sessions/" + another).status, 204u);
  EXPECT_EQ(fresh.me().status, 401u);
}

TEST_F(SecondFactorTest, AnAdministratorResetsAPasswordOrASecondFactorOfTheirOrganisationOnly) {
  Enrolled e = enrol("enrol5@a.example.org");
  const std::string id = deployment().userId("enrol5@a.example.org");
  HttpClient admin = client();
  ASSERT_EQ(admin.login(kAdminA, kTestPassword).status, 200u);
  // The administrator reaches sealed data too: they enrol first.
  const HttpResponse start = admin.post("/api/v1/me/second-factor/enrolment", "");
  ASSERT_EQ(start.status, 200u) << start.body;
  ASSERT_EQ(
      admin.post("/api/v1/me/second-factor", codeBody(codeOf(stringAt(start, "secret")))).status,
      200u);

  const HttpResponse users = admin.get("/api/v1/admin/users");
  ASSERT_EQ(users.status, 200u) << users.body;
  bool listed = false;
  for (const auto& u : users.json->as_object().at("items").as_array()) {
    if (u.as_object().at("id") == boost::json::string(id)) {
      listed = true;
      EXPECT_EQ(u.as_object().at("second_factor"), true);
      EXPECT_EQ(u.as_object().at("email"), "enrol5@a.example.org");
    }
    EXPECT_NE(u.as_object().at("email"), boost::json::string(kConsultantB));
  }
  EXPECT_TRUE(listed) << users.body;

  HttpClient b_admin = signedIn(kAdminB);  // stage enrol: refused before the permission
  EXPECT_EQ(b_admin.post("/api/v1/admin/users/" + id + "/password-reset", "").status, 403u);
  EXPECT_EQ(signedIn(kSupervisorA).get("/api/v1/admin/users").status, 403u);
  EXPECT_EQ(
      admin
          .post("/api/v1/admin/users/" + deployment().userId(kConsultantB) + "/second-factor-reset",
                "")
          .status,
      404u);
  EXPECT_EQ(
      admin.post("/api/v1/admin/users/" + deployment().userId(kAdminA) + "/password-reset", "")
          .status,
      409u);

  // A lost phone: the second factor goes, every session ends, the next sign-in enrols again.
  const HttpResponse reset = admin.post("/api/v1/admin/users/" + id + "/second-factor-reset", "");
  ASSERT_EQ(reset.status, 200u) << reset.body;
  EXPECT_EQ(e.client.me().status, 401u);
  HttpClient again = client();
  EXPECT_EQ(stageOf(again.login("enrol5@a.example.org", kTestPassword)), "enrol");

  // A forgotten password: a temporary one, to be changed before anything else.
  const HttpResponse temp = admin.post("/api/v1/admin/users/" + id + "/password-reset", "");
  ASSERT_EQ(temp.status, 200u) << temp.body;
  const std::string temporary = stringAt(temp, "temporary_password");
  EXPECT_EQ(temporary.size(), 19u) << temporary;
  EXPECT_EQ(again.me().status, 401u);
  HttpClient t = client();
  const HttpResponse in = t.login("enrol5@a.example.org", temporary);
  ASSERT_EQ(in.status, 200u) << in.body;
  EXPECT_EQ(stageOf(in), "enrol");
  const HttpResponse s2 = t.post("/api/v1/me/second-factor/enrolment", "");
  const HttpResponse enrolled =
      t.post("/api/v1/me/second-factor", codeBody(codeOf(stringAt(s2, "secret"))));
  ASSERT_EQ(enrolled.status, 200u) << enrolled.body;
  EXPECT_EQ(stageOf(enrolled), "password");
  const HttpResponse refused = t.get("/api/v1/contacts");
  EXPECT_EQ(refused.status, 403u);
  EXPECT_EQ(refused.errorField(), "new_password");
  const HttpResponse changed =
      t.post("/api/v1/me/password",
             boost::json::serialize(boost::json::object{
                 {"current_password", temporary}, {"new_password", "copper-meadow-81-willow"}}));
  ASSERT_EQ(changed.status, 200u) << changed.body;
  EXPECT_EQ(stageOf(changed), "full");
  EXPECT_EQ(t.get("/api/v1/contacts").status, 200u);
}

TEST_F(SecondFactorTest, TheCoordinatorNeedsNoneUnlessTheOrganisationRequiresItOfAll) {
  HttpClient c = client();
  EXPECT_EQ(stageOf(c.login(kCoordinatorA, kTestPassword)), "full");
  HttpClient admin = client();
  ASSERT_EQ(admin.login(kRuleAdminA, kTestPassword).status, 200u);
  const HttpResponse start = admin.post("/api/v1/me/second-factor/enrolment", "");
  ASSERT_EQ(
      admin.post("/api/v1/me/second-factor", codeBody(codeOf(stringAt(start, "secret")))).status,
      200u);
  const HttpResponse missing =
      admin.request("PUT", "/api/v1/admin/second-factor-rule", "{}", CsrfMode::kSession);
  EXPECT_EQ(missing.status, 400u) << missing.body;
  EXPECT_EQ(missing.errorField(), "all");
  const HttpResponse all = admin.request("PUT", "/api/v1/admin/second-factor-rule",
                                         R"({"all":true})", CsrfMode::kSession);
  ASSERT_EQ(all.status, 200u) << all.body;
  HttpClient d = client();
  EXPECT_EQ(stageOf(d.login(kCoordinatorA, kTestPassword)), "enrol");
  ASSERT_EQ(admin
                .request("PUT", "/api/v1/admin/second-factor-rule", R"({"all":false})",
                         CsrfMode::kSession)
                .status,
            200u);
}

}  // namespace
}  // namespace strada::testing
