// What the demo generators share (app/demo_contacts.cpp, demo_bulk_cases.cpp): the draw of a
// code by its share, and writing generated records in jobs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/error.h"

namespace strada::app {

// Codes with their relative weights.
using Weighted = std::vector<std::pair<std::string_view, int>>;

// One code of `w`, each as likely as its weight.
inline std::string_view pick(std::mt19937& rng, const Weighted& w) {
  int total = 0;
  for (const auto& e : w) {
    total += e.second;
  }
  int roll = std::uniform_int_distribution<int>(1, total)(rng);
  for (const auto& e : w) {
    roll -= e.second;
    if (roll <= 0) {
      return e.first;
    }
  }
  return w.back().first;
}

// `count` records of `make()`, handed to `write` (a Status from a vector of them) `per_job` at a
// time; `inserted(n)` after each job with the running total.
template <class Make, class Write>
domain::Status generateInJobs(std::int64_t count, std::int64_t per_job, Make make, Write write,
                              const std::function<void(std::int64_t)>& inserted) {
  for (std::int64_t start = 0; start < count; start += per_job) {
    const std::int64_t end = std::min(count, start + per_job);
    std::vector<decltype(make())> batch;
    batch.reserve(static_cast<std::size_t>(end - start));
    for (std::int64_t i = start; i < end; ++i) {
      batch.push_back(make());
    }
    if (auto s = write(std::move(batch)); !s) {
      return s;
    }
    inserted(end);
  }
  return {};
}

}  // namespace strada::app
