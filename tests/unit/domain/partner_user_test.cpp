// A partner account (issue 8, section 2): the partner role alone, tied to an agency; no other
// account names one.
#include <gtest/gtest.h>

#include "domain/user.h"

namespace strada::domain {
namespace {

User user(std::vector<Role> roles, std::string agency_id) {
  User u;
  u.org_id = "org-a";
  u.email = "pat@example.org";
  u.name = "Pat";
  u.roles = std::move(roles);
  u.agency_id = std::move(agency_id);
  return u;
}

std::string fieldOf(const Status& s) { return s ? std::string() : s.error().field; }

TEST(PartnerUserTest, APartnerNamesItsAgencyAndHoldsNoOtherRole) {
  EXPECT_TRUE(validateUser(user({Role::kPartner}, "agency-1")));
  EXPECT_EQ(fieldOf(validateUser(user({Role::kPartner}, ""))), "agency_id");
  EXPECT_EQ(fieldOf(validateUser(user({Role::kPartner, Role::kSupervisor}, "agency-1"))), "roles");
}

TEST(PartnerUserTest, NoOtherAccountIsTiedToAnAgency) {
  EXPECT_TRUE(validateUser(user({Role::kCaseWorker}, "")));
  EXPECT_EQ(fieldOf(validateUser(user({Role::kCaseWorker}, "agency-1"))), "agency_id");
  EXPECT_EQ(roleName(Role::kPartner), "partner");
  EXPECT_EQ(parseRole("partner"), Role::kPartner);
}

}  // namespace
}  // namespace strada::domain
