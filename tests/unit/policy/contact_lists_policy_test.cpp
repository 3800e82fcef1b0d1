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

}  // namespace
}  // namespace strada::policy
