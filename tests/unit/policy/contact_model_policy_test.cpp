// The complete contact (issue 3): updating and finishing contacts, drafts, repeat callers and
// their flags, safety plans. One test per rule.
#include <gtest/gtest.h>

#include <algorithm>

#include "policy/policy.h"

namespace strada::policy {
namespace {

using domain::Role;

Principal as(std::vector<Role> roles, std::string user_id = "u1") {
  return Principal{std::move(user_id), "org-a", std::move(roles), "s1"};
}

constexpr std::initializer_list<Role> kAllRoles = {Role::kConsultant, Role::kSupervisor,
                                                   Role::kCaseWorker, Role::kDataOfficer,
                                                   Role::kOrgAdmin,   Role::kNetworkCoordinator};

void expectOnly(Permission p, std::initializer_list<Role> allowed) {
  for (Role r : kAllRoles) {
    const bool expected = std::find(allowed.begin(), allowed.end(), r) != allowed.end();
    EXPECT_EQ(allows(as({r}), p), expected) << permissionName(p) << " " << domain::roleName(r);
  }
  EXPECT_FALSE(allows(as({}), p)) << permissionName(p) << " without a role";
}

TEST(ContactModelPolicyTest, ConsultantsAndSupervisorsUpdateContacts) {
  expectOnly(Permission::kContactUpdate, {Role::kConsultant, Role::kSupervisor});
}

TEST(ContactModelPolicyTest, ConsultantsAndSupervisorsListTheirDrafts) {
  expectOnly(Permission::kContactDraftsRead, {Role::kConsultant, Role::kSupervisor});
}

TEST(ContactModelPolicyTest, ConsultantsAndSupervisorsLookCallersUp) {
  expectOnly(Permission::kCallerLookup, {Role::kConsultant, Role::kSupervisor});
}

TEST(ContactModelPolicyTest, OnlySupervisorsFlagCallers) {
  expectOnly(Permission::kCallerFlagWrite, {Role::kSupervisor});
}

TEST(ContactModelPolicyTest, SafetyPlansAreForThoseWhoWorkWithThePerson) {
  expectOnly(Permission::kSafetyPlanRead,
             {Role::kConsultant, Role::kSupervisor, Role::kCaseWorker});
  expectOnly(Permission::kSafetyPlanWrite,
             {Role::kConsultant, Role::kSupervisor, Role::kCaseWorker});
  // The data officer reviews coded fields; a safety plan is never one.
  EXPECT_FALSE(allows(as({Role::kDataOfficer}), Permission::kSafetyPlanRead));
}

TEST(ContactModelPolicyTest, PermissionNames) {
  EXPECT_EQ(permissionName(Permission::kContactUpdate), "contact.update");
  EXPECT_EQ(permissionName(Permission::kContactDraftsRead), "contact.drafts_read");
  EXPECT_EQ(permissionName(Permission::kCallerLookup), "caller.lookup");
  EXPECT_EQ(permissionName(Permission::kCallerFlagWrite), "caller.flag_write");
  EXPECT_EQ(permissionName(Permission::kSafetyPlanRead), "safety_plan.read");
  EXPECT_EQ(permissionName(Permission::kSafetyPlanWrite), "safety_plan.write");
}

constexpr domain::UnixMillis kNow = 1'800'000'000'000;
constexpr domain::UnixMillis kHour = 60LL * 60 * 1000;

TEST(ContactModelPolicyTest, AuthorChangesOwnDraftAnyTime) {
  const ContactEditFacts draft{"u1", false, 0};
  EXPECT_TRUE(requireContactEditable(as({Role::kConsultant}, "u1"), draft, kNow));
}

TEST(ContactModelPolicyTest, OthersDoNotChangeSomeoneElsesDraft) {
  const ContactEditFacts draft{"u1", false, 0};
  auto denied = requireContactEditable(as({Role::kConsultant}, "u2"), draft, kNow);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, domain::ErrorCode::kPermissionDenied);
  EXPECT_EQ(denied.error().detail, "contact.update");
}

TEST(ContactModelPolicyTest, AuthorCorrectsFinalContactWithin24Hours) {
  const ContactEditFacts recent{"u1", true, kNow - 23 * kHour};
  EXPECT_TRUE(requireContactEditable(as({Role::kConsultant}, "u1"), recent, kNow));
  const ContactEditFacts edge{"u1", true, kNow - 24 * kHour};
  EXPECT_TRUE(requireContactEditable(as({Role::kConsultant}, "u1"), edge, kNow));
  const ContactEditFacts old{"u1", true, kNow - 24 * kHour - 1};
  auto denied = requireContactEditable(as({Role::kConsultant}, "u1"), old, kNow);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code, domain::ErrorCode::kPermissionDenied);
}

TEST(ContactModelPolicyTest, NobodyElseCorrectsAFinalContactButASupervisor) {
  const ContactEditFacts recent{"u1", true, kNow - kHour};
  EXPECT_FALSE(requireContactEditable(as({Role::kConsultant}, "u2"), recent, kNow));
  EXPECT_TRUE(requireContactEditable(as({Role::kSupervisor}, "u2"), recent, kNow));
  const ContactEditFacts old{"u1", true, kNow - 400 * kHour};
  EXPECT_TRUE(requireContactEditable(as({Role::kSupervisor}, "u2"), old, kNow));
  EXPECT_TRUE(requireContactEditable(as({Role::kSupervisor}, "u2"), {"u1", false, 0}, kNow));
}

TEST(ContactModelPolicyTest, AnEmptyUserIdIsNeverTheAuthor) {
  EXPECT_FALSE(requireContactEditable(as({Role::kConsultant}, ""), {"", false, 0}, kNow));
}

}  // namespace
}  // namespace strada::policy
