// The failed sign-in counters, on the backend named by STRADA_TEST_BACKEND.
#include "store/login_throttle_repository.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

  // Claims one attempt in its own write; fails the test when the write fails.
  SignInClaim claim(const std::vector<ThrottledKey>& keys) {
    SignInClaim out;
    EXPECT_TRUE(db().write([&](WriteContext& w) -> domain::Status {
      auto claimed = claimSignInAttempt(w, keys);
      if (!claimed) {
        return tl::unexpected(claimed.error());
      }
      out = *claimed;
      return {};
    }));
    return out;
  }

  ThrottleState stateOf(const std::string& key) {
    auto found = onReader(db(), [&](soci::session& s) { return findThrottle(s, key); });
    EXPECT_TRUE(found);
    return found.value_or(ThrottleState{});
  }

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

TEST_F(LoginThrottleRepositoryTest, ClaimsCountUpToTheLockThenRefuseWithoutCounting) {
  const std::vector<ThrottledKey> keys{{"acct:1", {3, 60000, 90000}},
                                       {"addr:1", {5, 60000, 90000}}};
  for (int i = 0; i < 3; ++i) {
    const SignInClaim c = claim(keys);
    EXPECT_TRUE(c.allowed) << "attempt " << i;
    EXPECT_EQ(c.earlier_failures, (std::vector<std::int32_t>{i, i}));
  }
  const ThrottleState locked = stateOf("acct:1");
  EXPECT_EQ(locked.failures, 3);
  EXPECT_GT(locked.locked_until, locked.window_start);
  EXPECT_EQ(stateOf("addr:1").locked_until, 0) << "the address is under its own rule";

  const SignInClaim refused = claim(keys);
  EXPECT_FALSE(refused.allowed);
  EXPECT_GT(refused.retry_after_ms, 0);
  EXPECT_LE(refused.retry_after_ms, 90000);
  EXPECT_EQ(stateOf("acct:1").failures, 3) << "a refused attempt is not counted";
  EXPECT_EQ(stateOf("addr:1").failures, 3);
}

TEST_F(LoginThrottleRepositoryTest, AClosedWindowStartsAgain) {
  ASSERT_TRUE(db().write([](WriteContext& w) { return saveThrottle(w, "acct:2", {9, 1, 0}); }));
  const SignInClaim c = claim({{"acct:2", {10, 60000, 90000}}});
  EXPECT_TRUE(c.allowed);
  EXPECT_EQ(c.earlier_failures, (std::vector<std::int32_t>{0}));
  EXPECT_EQ(stateOf("acct:2").failures, 1);
  EXPECT_EQ(stateOf("acct:2").locked_until, 0);
}

// The store half of the parallel-guess defect: 40 claims queued at once, of which only the first
// `lock_after` may be allowed.
TEST_F(LoginThrottleRepositoryTest, ParallelClaimsAreCountedOneByOne) {
  const std::vector<ThrottledKey> keys{{"acct:3", {10, 60000, 90000}}};
  std::mutex mutex;
  std::condition_variable all_done;
  int done = 0;
  std::atomic<int> allowed{0};
  std::atomic<int> refused{0};
  for (int i = 0; i < 40; ++i) {
    db().submit(
        [&](WriteContext& w) -> domain::Status {
          auto claimed = claimSignInAttempt(w, keys);
          if (!claimed) {
            return tl::unexpected(claimed.error());
          }
          (claimed->allowed ? allowed : refused).fetch_add(1);
          return {};
        },
        [&](const domain::Status& status) {
          EXPECT_TRUE(status) << status.error().detail;
          const std::lock_guard lock(mutex);
          ++done;
          all_done.notify_one();
        });
  }
  std::unique_lock lock(mutex);
  all_done.wait(lock, [&] { return done == 40; });
  EXPECT_EQ(allowed.load(), 10);
  EXPECT_EQ(refused.load(), 30);
  EXPECT_EQ(stateOf("acct:3").failures, 10);
}

TEST_F(LoginThrottleRepositoryTest, WithdrawingAFailureLiftsTheLockItCaused) {
  const ThrottledKey address{"addr:4", {2, 60000, 90000}};
  EXPECT_TRUE(claim({address}).allowed);
  EXPECT_TRUE(claim({address}).allowed);
  EXPECT_GT(stateOf("addr:4").locked_until, 0);
  ASSERT_TRUE(db().write([&](WriteContext& w) { return withdrawFailure(w, address); }));
  EXPECT_EQ(stateOf("addr:4").failures, 1);
  EXPECT_EQ(stateOf("addr:4").locked_until, 0);
  EXPECT_TRUE(claim({address}).allowed);

  // A key cleared meanwhile stays cleared.
  ASSERT_TRUE(db().write([&](WriteContext& w) { return clearThrottle(w, "addr:4"); }));
  ASSERT_TRUE(db().write([&](WriteContext& w) { return withdrawFailure(w, address); }));
  EXPECT_EQ(stateOf("addr:4").window_start, 0);
}

}  // namespace
}  // namespace strada::store
