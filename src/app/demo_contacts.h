// The demo's hotline contacts: every coded field with shares like those of published hotline
// reports, in write jobs of 5,000, without the per-contact statistics adjustment (the caller
// rebuilds the rollup once at the end, which is much faster for a million contacts).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "domain/error.h"
#include "hotline/context.h"
#include "store/database.h"

namespace strada::app {

struct DemoContactsSpec {
  std::string org_id;
  std::string country;                   // the organisation's country: most callers live there
  std::array<std::string, 2> languages;  // the first is the most frequent
  std::string consultant_id;
  std::string supervisor_id;
  std::int64_t count = 0;
  int years = 3;
};

inline constexpr std::int64_t kDemoContactsPerJob = 5000;

// Inserts `spec.count` contacts (with their audit events) spread over the last `spec.years`
// years. Calls `inserted(n)` after each job with the running total of this call.
// Each contact is validated and sealed by hotline::importContacts, like any imported contact.
[[nodiscard]] domain::Status addDemoContacts(const hotline::Context& ctx,
                                             const DemoContactsSpec& spec, std::mt19937& rng,
                                             const std::function<void(std::int64_t)>& inserted);

}  // namespace strada::app
