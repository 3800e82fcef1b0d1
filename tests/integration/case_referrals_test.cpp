// A case's outgoing referrals over real HTTP, on SQLite and PostgreSQL: every referral is a
// share checked against the person's consent (issue 8, section 3). Refused without a consent in
// force (none, withdrawn, expired) with 409 consent_required on "consent"; allowed under a
// consent naming the agency or the kind its type falls under; a supervisor's override with a
// reason is sealed, audited as consent.override, listed and on the timeline; a case worker or a
// data officer may not override; another organisation's case is a 404; fields refused by name.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"
#include "integration/suite.h"
#include "store/audit_repository.h"

namespace strada::testing {
namespace {

namespace json = boost::json;

constexpr const char* kCaseWorkerB = "referrals.worker@b.example.org";

class CaseReferralsTest : public DeploymentTest<CaseReferralsTest> {
 public:
  static std::vector<UserSpec> users() {
    auto users = standardUsers();
    users.push_back({kOrgB, kCaseWorkerB, "Rea Worker", {"case_worker"}});
    return users;
  }

 protected:
  static std::string newCase(HttpClient& c) {
    const std::string tag = crypto::toHex(crypto::randomBytes(4));
    const std::string client = createdId(
        c, "/api/v1/clients",
        {{"person", {{"full_name", "Referred Person " + tag}}}, {"coded", json::object{}}});
    return createdId(c, "/api/v1/cases",
                     {{"client_id", client},
                      {"referral", {{"source_type", "police"}, {"referred_on", "2024-05-01"}}}});
  }
  // An agency of organisation A's directory of `type`, made by its supervisor.
  static std::string agency(const std::string& type) {
    HttpClient sup = signedIn(kSupervisorA);
    return createdId(sup, "/api/v1/agencies",
                     {{"name", "Referral " + type + " " + crypto::toHex(crypto::randomBytes(3))},
                      {"type", type},
                      {"country", "NL"},
                      {"city", "Utrecht"},
                      {"languages", json::array{"nl"}},
                      {"services", json::array{}},
                      {"address_confidential", false}});
  }
  static json::object shareConsent(const json::object& with, const std::string& given_on,
                                   const std::string& expires_on = "") {
    json::object body{
        {"kind", "share"}, {"share_with", with}, {"given_as", "written"}, {"given_on", given_on}};
    if (!expires_on.empty()) {
      body["expires_on"] = expires_on;
    }
    return body;
  }
  static json::object referral(const std::string& agency_id, const std::string& purpose) {
    return {{"agency_id", agency_id}, {"purpose", purpose}};
  }
  static int events(const std::string& id, const std::string& action) {
    domain::Result<std::vector<audit::AuditEvent>> found;
    deployment().database().db().read(
        [&](soci::session& sql) { found = store::auditEventsFor(sql, "case", id); });
    int n = 0;
    for (const auto& e : found.value()) {
      n += e.input.action == action ? 1 : 0;
    }
    return n;
  }
  static long long clearRows(const std::string& text) {
    long long n = 0;
    const std::string pattern = "%" + text + "%";  // soci::use keeps a reference: a named value
    deployment().database().db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM case_referrals WHERE purpose_sealed LIKE :t OR "
             "override_reason_sealed LIKE :t2",
          soci::into(n), soci::use(pattern), soci::use(pattern);
    });
    return n;
  }
};

