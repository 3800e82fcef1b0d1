// GET /api/v1/users over real HTTP: the organisation's users by name (never another
// organisation's, never an e-mail address or a password hash), the consultant filter of the
// contact list fed by its ids, and who may ask.
#include <soci/soci.h>

#include <string>
#include <vector>

#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

constexpr const char* kOrgAdminA = "org.admin@a.example.org";
// A user written by an older version: no name, deactivated, no known role.
constexpr const char* kNamelessId = "0123456789abcdef0123456789abcdef";
constexpr const char* kNamelessEmail = "nameless@a.example.org";

class UsersTest : public DeploymentTest<UsersTest> {
 public:
  static std::vector<UserSpec> users() {
    auto all = standardUsers();
    all.push_back({kOrgA, kOrgAdminA, "Olga Orgadmin", {"org_admin"}});
    return all;
  }

 protected:
  // The organisation id of ORG-A, read from a user of it.
  static std::string orgAId() {
    std::string org_id;
    const std::string id = deployment().userId(kConsultantA);
    deployment().database().db().read([&](soci::session& sql) {
      auto user = store::findUserById(sql, id);
      ASSERT_TRUE(user && user->has_value());
      org_id = (*user)->org_id;
    });
    return org_id;
  }

  // The "items" of a users answer.
  static std::vector<boost::json::object> items(const HttpResponse& r) {
    std::vector<boost::json::object> out;
    if (!r.json) {
      return out;
    }
    for (const auto& item : r.json->as_object().at("items").as_array()) {
      out.push_back(item.as_object());
    }
    return out;
  }
};

TEST_F(UsersTest, ListsTheOrganisationsUsersByNameWithoutEmails) {
  const std::string org_a = orgAId();
  ASSERT_TRUE(deployment().database().db().write([&](store::WriteContext& w) {
    store::UserRecord r;
    r.user.id = kNamelessId;
    r.user.org_id = org_a;
    r.user.email = kNamelessEmail;
    r.user.name = "";
    r.user.active = false;
    r.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA";
    return store::insertUser(w, r);
  }));

  HttpClient c = signedIn(kSupervisorA);
  const HttpResponse r = c.get("/api/v1/users");
  ASSERT_EQ(r.status, 200u) << r.body;
  const auto users = items(r);
  std::vector<std::string> names;
  for (const auto& u : users) {
    names.emplace_back(u.at("name").as_string());
    EXPECT_EQ(u.size(), 4u) << boost::json::serialize(u);  // id, name, roles, active: no more
  }
  // By stored name (byte-wise; the nameless user first), ORG-B's consultant absent; the nameless
  // user is named by the start of its id.
  EXPECT_EQ(names,
            (std::vector<std::string>{"User 01234567", "Anna Consultant", "Cas Caseworker",
                                      "Dora Dataofficer", "Olga Orgadmin", "Sam Supervisor"}));
  ASSERT_EQ(users.size(), 6u);
  const auto& anna = users.at(1);
  EXPECT_EQ(anna.at("id").as_string(), deployment().userId(kConsultantA));
  EXPECT_EQ(anna.at("roles"), (boost::json::array{"consultant"}));
  EXPECT_EQ(anna.at("active"), true);
  const auto& nameless = users.at(0);
  EXPECT_EQ(nameless.at("id").as_string(), kNamelessId);
  EXPECT_EQ(nameless.at("active"), false);
  EXPECT_TRUE(nameless.at("roles").as_array().empty());

  // Never an e-mail address or a password hash, not even the domain of one.
  EXPECT_EQ(r.body.find('@'), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("argon2"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("email"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find(deployment().userId(kConsultantB)), std::string::npos);

  // The other organisation sees only its own.
  HttpClient b = signedIn(kConsultantB);
  const HttpResponse rb = b.get("/api/v1/users");
  ASSERT_EQ(rb.status, 200u) << rb.body;
  ASSERT_EQ(items(rb).size(), 1u);
  EXPECT_EQ(items(rb)[0].at("name").as_string(), "Basil Consultant");
}

TEST_F(UsersTest, ItsIdsFilterTheContactListByConsultant) {
  HttpClient consultant = signedIn(kConsultantA);
  HttpClient supervisor = signedIn(kSupervisorA);
  const std::string started = "2025-03-04T10:00:00Z";
  const std::string by_consultant =
      createdId(consultant, "/api/v1/contacts", validContact(started));
  const std::string by_supervisor =
      createdId(supervisor, "/api/v1/contacts", validContact(started));

  std::string anna_id;
  for (const auto& u : items(supervisor.get("/api/v1/users"))) {
    if (u.at("name") == "Anna Consultant") {
      anna_id = std::string(u.at("id").as_string());
    }
  }
  ASSERT_FALSE(anna_id.empty());
  const std::string period = "from=2025-03-04T00:00:00Z&to=2025-03-05T00:00:00Z";
  HttpResponse r = supervisor.get("/api/v1/contacts?" + period + "&consultant=" + anna_id);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(itemIds(r), std::vector<std::string>{by_consultant});
  r = supervisor.get("/api/v1/contacts?" + period);
  ASSERT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(itemIds(r).size(), 2u);
  EXPECT_NE(r.body.find(by_supervisor), std::string::npos);
}

TEST_F(UsersTest, OnlyRolesThatListContactsMayAsk) {
  for (const char* email : {kConsultantA, kSupervisorA, kDataOfficerA}) {
    HttpClient c = signedIn(email);
    EXPECT_EQ(c.get("/api/v1/users").status, 200u) << email;
  }
  for (const char* email : {kOrgAdminA, kCaseWorkerA}) {
    HttpClient c = signedIn(email);
    const HttpResponse r = c.get("/api/v1/users");
    EXPECT_EQ(r.status, 403u) << email << ": " << r.body;
    EXPECT_EQ(r.errorCode(), "permission_denied");
    EXPECT_EQ(r.body.find("Anna"), std::string::npos);
  }
  HttpClient anonymous = client();
  const HttpResponse r = anonymous.get("/api/v1/users");
  EXPECT_EQ(r.status, 401u) << r.body;
  EXPECT_TRUE(r.hasErrorShape()) << r.body;
  EXPECT_EQ(r.body.find("Anna"), std::string::npos);
}

TEST_F(UsersTest, UnknownParametersAreRefused) {
  HttpClient c = signedIn(kSupervisorA);
  const HttpResponse r = c.get("/api/v1/users?email=anna");
  EXPECT_EQ(r.status, 400u) << r.body;
  EXPECT_EQ(r.errorField(), "email");
}

}  // namespace
}  // namespace strada::testing
