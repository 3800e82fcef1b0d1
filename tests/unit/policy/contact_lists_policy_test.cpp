// Who may export contacts, supervise, and read the statistics: one test per rule.
#include <gtest/gtest.h>

#include <algorithm>

#include "policy/policy.h"

namespace strada::policy {
namespace {

using domain::Role;

Principal as(std::vector<Role> roles) { return Principal{"u1", "org-a", std::move(roles), "s1"}; }

constexpr Role kAllRoles[] = {Role::kConsultant,  Role::kCaseWorker, Role::kSupervisor,
                              Role::kDataOfficer, Role::kOrgAdmin,   Role::kNetworkCoordinator};

void expectOnly(Permission p, std::initializer_list<Role> allowed) {
  for (Role r : kAllRoles) {
    const bool expected = std::find(allowed.begin(), allowed.end(), r) != allowed.end();
    EXPECT_EQ(allows(as({r}), p), expected) << permissionName(p) << " " << domain::roleName(r);
  }
  EXPECT_FALSE(allows(as({}), p)) << permissionName(p);
}

TEST(ContactListsPolicyTest, OnlySupervisorsAndDataOfficersExport) {
  expectOnly(Permission::kContactExport, {Role::kSupervisor, Role::kDataOfficer});
}

TEST(ContactListsPolicyTest, SupervisorsAndDataOfficersSeeTheSupervisionViews) {
  expectOnly(Permission::kSupervisionRead, {Role::kSupervisor, Role::kDataOfficer});
}

TEST(ContactListsPolicyTest, OnlySupervisorsActOnThem) {
  expectOnly(Permission::kSupervise, {Role::kSupervisor});
}

TEST(ContactListsPolicyTest, SupervisorsDataOfficersAndAdminsReadStatistics) {
  expectOnly(Permission::kStatsRead, {Role::kSupervisor, Role::kDataOfficer, Role::kOrgAdmin});
}

TEST(ContactListsPolicyTest, DeniedExportNamesThePermissionInTheDetailOnly) {
  auto denied = require(as({Role::kConsultant}), Permission::kContactExport);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().detail, "contact.export");
  EXPECT_EQ(permissionName(Permission::kStatsRead), "stats.read");
  EXPECT_EQ(permissionName(Permission::kSupervisionRead), "supervision.read");
  EXPECT_EQ(permissionName(Permission::kSupervise), "supervision.act");
}

TEST(ContactListsPolicyTest, SmallCountsAreSuppressedForRolesThatMayNotListContacts) {
  // Statistics readers without the contact list (an org admin) get counts under 11 suppressed;
  // those who may see the contacts themselves get every count.
  EXPECT_TRUE(suppressSmallCounts(as({Role::kOrgAdmin})));
  EXPECT_TRUE(suppressSmallCounts(as({Role::kNetworkCoordinator})));
  EXPECT_TRUE(suppressSmallCounts(as({})));
  EXPECT_FALSE(suppressSmallCounts(as({Role::kSupervisor})));
  EXPECT_FALSE(suppressSmallCounts(as({Role::kDataOfficer})));
  EXPECT_FALSE(suppressSmallCounts(as({Role::kOrgAdmin, Role::kDataOfficer})));
  EXPECT_EQ(kSmallCountThreshold, 11);
}

TEST(ContactListsPolicyTest, SmallCountsAreOneToTenAndZeroStaysZero) {
  EXPECT_FALSE(isSmallCount(0));
  EXPECT_TRUE(isSmallCount(1));
  EXPECT_TRUE(isSmallCount(10));
  EXPECT_FALSE(isSmallCount(11));
  EXPECT_FALSE(isSmallCount(-1));
}

TEST(ContactListsPolicyTest, OnlyASupervisorSeesEveryDraftInTheList) {
  EXPECT_EQ(draftsVisibleOnlyOf(as({Role::kSupervisor})), std::nullopt);
  EXPECT_EQ(draftsVisibleOnlyOf(as({Role::kConsultant})), std::optional<std::string>("u1"));
  EXPECT_EQ(draftsVisibleOnlyOf(as({Role::kDataOfficer})), std::optional<std::string>("u1"));
}

}  // namespace
}  // namespace strada::policy
