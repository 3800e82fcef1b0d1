#include "api/request_limits.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <string>
#include <utility>

namespace strada::api {
namespace {

struct NamedRoute {
  std::string_view method;
  std::string_view pattern;
};

// Bulk reads that the suffix rule below does not name: a person's whole file, a document's
// bytes, a report's signed packet, and an import of many lines.
constexpr std::array kExportRoutes{
    NamedRoute{"GET", "/api/v1/clients/{id}/subject-access"},
    NamedRoute{"GET", "/api/v1/cases/{id}/documents/{document_id}/content"},
    NamedRoute{"GET", "/api/v1/reports/{id}/packet"},
    NamedRoute{"POST", "/api/v1/reports/import"},
};

// Searches, look-ups (a caller's number), lists with filters and statistics: the reads a script
// would repeat to enumerate records or load the database.
constexpr std::array kQueryRoutes{
    NamedRoute{"POST", "/api/v1/clients/search"},
    NamedRoute{"POST", "/api/v1/callers/lookup"},
    NamedRoute{"GET", "/api/v1/agencies"},
    NamedRoute{"GET", "/api/v1/knowledge"},
    NamedRoute{"GET", "/api/v1/contacts"},
    NamedRoute{"GET", "/api/v1/cases"},
    NamedRoute{"GET", "/api/v1/stats/cases"},
    NamedRoute{"GET", "/api/v1/stats/contacts"},
    NamedRoute{"GET", "/api/v1/trainings"},
    NamedRoute{"GET", "/api/v1/trainings/figures"},
    NamedRoute{"GET", "/api/v1/network/overview"},
    NamedRoute{"GET", "/api/v1/public/network-figures"},
};

template <std::size_t N>
bool listed(const std::array<NamedRoute, N>& routes, std::string_view method,
            std::string_view pattern) {
  return std::ranges::any_of(
      routes, [&](const NamedRoute& r) { return r.method == method && r.pattern == pattern; });
}

bool looksLikeExport(std::string_view pattern) {
  if (pattern.ends_with(".csv") || pattern.ends_with(".xlsx")) {
    return true;
  }
  for (std::size_t at = pattern.find('/'); at != std::string_view::npos;
       at = pattern.find('/', at + 1)) {
    if (pattern.substr(at + 1).starts_with("export")) {
      return true;
    }
  }
  return false;
}

// The milliseconds between two requests at the limit's average rate.
std::int64_t intervalOf(RateLimit limit) {
  return std::max<std::int64_t>(1, 60000 / limit.per_minute);
}

}  // namespace

std::string_view requestCostName(RequestCost cost) {
  switch (cost) {
    case RequestCost::kQuery:
      return "query";
    case RequestCost::kExport:
      return "export";
    case RequestCost::kDefault:
      break;
  }
  return "default";
}

RequestCost requestCost(std::string_view method, std::string_view pattern) {
  if (looksLikeExport(pattern) || listed(kExportRoutes, method, pattern)) {
    return RequestCost::kExport;
  }
  if (listed(kQueryRoutes, method, pattern)) {
    return RequestCost::kQuery;
  }
  return RequestCost::kDefault;
}

std::vector<std::string> namedCostRoutes() {
  std::vector<std::string> all;
  all.reserve(kExportRoutes.size() + kQueryRoutes.size());
  for (const auto& r : kExportRoutes) {
    all.push_back(std::string(r.method) + " " + std::string(r.pattern));
  }
  for (const auto& r : kQueryRoutes) {
    all.push_back(std::string(r.method) + " " + std::string(r.pattern));
  }
  return all;
}

std::int64_t RequestLimiter::take(std::string_view key, RateLimit limit, std::int64_t now_ms) {
  if (limit.per_minute <= 0) {
    return 0;
  }
  // GCRA: each request moves the key's theoretical arrival time (TAT) on by one interval; a
  // request is allowed while the TAT is at most `burst - 1` intervals ahead of now.
  const std::int64_t interval = intervalOf(limit);
  const std::int64_t tolerance = interval * std::max<std::int64_t>(0, limit.burst - 1);
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  const std::scoped_lock lock(shard.mutex);
  auto found = shard.tat.find(std::string(key));
  const std::int64_t tat = found == shard.tat.end() ? now_ms : std::max(found->second, now_ms);
  if (tat - now_ms > tolerance) {
    refused_.fetch_add(1, std::memory_order_relaxed);
    return tat - now_ms - tolerance;
  }
  if (found != shard.tat.end()) {
    found->second = tat + interval;
    return 0;
  }
  if (shard.tat.size() >= kMaxKeysPerShard) {
    std::erase_if(shard.tat, [now_ms](const auto& entry) { return entry.second <= now_ms; });
    if (shard.tat.size() >= kMaxKeysPerShard) {
      shard.tat.clear();
    }
  }
  shard.tat.emplace(std::string(key), tat + interval);
  return 0;
}

void RequestLimiter::giveBack(std::string_view key, RateLimit limit) {
  if (limit.per_minute <= 0) {
    return;
  }
  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  const std::scoped_lock lock(shard.mutex);
  if (auto found = shard.tat.find(std::string(key)); found != shard.tat.end()) {
    found->second -= intervalOf(limit);
  }
}

std::uint64_t RequestLimiter::refused() const { return refused_.load(std::memory_order_relaxed); }

std::int64_t steadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace strada::api
