// A partner agency's intake form and its own referrals (issue 8, section 2), through HTTP on a
// real database: the partner account of one directory agency registers a person and opens an
// unassigned intake case with its agency as referral source; it lists only its agency's
// referrals, with codes and stages alone; every other case, client, contact or statistics route
// refuses it.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "admin/organisations.h"
#include "integration/suite.h"
#include "store/audit_repository.h"

namespace strada::testing {
namespace {

const char* const kPolicePartner = "police.partner@a.example.org";
const char* const kSocialPartner = "social.partner@a.example.org";

class PartnerReferralTest : public DeploymentTest<PartnerReferralTest> {
 public:
  static void SetUpTestSuite() {
    DeploymentTest<PartnerReferralTest>::SetUpTestSuite();
    if (!deployment_) {
      return;
    }
    HttpClient supervisor = signedIn(kSupervisorA);
    police_agency_ = createdId(supervisor, "/api/v1/agencies", agency("Police unit", "police"));
    social_agency_ =
        createdId(supervisor, "/api/v1/agencies", agency("Social team", "social_service"));
    for (const auto& [email, agency_id] :
         {std::pair{kPolicePartner, police_agency_}, std::pair{kSocialPartner, social_agency_}}) {
      auto added = addPartner(email, agency_id);
      EXPECT_TRUE(added.has_value()) << email << ": " << added.error().message;
    }
  }

 protected:
  static boost::json::object agency(const std::string& name, const std::string& type) {
    return {{"name", name},
            {"type", type},
            {"country", "NL"},
            {"city", "Amsterdam"},
            {"languages", boost::json::array{"nl"}},
            {"services", boost::json::array{"identification"}}};
  }

  static domain::Result<domain::User> addPartner(const std::string& email,
                                                 const std::string& agency_id,
                                                 std::vector<std::string> roles = {"partner"}) {
    return admin::addUser(deployment().database().db(), kOrgA,
                          {email, "Pat Partner", std::move(roles), std::string(kTestPassword),
                           std::nullopt, agency_id});
  }

  static boost::json::object referral(const std::string& name) {
    return {{"person",
             {{"full_name", name},
              {"other_names", boost::json::array{"Nickname"}},
              {"birth_date", "1998-02-03"},
              {"phones", boost::json::array{"+31 6 1234 5678"}}}},
            {"coded", {{"gender", "Feminine"}, {"primary_language", "en"}}},
            {"reason", "Found at a car wash; says her papers were taken."},
            {"person_agreed", true},
            {"referred_on", "2024-05-02"}};
  }

  // The items of GET /api/v1/partner-referrals as `c`.
  static boost::json::array listed(HttpClient& c) {
    const HttpResponse r = c.get("/api/v1/partner-referrals");
    EXPECT_EQ(r.status, 200u) << r.body;
    return r.json ? r.json->at("items").as_array() : boost::json::array{};
  }

