// The record-level rules of direct assistance (policy/case_access.h): each fails when its rule
// breaks.
#include <gtest/gtest.h>

#include "policy/case_access.h"

namespace strada::policy {
namespace {

using domain::Role;

Principal as(Role role, std::string user, std::string org = "org") {
  return Principal{std::move(user), std::move(org), {role}, "s"};
}

CaseAccessFacts theCase() { return CaseAccessFacts{"org", "worker", {"mate"}, "registrar", false}; }

TEST(CaseAccessPolicyTest, AssignedWorkerTeamAndSupervisorsSeeEverything) {
  EXPECT_EQ(caseAccess(as(Role::kCaseWorker, "worker"), theCase()), CaseAccess::kFull);
  EXPECT_EQ(caseAccess(as(Role::kCaseWorker, "mate"), theCase()), CaseAccess::kFull);
  EXPECT_EQ(caseAccess(as(Role::kSupervisor, "boss"), theCase()), CaseAccess::kFull);
}

TEST(CaseAccessPolicyTest, AnotherCaseWorkerSeesNothingUntilTheyBreakTheGlass) {
  const Principal other = as(Role::kCaseWorker, "other");
  EXPECT_EQ(caseAccess(other, theCase()), CaseAccess::kNone);
  auto hidden = requireCaseVisible(other, theCase());
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, domain::ErrorCode::kNotFound);
  CaseAccessFacts glass = theCase();
  glass.break_glass = true;
  EXPECT_EQ(caseAccess(other, glass), CaseAccess::kFull);
}

TEST(CaseAccessPolicyTest, ADataOfficerSeesCodedFieldsOnlyAndCannotChangeAnything) {
  const Principal officer = as(Role::kDataOfficer, "officer");
  EXPECT_EQ(caseAccess(officer, theCase()), CaseAccess::kCoded);
  auto change = requireCaseWorkable(officer, theCase());
  ASSERT_FALSE(change);
  EXPECT_EQ(change.error().code, domain::ErrorCode::kPermissionDenied);
}

TEST(CaseAccessPolicyTest, AConsultantSeesNoContent) {
  EXPECT_EQ(caseAccess(as(Role::kConsultant, "c"), theCase()), CaseAccess::kNone);
}

TEST(CaseAccessPolicyTest, AnotherOrganisationSeesNothingWhateverTheRole) {
  for (Role role : {Role::kSupervisor, Role::kDataOfficer, Role::kCaseWorker}) {
    EXPECT_EQ(caseAccess(as(role, "worker", "other-org"), theCase()), CaseAccess::kNone);
  }
}

TEST(CaseAccessPolicyTest, TheRegistrarSeesAClientWithoutACase) {
  const CaseAccessFacts client{"org", "", {}, "registrar", false};
  EXPECT_EQ(caseAccess(as(Role::kCaseWorker, "registrar"), client), CaseAccess::kFull);
  EXPECT_EQ(caseAccess(as(Role::kCaseWorker, "other"), client), CaseAccess::kNone);
  // Once the case is assigned to someone else, registering the client gives no access.
  EXPECT_EQ(caseAccess(as(Role::kCaseWorker, "registrar"), theCase()), CaseAccess::kNone);
}

TEST(CaseAccessPolicyTest, TheApproverIsNeverTheRequester) {
  auto own = requireApproverNotRequester(as(Role::kSupervisor, "boss"), "boss");
  ASSERT_FALSE(own);
  EXPECT_EQ(own.error().code, domain::ErrorCode::kPermissionDenied);
  EXPECT_EQ(own.error().field, "approved_by");
  EXPECT_TRUE(requireApproverNotRequester(as(Role::kSupervisor, "boss2"), "boss"));
}

TEST(CaseAccessPolicyTest, OnlyTheAssignedWorkerOrASupervisorReassigns) {
  EXPECT_TRUE(requireMayAssign(as(Role::kCaseWorker, "worker"), theCase()));
  EXPECT_TRUE(requireMayAssign(as(Role::kSupervisor, "boss"), theCase()));
  auto mate = requireMayAssign(as(Role::kCaseWorker, "mate"), theCase());
  ASSERT_FALSE(mate);
  EXPECT_EQ(mate.error().code, domain::ErrorCode::kPermissionDenied);
}

TEST(CaseAccessPolicyTest, CaseListsOfACaseWorkerAreTheirOwn) {
  EXPECT_EQ(casesVisibleOnlyTo(as(Role::kCaseWorker, "me")), "me");
  EXPECT_EQ(casesVisibleOnlyTo(as(Role::kSupervisor, "boss")), std::nullopt);
  EXPECT_EQ(casesVisibleOnlyTo(as(Role::kDataOfficer, "officer")), std::nullopt);
}

TEST(CaseAccessPolicyTest, ABreakGlassNeedsAReason) {
  EXPECT_FALSE(validateBreakGlassReason("   short  "));
  EXPECT_TRUE(validateBreakGlassReason("Client in crisis, worker unreachable"));
}

TEST(CaseAccessPolicyTest, RolesGrantTheCasePermissions) {
  EXPECT_TRUE(allows(as(Role::kConsultant, "c"), Permission::kClientSearch));
  EXPECT_FALSE(allows(as(Role::kConsultant, "c"), Permission::kClientRead));
  EXPECT_FALSE(allows(as(Role::kConsultant, "c"), Permission::kCaseRead));
  EXPECT_TRUE(allows(as(Role::kDataOfficer, "d"), Permission::kCaseList));
  EXPECT_FALSE(allows(as(Role::kDataOfficer, "d"), Permission::kCaseUpdate));
  EXPECT_FALSE(allows(as(Role::kCaseWorker, "w"), Permission::kCaseApprove));
  EXPECT_TRUE(allows(as(Role::kSupervisor, "s"), Permission::kClientAccessHistory));
}

}  // namespace
}  // namespace strada::policy
