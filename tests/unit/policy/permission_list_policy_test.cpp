// allPermissions() lists every Permission once: GET /api/v1/me builds the user's permissions from
// it, so a permission missing from the list would silently hide a feature in the web UI.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "policy/policy.h"

namespace strada::policy {
namespace {

TEST(PermissionListPolicyTest, EveryPermissionIsListedOnceWithADistinctName) {
  const auto all = allPermissions();
  ASSERT_FALSE(all.empty());
  std::set<Permission> values;
  std::set<std::string_view> names;
  for (Permission p : all) {
    EXPECT_TRUE(values.insert(p).second) << permissionName(p) << " is listed twice";
    EXPECT_NE(permissionName(p), "unknown") << static_cast<int>(p);
    EXPECT_TRUE(names.insert(permissionName(p)).second)
        << permissionName(p) << " names two permissions";
  }
}

TEST(PermissionListPolicyTest, NoEnumeratorIsMissingFromTheList) {
  // permissionName() reads a table that lists every enumerator (a static_assert checks it),
  // and enumerators count up from 0: the first value past the list must have no name.
  const auto all = allPermissions();
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i], static_cast<Permission>(i)) << "listed out of declaration order at " << i;
  }
  const auto past_the_list = static_cast<Permission>(static_cast<int>(all.size()));
  EXPECT_EQ(permissionName(past_the_list), "unknown")
      << permissionName(past_the_list) << " is missing from allPermissions()";
}

TEST(PermissionListPolicyTest, SomebodyIsGrantedEachPermission) {
  // A permission no role holds would be dead policy; the UI would never offer its feature.
  const Principal everyone{"u1", "org-a", domain::allRoles(), "s1"};
  for (Permission p : allPermissions()) {
    EXPECT_TRUE(allows(everyone, p)) << permissionName(p);
  }
  const Principal nobody{"u1", "org-a", {}, "s1"};
  for (Permission p : allPermissions()) {
    EXPECT_FALSE(allows(nobody, p)) << permissionName(p);
  }
}

}  // namespace
}  // namespace strada::policy
