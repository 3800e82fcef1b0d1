#include <gtest/gtest.h>

#include "policy/policy.h"

namespace strada::policy {
namespace {

Principal as(domain::Role role, std::string user) {
  return Principal{std::move(user), "org", {role}, "s"};
}

TEST(ContactVisibilityPolicyTest, SomeoneElsesDraftIsHiddenExceptFromASupervisor) {
  const ContactEditFacts draft{"author", false, 0};
  EXPECT_TRUE(requireContactVisible(as(domain::Role::kConsultant, "author"), draft));
  EXPECT_TRUE(requireContactVisible(as(domain::Role::kSupervisor, "boss"), draft));
  for (auto role : {domain::Role::kConsultant, domain::Role::kCaseWorker,
                    domain::Role::kDataOfficer, domain::Role::kOrgAdmin}) {
    auto seen = requireContactVisible(as(role, "other"), draft);
    ASSERT_FALSE(seen);
    EXPECT_EQ(seen.error().code, domain::ErrorCode::kNotFound);
  }
}

TEST(ContactVisibilityPolicyTest, AFinishedContactIsVisibleToEveryone) {
  const ContactEditFacts final_contact{"author", true, 1};
  EXPECT_TRUE(requireContactVisible(as(domain::Role::kDataOfficer, "other"), final_contact));
}

TEST(ContactVisibilityPolicyTest, ListsShowOwnDraftsOnlyExceptToASupervisor) {
  EXPECT_EQ(draftsVisibleOnlyOf(as(domain::Role::kConsultant, "me")), "me");
  EXPECT_EQ(draftsVisibleOnlyOf(as(domain::Role::kSupervisor, "boss")), std::nullopt);
}

}  // namespace
}  // namespace strada::policy
