// A partner agency's account (issue 8, section 2): least privilege. It submits referrals and lists
// its own, and holds only what every role has besides; no other role holds its two permissions.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>

#include "policy/policy.h"

namespace strada::policy {
namespace {

using domain::Role;

Principal as(Role role) { return Principal{"u1", "org-a", {role}, "s1"}; }

TEST(PartnerPolicyTest, APartnerHoldsItsTwoPermissionsAndWhatEveryRoleHasOnly) {
  constexpr std::array kGranted = {Permission::kCodesRead, Permission::kSelfRead,
                                   Permission::kReferralSubmit, Permission::kReferralListOwn};
  for (Permission p : allPermissions()) {
    const bool expected = std::find(kGranted.begin(), kGranted.end(), p) != kGranted.end();
    EXPECT_EQ(allows(as(Role::kPartner), p), expected) << permissionName(p);
  }
  EXPECT_EQ(permissionName(Permission::kReferralSubmit), "referral.submit");
  EXPECT_EQ(permissionName(Permission::kReferralListOwn), "referral.list_own");
}

TEST(PartnerPolicyTest, NoOtherRoleSubmitsOrListsAPartnersReferrals) {
  for (Role r : domain::allRoles()) {
    if (r == Role::kPartner) {
      continue;
    }
    EXPECT_FALSE(allows(as(r), Permission::kReferralSubmit)) << domain::roleName(r);
    EXPECT_FALSE(allows(as(r), Permission::kReferralListOwn)) << domain::roleName(r);
  }
}

}  // namespace
}  // namespace strada::policy
