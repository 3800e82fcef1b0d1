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
  constexpr std::array kGranted = {Permission::kCodesRead,      Permission::kSelfRead,
                                   Permission::kReferralSubmit, Permission::kReferralListOwn,
                                   Permission::kSelfSecurity,   Permission::kSelfSessions};
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

TEST(SignInStageTest, ShortOfAFullSignInOnlyOnesOwnSecurityIsAllowed) {
  for (auto stage :
       {Principal::Stage::kCode, Principal::Stage::kEnrol, Principal::Stage::kPassword}) {
    Principal who = as(Role::kSupervisor);
    who.stage = stage;
    for (Permission p : allPermissions()) {
      const bool expected = p == Permission::kSelfRead || p == Permission::kSelfSecurity;
      EXPECT_EQ(allows(who, p), expected) << permissionName(p);
    }
    const auto refused = require(who, Permission::kCaseRead);
    ASSERT_FALSE(refused.has_value());
    EXPECT_FALSE(refused.error().field.empty()) << "the refusal names what to do first";
  }
}

TEST(SignInStageTest, TheSecondFactorIsRequiredOfEveryRoleButTheCoordinatorUnlessOfAll) {
  for (Role r : domain::allRoles()) {
    EXPECT_EQ(secondFactorRequired({r}, false), r != Role::kNetworkCoordinator)
        << domain::roleName(r);
    EXPECT_TRUE(secondFactorRequired({r}, true)) << domain::roleName(r);
  }
  EXPECT_TRUE(secondFactorRequired({Role::kNetworkCoordinator, Role::kSupervisor}, false));
}

}  // namespace
}  // namespace strada::policy
