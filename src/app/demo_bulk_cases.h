// `strada demo --cases N`: direct assistance at scale, on top of the eight hand-written cases of
// app/demo_cases.h. The rule: one case per client per organisation (the model's), so N cases are
// N clients, each registered with the member that assists them and shared out like the contacts
// (NL 40 %, RO 35 %, UA 25 %). Every case is in a stage with its status history, two consents,
// and services and sealed notes (about 13 per case on average, more in the later stages: two
// million at 150,000 cases), assigned to the member's demo case worker; closures are approved by
// its supervisor. Written in jobs of kDemoCasesPerJob through cases::importCases (validated,
// sealed under each person's own key, blind-indexed, client.create and case.create audited).
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::app {

struct DemoCasesSpec {
  std::string org_id;
  std::string country;   // the organisation's country: most clients are its citizens
  std::string language;  // the organisation's first language
  std::string case_worker_id;
  std::string supervisor_id;
  std::int64_t count = 0;
  int years = 3;  // cases opened over the last `years` years
};

inline constexpr std::int64_t kDemoCasesPerJob = 250;

// Inserts `spec.count` clients with their cases; calls `inserted(n)` after each job with the
// running total of this call.
[[nodiscard]] domain::Status addDemoBulkCases(const hotline::Context& ctx,
                                              const DemoCasesSpec& spec, std::mt19937& rng,
                                              const std::function<void(std::int64_t)>& inserted);

}  // namespace strada::app
