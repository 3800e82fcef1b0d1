// The failed sign-in counters, on the backend named by STRADA_TEST_BACKEND.
#include "store/login_throttle_repository.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <optional>
#include <string>
#include <utility>

#include "support/test_db.h"

namespace strada::store {
namespace {

// Runs `fn` on a pooled read connection and returns what it returned.
template <class Fn>
auto onReader(Database& db, Fn fn) {
  std::optional<decltype(fn(std::declval<soci::session&>()))> out;
  db.read([&](soci::session& sql) { out.emplace(fn(sql)); });
  return std::move(*out);
}

class LoginThrottleRepositoryTest : public ::testing::Test {
 protected:
  Database& db() { return t_.db(); }

  testing::TestDatabase t_;
};

TEST_F(LoginThrottleRepositoryTest, UpsertAndClear) {
  const std::string key = "acct:0f1e2d";
  auto none = onReader(db(), [&](soci::session& s) { return findThrottle(s, key); });
  ASSERT_TRUE(none);
  EXPECT_EQ(none->failures, 0);
  EXPECT_EQ(none->window_start, 0);
  EXPECT_EQ(none->locked_until, 0);

  ASSERT_TRUE(db().write([&](WriteContext& w) { return saveThrottle(w, key, {1, 100, 0}); }));
  ASSERT_TRUE(db().write([&](WriteContext& w) { return saveThrottle(w, key, {5, 100, 9000}); }));
  auto saved = onReader(db(), [&](soci::session& s) { return findThrottle(s, key); });
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->failures, 5);
  EXPECT_EQ(saved->window_start, 100);
  EXPECT_EQ(saved->locked_until, 9000);

  ASSERT_TRUE(db().write([&](WriteContext& w) { return clearThrottle(w, key); }));
  auto cleared = onReader(db(), [&](soci::session& s) { return findThrottle(s, key); });
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->window_start, 0);
}

}  // namespace
}  // namespace strada::store