TEST_F(CaseReferralsTest, ARefusalWithoutConsentThenReferralsUnderAgencyAndKindConsents) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/referrals";
  const std::string shelter = agency("shelter");
  const std::string legal = agency("legal_service");
  const std::string purpose = "Safe housing from tonight " + crypto::toHex(crypto::randomBytes(4));

  const HttpResponse refused = worker.post(base, toJson(referral(shelter, purpose)));
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(refused.errorCode(), "consent_required");
  EXPECT_EQ(refused.errorField(), "consent");
  EXPECT_NE(refused.body.find("supervisor"), std::string::npos) << refused.body;

  // A consent to share with shelters (the kind) allows any shelter.
  ASSERT_EQ(worker
                .post("/api/v1/cases/" + id + "/consents",
                      toJson(shareConsent({{"kind", "shelter"}}, "2024-05-02")))
                .status,
            201u);
  const HttpResponse made = worker.post(base, toJson(referral(shelter, purpose)));
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_EQ(made.json->at("purpose"), json::value(purpose));
  EXPECT_EQ(made.json->at("share_kind"), "shelter");
  EXPECT_EQ(made.json->at("status"), "sent");
  EXPECT_EQ(made.json->at("override"), nullptr);
  EXPECT_NE(made.json->at("consent_id"), nullptr);
  EXPECT_EQ(made.json->at("target").at("agency_type"), "shelter");
  EXPECT_EQ(clearRows(purpose), 0);
  EXPECT_EQ(events(id, "case_referral.create"), 1);

  // A legal service falls under no kind: only a consent naming that agency allows it.
  EXPECT_EQ(worker.post(base, toJson(referral(legal, "Advice on the labour claim"))).status, 409u);
  ASSERT_EQ(worker
                .post("/api/v1/cases/" + id + "/consents",
                      toJson(shareConsent({{"agency_id", legal}}, "2024-05-02")))
                .status,
            201u);
  EXPECT_EQ(worker.post(base, toJson(referral(legal, "Advice on the labour claim"))).status, 201u);

  const HttpResponse list = worker.get(base);
  ASSERT_EQ(list.status, 200u) << list.body;
  EXPECT_EQ(list.json->at("items").as_array().size(), 2u);
  EXPECT_EQ(events(id, "case_referral.list"), 1);
  // A data officer sees the referral's codes, never its purpose.
  HttpClient officer = signedIn(kDataOfficerA);
  const HttpResponse coded = officer.get(base);
  ASSERT_EQ(coded.status, 200u) << coded.body;
  EXPECT_EQ(coded.json->at("items").at(0).at("purpose"), nullptr);
  // The timeline shows the referral.
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  EXPECT_NE(timeline.body.find("\"kind\":\"referral\""), std::string::npos) << timeline.body;
}

TEST_F(CaseReferralsTest, AWithdrawnOrExpiredConsentNoLongerAllowsASharePoliceByType) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/referrals";
  const std::string border = agency("border_guard");  // falls under "police"
  const std::string consents = "/api/v1/cases/" + id + "/consents";
  const HttpResponse given =
      worker.post(consents, toJson(shareConsent({{"kind", "police"}}, "2024-05-02")));
  ASSERT_EQ(given.status, 201u) << given.body;
  EXPECT_EQ(worker.post(base, toJson(referral(border, "Report to the border police"))).status,
            201u);
  const std::string consent(given.json->at("id").as_string());
  ASSERT_EQ(worker.post(consents + "/" + consent + "/withdrawal", toJson(json::object{})).status,
            200u);
  const HttpResponse withdrawn = worker.post(base, toJson(referral(border, "Report again")));
  EXPECT_EQ(withdrawn.status, 409u) << withdrawn.body;
  EXPECT_EQ(withdrawn.errorCode(), "consent_required");
  // Expired: given in January, ended in March.
  ASSERT_EQ(
      worker.post(consents, toJson(shareConsent({{"kind", "police"}}, "2024-01-02", "2024-03-01")))
          .status,
      201u);
  EXPECT_EQ(worker.post(base, toJson(referral(border, "Report again"))).errorCode(),
            "consent_required");
}

