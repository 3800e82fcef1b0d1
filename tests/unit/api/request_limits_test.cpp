#include "api/request_limits.h"

#include <gtest/gtest.h>

#include <string>

namespace strada::api {
namespace {

constexpr RateLimit kFivePerMinuteBurstTwo{5, 2};  // one every 12 s, two at once

TEST(RequestLimiterTest, AllowsTheBurstThenOneAnInterval) {
  RequestLimiter limiter;
  const std::int64_t t0 = 1'000'000;
  EXPECT_EQ(limiter.take("k", kFivePerMinuteBurstTwo, t0), 0);
  EXPECT_EQ(limiter.take("k", kFivePerMinuteBurstTwo, t0), 0);
  // The third at once waits one interval (12 s) from the first.
  EXPECT_EQ(limiter.take("k", kFivePerMinuteBurstTwo, t0), 12'000);
  EXPECT_EQ(limiter.take("k", kFivePerMinuteBurstTwo, t0 + 11'999), 1);
  EXPECT_EQ(limiter.take("k", kFivePerMinuteBurstTwo, t0 + 12'000), 0);
  EXPECT_EQ(limiter.take("k", kFivePerMinuteBurstTwo, t0 + 12'000), 12'000);
  EXPECT_EQ(limiter.refused(), 3u);
}

TEST(RequestLimiterTest, ARefusalSpendsNothing) {
  RequestLimiter limiter;
  const RateLimit one{60, 1};  // one a second
  EXPECT_EQ(limiter.take("k", one, 0), 0);
  for (int i = 0; i < 100; ++i) {
    EXPECT_GT(limiter.take("k", one, 500), 0);
  }
  EXPECT_EQ(limiter.take("k", one, 1000), 0);
}

TEST(RequestLimiterTest, AGivenBackRequestCanBeTakenAgain) {
  RequestLimiter limiter;
  const RateLimit two{1, 2};
  EXPECT_EQ(limiter.take("k", two, 0), 0);
  EXPECT_EQ(limiter.take("k", two, 0), 0);
  EXPECT_GT(limiter.take("k", two, 0), 0);
  limiter.giveBack("k", two);
  EXPECT_EQ(limiter.take("k", two, 0), 0);
  EXPECT_GT(limiter.take("k", two, 0), 0);
  limiter.giveBack("unknown", two);  // nothing to give back: no effect
  EXPECT_EQ(limiter.take("unknown", two, 0), 0);
}

TEST(RequestLimiterTest, KeysAreCountedApart) {
  RequestLimiter limiter;
  const RateLimit one{1, 1};
  EXPECT_EQ(limiter.take("a", one, 0), 0);
  EXPECT_GT(limiter.take("a", one, 0), 0);
  EXPECT_EQ(limiter.take("b", one, 0), 0);
}

TEST(RequestLimiterTest, NoLimitAllowsEverything) {
  RequestLimiter limiter;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(limiter.take("k", RateLimit{0, 1}, 0), 0);
  }
}

TEST(RequestLimiterTest, AFloodOfKeysKeepsMemoryBoundedAndStillLimits) {
  RequestLimiter limiter;
  const RateLimit one{1, 1};
  // Far more keys than all shards hold: the limiter forgets full buckets, then starts afresh.
  for (int i = 0; i < 400'000; ++i) {
    EXPECT_EQ(limiter.take("flood" + std::to_string(i), one, 0), 0);
  }
  EXPECT_EQ(limiter.take("late", one, 0), 0);
  EXPECT_GT(limiter.take("late", one, 0), 0);
}

TEST(RequestCostTest, ExportsQueriesAndTheRest) {
  EXPECT_EQ(requestCost("GET", "/api/v1/contacts/export.csv"), RequestCost::kExport);
  EXPECT_EQ(requestCost("GET", "/api/v1/stats/cases.xlsx"), RequestCost::kExport);
  EXPECT_EQ(requestCost("POST", "/api/v1/exports/ctdc"), RequestCost::kExport);
  EXPECT_EQ(requestCost("GET", "/api/v1/exports/htcds"), RequestCost::kExport);
  EXPECT_EQ(requestCost("GET", "/api/v1/clients/{id}/subject-access"), RequestCost::kExport);
  EXPECT_EQ(requestCost("POST", "/api/v1/clients/search"), RequestCost::kQuery);
  EXPECT_EQ(requestCost("POST", "/api/v1/callers/lookup"), RequestCost::kQuery);
  EXPECT_EQ(requestCost("GET", "/api/v1/contacts"), RequestCost::kQuery);
  EXPECT_EQ(requestCost("POST", "/api/v1/contacts"), RequestCost::kDefault);
  EXPECT_EQ(requestCost("GET", "/api/v1/contacts/{id}"), RequestCost::kDefault);
  EXPECT_EQ(requestCost("GET", "/api/v1/health"), RequestCost::kDefault);
  EXPECT_EQ(requestCostName(RequestCost::kExport), "export");
  EXPECT_EQ(requestCostName(RequestCost::kQuery), "query");
  EXPECT_EQ(requestCostName(RequestCost::kDefault), "default");
}

}  // namespace
}  // namespace strada::api
