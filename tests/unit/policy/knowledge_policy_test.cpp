// Who may read and who may edit the knowledge base: one test per rule.
#include <gtest/gtest.h>

#include "policy/policy.h"

namespace strada::policy {
namespace {

using domain::Role;

Principal as(std::vector<Role> roles) { return Principal{"u1", "org-a", std::move(roles), "s1"}; }

TEST(KnowledgePolicyTest, EveryWorkingRoleMayRead) {
  for (Role r : {Role::kConsultant, Role::kSupervisor, Role::kCaseWorker, Role::kDataOfficer,
                 Role::kOrgAdmin}) {
    EXPECT_TRUE(allows(as({r}), Permission::kKnowledgeRead)) << domain::roleName(r);
  }
}

TEST(KnowledgePolicyTest, NetworkCoordinatorAloneAndNoRoleMayNotRead) {
  EXPECT_FALSE(allows(as({Role::kNetworkCoordinator}), Permission::kKnowledgeRead));
  EXPECT_FALSE(allows(as({}), Permission::kKnowledgeRead));
}

TEST(KnowledgePolicyTest, OnlyAdminsAndDataOfficersMayEdit) {
  EXPECT_TRUE(allows(as({Role::kOrgAdmin}), Permission::kKnowledgeEdit));
  EXPECT_TRUE(allows(as({Role::kDataOfficer}), Permission::kKnowledgeEdit));
  for (Role r :
       {Role::kConsultant, Role::kSupervisor, Role::kCaseWorker, Role::kNetworkCoordinator}) {
    EXPECT_FALSE(allows(as({r}), Permission::kKnowledgeEdit)) << domain::roleName(r);
  }
  EXPECT_FALSE(allows(as({}), Permission::kKnowledgeEdit));
}

TEST(KnowledgePolicyTest, DeniedEditNamesThePermissionInTheDetailOnly) {
  auto denied = require(as({Role::kConsultant}), Permission::kKnowledgeEdit);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, domain::ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.error().detail, "knowledge.edit");
  EXPECT_EQ(permissionName(Permission::kKnowledgeRead), "knowledge.read");
}

}  // namespace
}  // namespace strada::policy