  inline static std::string police_agency_;
  inline static std::string social_agency_;
};

TEST_F(PartnerReferralTest, SubmittingOpensAnUnassignedIntakeCaseWithTheAgencyAsSource) {
  HttpClient partner = signedIn(kPolicePartner);
  const HttpResponse r =
      partner.post("/api/v1/partner-referrals", toJson(referral("Referred Person One")));
  ASSERT_EQ(r.status, 201u) << r.body;
  const auto& made = r.json->as_object();
  EXPECT_EQ(made.at("status"), "intake");
  EXPECT_EQ(made.at("accepted"), false);
  EXPECT_EQ(made.at("referred_on"), "2024-05-02");
  EXPECT_EQ(r.body.find("Referred Person One"), std::string::npos) << "no name comes back";
  EXPECT_EQ(r.body.find("car wash"), std::string::npos) << "no reason comes back";
  const std::string case_code(made.at("case_code").as_string());

  // The supervisor sees the new intake, unassigned, and opens it: source, agency, person, reason.
  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse page = supervisor.get("/api/v1/cases?status=intake");
  ASSERT_EQ(page.status, 200u) << page.body;
  std::string case_id;
  for (const auto& item : page.json->at("items").as_array()) {
    if (item.at("case_code") == case_code.c_str()) {
      case_id = item.at("id").as_string();
      EXPECT_TRUE(item.at("assigned_to").is_null());
    }
  }
  ASSERT_FALSE(case_id.empty()) << page.body;
  const HttpResponse kase = supervisor.get("/api/v1/cases/" + case_id);
  ASSERT_EQ(kase.status, 200u) << kase.body;
  EXPECT_EQ(kase.json->at("referral").at("source_type"), "police");
  EXPECT_EQ(kase.json->at("referral").at("agency_id"), police_agency_.c_str());
  EXPECT_EQ(kase.json->at("referral").at("referred_on"), "2024-05-02");
  EXPECT_EQ(kase.json->at("client").at("person").at("full_name"), "Referred Person One");
  EXPECT_EQ(kase.json->at("client").at("coded").at("gender"), "Feminine");
  const HttpResponse notes = supervisor.get("/api/v1/cases/" + case_id + "/notes");
  ASSERT_EQ(notes.status, 200u) << notes.body;
  EXPECT_NE(notes.body.find("car wash"), std::string::npos) << notes.body;

  // Search before create finds the person by the blind indexes.
  const HttpResponse found =
      supervisor.post("/api/v1/clients/search", toJson({{"full_name", "referred person one"}}));
  ASSERT_EQ(found.status, 200u) << found.body;
  EXPECT_EQ(found.json->at("matches").as_array().size(), 1u) << found.body;
}

TEST_F(PartnerReferralTest, SocialServiceMapsToSocialWorkerAndEachAgencySeesOnlyItsOwn) {
  HttpClient police = signedIn(kPolicePartner);
  HttpClient social = signedIn(kSocialPartner);
  const HttpResponse a = police.post("/api/v1/partner-referrals", toJson(referral("Police Ref")));
  const HttpResponse b = social.post("/api/v1/partner-referrals", toJson(referral("Social Ref")));
  ASSERT_EQ(a.status, 201u) << a.body;
  ASSERT_EQ(b.status, 201u) << b.body;
  const auto codes = [](const boost::json::array& items) {
    std::vector<std::string> out;
    for (const auto& i : items) {
      out.emplace_back(i.at("case_code").as_string());
      EXPECT_FALSE(i.as_object().contains("person"));
    }
    return out;
  };
  const auto police_codes = codes(listed(police));
  const auto social_codes = codes(listed(social));
  const std::string a_code(a.json->at("case_code").as_string());
  const std::string b_code(b.json->at("case_code").as_string());
  EXPECT_NE(std::find(police_codes.begin(), police_codes.end(), a_code), police_codes.end());
  EXPECT_EQ(std::find(police_codes.begin(), police_codes.end(), b_code), police_codes.end());
  EXPECT_EQ(social_codes, std::vector<std::string>{b_code});

  HttpClient supervisor = signedIn(kSupervisorA);
  const HttpResponse page = supervisor.get("/api/v1/cases?status=intake");
  for (const auto& item : page.json->at("items").as_array()) {
    if (item.at("case_code") == b_code.c_str()) {
      const HttpResponse kase =
          supervisor.get("/api/v1/cases/" + std::string(item.at("id").as_string()));
      EXPECT_EQ(kase.json->at("referral").at("source_type"), "social_worker");
      EXPECT_EQ(kase.json->at("referral").at("agency_id"), social_agency_.c_str());
    }
  }
}

TEST_F(PartnerReferralTest, TheListingIsAuditedAndHoldsNoSealedField) {
  HttpClient partner = signedIn(kPolicePartner);
  ASSERT_EQ(partner.post("/api/v1/partner-referrals", toJson(referral("Unlisted Name"))).status,
            201u);
  const HttpResponse r = partner.get("/api/v1/partner-referrals");
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(r.body.find("Unlisted Name"), std::string::npos);
  EXPECT_EQ(r.body.find("car wash"), std::string::npos);
  for (const auto& item : r.json->at("items").as_array()) {
    EXPECT_EQ(item.as_object().size(), 6u) << item;  // codes, date, stage, accepted, submitted
  }
  domain::Result<std::vector<audit::AuditEvent>> events;
  deployment().database().db().read([&](soci::session& sql) {
    events = store::auditEventsFor(sql, "cases",
                                   "rows=" + std::to_string(r.json->at("items").as_array().size()));
  });
  ASSERT_TRUE(events.has_value());
  bool listed = false;
  for (const auto& e : *events) {
    listed = listed || (e.input.action == "referral.list" &&
                        e.input.actor_user_id == deployment().userId(kPolicePartner));
  }
  EXPECT_TRUE(listed);
}

TEST_F(PartnerReferralTest, APartnerIsRefusedEveryOtherRecord) {
  HttpClient partner = signedIn(kPolicePartner);
  for (const char* target :
       {"/api/v1/cases", "/api/v1/contacts", "/api/v1/stats/contacts", "/api/v1/stats/cases",
        "/api/v1/agencies", "/api/v1/users", "/api/v1/tasks", "/api/v1/knowledge?q=visa"}) {
    const HttpResponse r = partner.get(target);
    EXPECT_EQ(r.status, 403u) << target << ": " << r.body;
  }
  for (const char* target : {"/api/v1/clients", "/api/v1/clients/search", "/api/v1/cases",
                             "/api/v1/contacts", "/api/v1/agencies"}) {
    const HttpResponse r = partner.post(target, "{}");
    EXPECT_EQ(r.status, 403u) << target << ": " << r.body;
  }
  const HttpResponse me = partner.me();
  ASSERT_EQ(me.status, 200u);
  std::vector<std::string> permissions;
  for (const auto& p : me.json->at("user").at("permissions").as_array()) {
    permissions.emplace_back(p.as_string());
  }
  EXPECT_EQ(permissions,
            (std::vector<std::string>{"codes.read", "referral.list_own", "referral.submit",
                                      "self.read", "self.security", "self.sessions"}));
  // And staff cannot use the partner's routes.
  HttpClient supervisor = signedIn(kSupervisorA);
  EXPECT_EQ(supervisor.get("/api/v1/partner-referrals").status, 403u);
  EXPECT_EQ(supervisor.post("/api/v1/partner-referrals", toJson(referral("X"))).status, 403u);
}

TEST_F(PartnerReferralTest, InvalidReferralsAnswer400NamingTheField) {
  HttpClient partner = signedIn(kPolicePartner);
  const auto fieldOf = [&partner](boost::json::object body) {
    return partner.post("/api/v1/partner-referrals", toJson(body)).errorField();
  };
  boost::json::object no_consent = referral("Someone");
  no_consent["person_agreed"] = false;
  EXPECT_EQ(fieldOf(no_consent), "person_agreed");
  boost::json::object no_reason = referral("Someone");
  no_reason["reason"] = "   ";
  EXPECT_EQ(fieldOf(no_reason), "reason");
  boost::json::object future = referral("Someone");
  future["referred_on"] = "2999-01-01";
  EXPECT_EQ(fieldOf(future), "referred_on");
  boost::json::object no_name = referral("");
  EXPECT_EQ(fieldOf(no_name), "person.full_name");
  boost::json::object bad_gender = referral("Someone");
  bad_gender["coded"].as_object()["gender"] = "robot";
  EXPECT_EQ(fieldOf(bad_gender), "coded.gender");
  boost::json::object extra = referral("Someone");
  extra["coded"].as_object()["trafficking_status"] = "confirmed";
  EXPECT_EQ(fieldOf(extra), "coded.trafficking_status") << "the form sets no more than it asks";
  const HttpResponse missing = partner.post("/api/v1/partner-referrals", "{}");
  EXPECT_EQ(missing.status, 400u) << missing.body;
}

TEST_F(PartnerReferralTest, APartnerAccountNeedsAnActiveAgencyOfItsOrganisation) {
  const auto fieldOf = [](const domain::Result<domain::User>& added) {
    return added ? std::string("(added)") : added.error().field;
  };
  EXPECT_EQ(fieldOf(addPartner("p1@a.example.org", "")), "agency_id");
  EXPECT_EQ(fieldOf(addPartner("p2@a.example.org", "no-such-agency")), "agency_id");
  EXPECT_EQ(fieldOf(addPartner("p3@a.example.org", police_agency_, {"partner", "supervisor"})),
            "roles");
  EXPECT_EQ(fieldOf(addPartner("p4@a.example.org", police_agency_, {"case_worker"})), "agency_id");
  // An agency of another organisation is unknown here.
  EXPECT_EQ(fieldOf(admin::addUser(deployment().database().db(), kOrgB,
                                   {"p5@b.example.org",
                                    "Pat",
                                    {"partner"},
                                    std::string(kTestPassword),
                                    std::nullopt,
                                    police_agency_})),
            "agency_id");
}

TEST_F(PartnerReferralTest, APartnerOfADeactivatedAgencyCanNoLongerReferOrList) {
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string ngo = createdId(supervisor, "/api/v1/agencies", agency("Closing NGO", "ngo"));
  ASSERT_TRUE(addPartner("ngo.partner@a.example.org", ngo).has_value());
  HttpClient partner = signedIn("ngo.partner@a.example.org");
  const HttpResponse before = partner.post("/api/v1/partner-referrals", toJson(referral("N One")));
  ASSERT_EQ(before.status, 201u) << before.body;
  EXPECT_EQ(listed(partner).size(), 1u);

  const HttpResponse deactivated = supervisor.del("/api/v1/agencies/" + ngo);
  ASSERT_LT(deactivated.status, 300u) << deactivated.body;
  const HttpResponse refused = partner.post("/api/v1/partner-referrals", toJson(referral("N Two")));
  EXPECT_EQ(refused.status, 403u) << refused.body;
  EXPECT_EQ(refused.errorField(), "agency_id");
  EXPECT_EQ(partner.get("/api/v1/partner-referrals").status, 403u);
}

}  // namespace
}  // namespace strada::testing
