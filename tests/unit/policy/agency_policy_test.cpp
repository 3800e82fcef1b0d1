// Who may use the partner-agency directory, and who may see a confidential address.
#include <gtest/gtest.h>

#include "policy/policy.h"

namespace strada::policy {
namespace {

using domain::Role;

Principal as(std::vector<Role> roles) { return Principal{"u1", "org-a", std::move(roles), "s1"}; }

TEST(AgencyPolicyTest, EveryWorkingRoleReadsTheDirectory) {
  for (Role r : {Role::kConsultant, Role::kCaseWorker, Role::kSupervisor, Role::kDataOfficer,
                 Role::kOrgAdmin}) {
    EXPECT_TRUE(allows(as({r}), Permission::kAgencyRead)) << domain::roleName(r);
  }
  EXPECT_FALSE(allows(as({Role::kNetworkCoordinator}), Permission::kAgencyRead));
  EXPECT_FALSE(allows(as({}), Permission::kAgencyRead));
}

TEST(AgencyPolicyTest, ConfidentialAddressOnlyForCaseWorkersSupervisorsAndAdmins) {
  for (Role r : {Role::kCaseWorker, Role::kSupervisor, Role::kOrgAdmin}) {
    EXPECT_TRUE(allows(as({r}), Permission::kAgencyReadConfidentialAddress)) << domain::roleName(r);
  }
  for (Role r : {Role::kConsultant, Role::kDataOfficer, Role::kNetworkCoordinator}) {
    EXPECT_FALSE(allows(as({r}), Permission::kAgencyReadConfidentialAddress))
        << domain::roleName(r);
  }
  EXPECT_FALSE(allows(as({}), Permission::kAgencyReadConfidentialAddress));
}

TEST(AgencyPolicyTest, OnlySupervisorsAndAdminsEdit) {
  for (Role r : {Role::kSupervisor, Role::kOrgAdmin}) {
    EXPECT_TRUE(allows(as({r}), Permission::kAgencyEdit)) << domain::roleName(r);
  }
  for (Role r :
       {Role::kConsultant, Role::kCaseWorker, Role::kDataOfficer, Role::kNetworkCoordinator}) {
    EXPECT_FALSE(allows(as({r}), Permission::kAgencyEdit)) << domain::roleName(r);
  }
  // A combination grants the union.
  EXPECT_TRUE(allows(as({Role::kConsultant, Role::kSupervisor}), Permission::kAgencyEdit));
}

TEST(AgencyPolicyTest, DeniedAgencyPermissionsNameThemselvesInTheLogDetailOnly) {
  auto denied = require(as({Role::kConsultant}), Permission::kAgencyEdit);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, domain::ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.error().detail, "agency.edit");
  EXPECT_EQ(permissionName(Permission::kAgencyReadConfidentialAddress),
            "agency.read_confidential_address");
  EXPECT_EQ(permissionName(Permission::kAgencyRead), "agency.read");
}

TEST(AgencyPolicyTest, APublicAddressIsShownToEveryReader) {
  for (Role r : {Role::kConsultant, Role::kCaseWorker, Role::kSupervisor, Role::kDataOfficer,
                 Role::kOrgAdmin}) {
    EXPECT_EQ(agencyAddressOnRead(as({r}), false), AgencyAddressAccess::kShown)
        << domain::roleName(r);
  }
  EXPECT_TRUE(agencyAddressListed(false));
}

TEST(AgencyPolicyTest, AConfidentialAddressIsARecordedSingleReadOfTheAllowedRolesOnly) {
  for (Role r : {Role::kCaseWorker, Role::kSupervisor, Role::kOrgAdmin}) {
    EXPECT_EQ(agencyAddressOnRead(as({r}), true), AgencyAddressAccess::kShownWhenRecorded)
        << domain::roleName(r);
  }
  for (Role r : {Role::kConsultant, Role::kDataOfficer, Role::kNetworkCoordinator}) {
    EXPECT_EQ(agencyAddressOnRead(as({r}), true), AgencyAddressAccess::kWithheld)
        << domain::roleName(r);
  }
  EXPECT_EQ(agencyAddressOnRead(as({}), true), AgencyAddressAccess::kWithheld);
  // Never in a list or in the answer to a change, not even for the roles allowed to read it.
  EXPECT_FALSE(agencyAddressListed(true));
}

}  // namespace
}  // namespace strada::policy
