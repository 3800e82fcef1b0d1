// The hub's public pages list every member's published hotlines (issue 11, section 1;
// docs/public-site.md), over three real servers on SQLite and PostgreSQL: member A's admin saves
// its public profile with a secret address; A sends the public part to the hub as a signed
// public_profile.publish through the outbox; the hub's /public/hotlines/NL shows A's hotline, and
// neither the hub's pages, its public API nor its database ever hold the secret address.
#include "crypto/crypto.h"
#include "integration/at_rest.h"
#include "integration/network_fixture.h"
#include "public_site/profile.h"
#include "store/organisation_repository.h"

namespace strada::testing {
namespace {

class PublicSiteNetworkTest : public NetworkFixture {};

TEST_F(PublicSiteNetworkTest, TheHubListsAMembersPublishedHotlinesButNeverItsSecretAddress) {
  std::string org_id;
  a_data_->db->read([&](soci::session& sql) {
    auto org = store::findOrganisationByCode(sql, "MA");
    if (org && *org) {
      org_id = (*org)->id;
    }
  });
  ASSERT_FALSE(org_id.empty());
  policy::Principal principal;
  principal.user_id = "admin-of-ma";
  principal.org_id = org_id;
  principal.roles = {domain::Role::kOrgAdmin};
  const hotline::Actor admin{principal, "test-request"};
  const std::string secret = "Secret Refuge Lane 77 " + crypto::toHex(crypto::randomBytes(6));
  public_site::PublicProfile profile;
  profile.hotlines.push_back(
      public_site::Hotline{"Member A helpline", {"020 555 0199"}, "24/7", true, {"nl", "en"}, {}});
  profile.address = secret;
  profile.address_public = false;
  auto saved = public_site::changePublicProfile(*a_data_->db, *a_data_->keys, admin, profile, 0);
  ASSERT_TRUE(saved.has_value()) << saved.error().message;

  HttpClient anyone(hub_->port());
  ASSERT_TRUE(eventually([&] {
    const HttpResponse page = anyone.get("/public/hotlines/NL?lang=en");
    return page.status == 200u && page.body.find("Member A helpline") != std::string::npos;
  })) << "the hub did not list member A's hotline";
  const HttpResponse page = anyone.get("/public/hotlines/NL?lang=en");
  EXPECT_NE(page.body.find("href=\"tel:+31205550199\""), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Member A"), std::string::npos);
  for (const char* target :
       {"/public/", "/public/hotlines", "/public/hotlines/NL", "/api/v1/public/hotlines"}) {
    EXPECT_EQ(anyone.get(target).body.find(secret), std::string::npos) << target;
  }
  const HttpResponse api = anyone.get("/api/v1/public/hotlines");
  ASSERT_EQ(api.status, 200u);
  bool listed = false;
  for (const auto& item : api.json->at("items").as_array()) {
    if (item.at("member") == "MA") {
      listed = true;
      EXPECT_TRUE(item.at("address").is_null());
    }
  }
  EXPECT_TRUE(listed) << api.body;
  EXPECT_EQ(everythingAtRest(hub_->database()).find(secret), std::string::npos);
  // The member keeps it, sealed.
  EXPECT_EQ(everythingAtRest(a_->database()).find(secret), std::string::npos);
}

}  // namespace
}  // namespace strada::testing