TEST_F(CaseReferralsTest, ASupervisorOverridesWithAReasonAuditedListedAndOnTheTimeline) {
  HttpClient worker = signedIn(kCaseWorkerA);
  HttpClient sup = signedIn(kSupervisorA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/referrals";
  const std::string police = agency("police");
  const std::string reason = "Immediate danger to life " + crypto::toHex(crypto::randomBytes(4));
  json::object body = referral(police, "Protection order");
  body["override_reason"] = reason;

  // Neither a case worker nor a data officer may override.
  const HttpResponse by_worker = worker.post(base, toJson(body));
  EXPECT_EQ(by_worker.status, 403u) << by_worker.body;
  HttpClient officer = signedIn(kDataOfficerA);
  EXPECT_EQ(officer.post(base, toJson(body)).status, 403u);
  EXPECT_EQ(officer.get("/api/v1/consent-overrides").status, 403u);
  EXPECT_EQ(worker.get("/api/v1/consent-overrides").status, 403u);

  const HttpResponse made = sup.post(base, toJson(body));
  ASSERT_EQ(made.status, 201u) << made.body;
  EXPECT_EQ(made.json->at("consent_id"), nullptr);
  EXPECT_EQ(made.json->at("override").at("reason"), json::value(reason));
  EXPECT_EQ(made.json->at("override").at("by").at("name"), "Sam Supervisor");
  EXPECT_EQ(clearRows(reason), 0);
  EXPECT_EQ(events(id, "consent.override"), 1);
  EXPECT_EQ(events(id, "case_referral.create"), 1);

  const HttpResponse overrides = sup.get("/api/v1/consent-overrides");
  ASSERT_EQ(overrides.status, 200u) << overrides.body;
  bool listed = false;
  for (const auto& item : overrides.json->at("items").as_array()) {
    listed = listed || item.at("case_id") == json::value(id);
    EXPECT_EQ(item.at("override").at("reason"), nullptr);  // sealed: on the case only
  }
  EXPECT_TRUE(listed) << overrides.body;
  const HttpResponse timeline = worker.get("/api/v1/cases/" + id + "/timeline");
  EXPECT_NE(timeline.body.find("\"kind\":\"referral_override\""), std::string::npos)
      << timeline.body;
}

TEST_F(CaseReferralsTest, FieldsAreRefusedByNameAndAnotherOrganisationsCaseIsNotFound) {
  HttpClient worker = signedIn(kCaseWorkerA);
  const std::string id = newCase(worker);
  const std::string base = "/api/v1/cases/" + id + "/referrals";
  const std::string shelter = agency("shelter");
  EXPECT_EQ(worker.post(base, toJson({{"purpose", "x"}})).errorField(), "target");
  EXPECT_EQ(worker.post(base, toJson({{"agency_id", shelter}})).errorField(), "purpose");
  EXPECT_EQ(worker.post(base, toJson({{"agency_id", shelter}, {"purpose", "   "}})).errorField(),
            "purpose");
  EXPECT_EQ(worker.post(base, toJson({{"agency_id", "no-such-agency"}, {"purpose", "Housing"}}))
                .errorField(),
            "agency_id");
  EXPECT_EQ(worker
                .post(base, toJson({{"agency_id", shelter},
                                    {"purpose", "Housing"},
                                    {"referred_on", "2999-01-01"}}))
                .errorField(),
            "referred_on");
  EXPECT_EQ(worker
                .post(base, toJson({{"agency_id", shelter},
                                    {"purpose", "Housing"},
                                    {"override_reason", "short"}}))
                .errorField(),
            "override_reason");
  EXPECT_EQ(worker
                .post(base, toJson({{"member", {{"name", "Partner NGO"}, {"country", "romania"}}},
                                    {"purpose", "Return support"}}))
                .errorField(),
            "member.country");
  // A member organisation of the network falls under "member".
  const HttpResponse member =
      worker.post(base, toJson({{"member", {{"name", "Partner NGO"}, {"country", "RO"}}},
                                {"purpose", "Return support"}}));
  EXPECT_EQ(member.errorCode(), "consent_required") << member.body;

  HttpClient other = signedIn(kCaseWorkerB);
  EXPECT_EQ(other.get(base).status, 404u);
  EXPECT_EQ(other.post(base, toJson(referral(shelter, "Housing"))).status, 404u);
}

}  // namespace
}  // namespace strada::testing
