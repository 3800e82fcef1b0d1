// Rate limits on every route (issue 10, section 1): each request spends from a bucket of its
// client network (api/sign_in_gate.h clientNetwork) and, once signed in, from one of its account,
// in the request's class. Past either, 429 with Retry-After, before the handler runs.
//
// Classes (requestCost): exports and downloads (bulk reads of records, files), queries
// (searches, look-ups by a caller's number, statistics) and everything else. Each class has its
// own buckets, so a burst of exports does not block logging a contact. Sign-in, second-factor
// codes and password changes are throttled on their failures as well (api/auth.h).
//
// The buckets are GCRA (the generic cell rate algorithm): `per_minute` requests a minute on
// average, `burst` of them at once. They live in this server's memory: each server of a scaled-out
// deployment counts for itself (docs/security.md, "Rate limits").
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace strada::api {

enum class RequestCost { kDefault, kQuery, kExport };
inline constexpr std::size_t kRequestCosts = 3;
[[nodiscard]] std::string_view requestCostName(RequestCost cost);  // "default", "query", "export"

// The class of the route `method` `pattern` (as registered: "/api/v1/contacts/{id}"). Exports:
// a named list of routes, and any pattern that ends in .csv or .xlsx or has a segment that begins
// with "export". Queries: a named list. The rest: kDefault.
[[nodiscard]] RequestCost requestCost(std::string_view method, std::string_view pattern);

// The routes named in those lists, "METHOD /pattern" each (a test checks that each exists).
[[nodiscard]] std::vector<std::string> namedCostRoutes();

struct RateLimit {
  std::int32_t per_minute = 0;  // 0: no limit
  std::int32_t burst = 1;
};

struct RateLimits {
  // Off in the library (tests, benches opt in); `strada serve` turns them on unless told
  // --rate-limits off.
  bool enabled = false;
  // Indexed by RequestCost.
  std::array<RateLimit, kRequestCosts> per_account{RateLimit{600, 200}, RateLimit{120, 60},
                                                   RateLimit{30, 20}};
  std::array<RateLimit, kRequestCosts> per_address{RateLimit{3000, 600}, RateLimit{600, 200},
                                                   RateLimit{120, 60}};
};

class RequestLimiter {
 public:
  // Spends one request of `key` under `limit` at `now_ms` (any monotonic clock in milliseconds):
  // 0 when allowed, otherwise how many milliseconds until it would be (nothing is spent then).
  [[nodiscard]] std::int64_t take(std::string_view key, RateLimit limit, std::int64_t now_ms);

  // Gives back one request taken from `key` under `limit` (a request that another limit then
  // refused, so that a refusal spends nothing anywhere).
  void giveBack(std::string_view key, RateLimit limit);

  // The requests refused so far (for /metrics).
  [[nodiscard]] std::uint64_t refused() const;

  // Keys held at most, per shard: past it, keys whose buckets are full again are forgotten, and
  // when none is, the shard starts afresh (memory stays bounded under a flood of addresses).
  static constexpr std::size_t kMaxKeysPerShard = 20000;

 private:
  struct Shard {
    std::mutex mutex;
    // The key's theoretical arrival time (GCRA), in the clock's milliseconds.
    std::unordered_map<std::string, std::int64_t> tat;
  };
  static constexpr std::size_t kShards = 16;
  std::array<Shard, kShards> shards_;
  std::atomic<std::uint64_t> refused_{0};
};

// Milliseconds of the steady clock.
[[nodiscard]] std::int64_t steadyNowMs();

}  // namespace strada::api
