// k-anonymity of the CTDC export (issue 9, section 5): every combination of the quasi-identifiers
// (gender, age band, citizenship, country of exploitation, type of exploitation, year of
// registration) that leaves is shared by at least k records, k >= 11 as the global data hub asks.
// Reached by GENERALISATION, one rung of a fixed ladder at a time and only for the records still
// in a class under k (local recoding: a large class keeps its detail), then SUPPRESSION of the
// records still under k. Pure functions: the same records in any order give the same output.
//
// The ladder, in this order (kLadder):
//   1. year_span            year of registration -> its span of `year_span` years ("2020-2024")
//   2. age_wider            age band -> a wider band (18-24, 25-34 -> 18-34; 35-44, 45-54, 55+
//                           -> 35+; a child stays a child)
//   3. citizenship_region   citizenship -> its UN M49 region ("150" Europe, domain/un_regions.h)
//   4. exploitation_country_region   country of exploitation -> its UN M49 region
//   5. age_unknown          age band -> "unknown"
//   6. citizenship_unknown  citizenship -> "unknown"
//   7. exploitation_country_unknown  country of exploitation -> "unknown"
// then suppression. Gender and type of exploitation are never generalised (only suppressed).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace strada::reports {

inline constexpr int kMinimumK = 11;  // the global data hub's; never lower
inline constexpr int kMaximumK = 1000;
inline constexpr int kDefaultYearSpan = 5;
inline constexpr int kMaximumYearSpan = 20;
inline constexpr std::string_view kUnknown = "unknown";

// One person's quasi-identifiers; "unknown" where nothing is recorded.
struct QuasiIdentifiers {
  std::string gender;                   // gender code
  std::string age_band;                 // age_band code, or a wider band (age_18_34, age_35_plus)
  std::string citizenship;              // ISO 3166-1 alpha-2, or an M49 region code
  std::string country_of_exploitation;  // the same
  std::string exploitation;             // exploitation codes, sorted, joined with ";"
  std::string year;                     // "2024", or a span "2020-2024"

  friend auto operator<=>(const QuasiIdentifiers&, const QuasiIdentifiers&) = default;
};

enum class LadderStep {
  kYearSpan,
  kAgeWider,
  kCitizenshipRegion,
  kExploitationCountryRegion,
  kAgeUnknown,
  kCitizenshipUnknown,
  kExploitationCountryUnknown,
};

inline constexpr std::array kLadder{LadderStep::kYearSpan,
                                    LadderStep::kAgeWider,
                                    LadderStep::kCitizenshipRegion,
                                    LadderStep::kExploitationCountryRegion,
                                    LadderStep::kAgeUnknown,
                                    LadderStep::kCitizenshipUnknown,
                                    LadderStep::kExploitationCountryUnknown};

// "year_span", "age_wider", ... (the report's and the UI's step names).
[[nodiscard]] std::string_view stepName(LadderStep step);
inline constexpr std::string_view kSuppressionStep = "suppression";

struct AnonymisationOptions {
  int k = kMinimumK;
  int year_span = kDefaultYearSpan;
};

// What one step did: how many records it changed (generalised, or dropped for "suppression")
// and how many were still in classes under k after it.
struct StepReport {
  std::string step;
  std::int64_t records_changed = 0;
  std::int64_t records_below_k = 0;
};

struct AnonymisationReport {
  int k = kMinimumK;
  int year_span = kDefaultYearSpan;
  std::int64_t records_in = 0;
  std::int64_t records_below_k_before = 0;  // before any step
  std::int64_t records_out = 0;
  std::int64_t records_suppressed = 0;
  std::int64_t classes = 0;         // equivalence classes of the output
  std::int64_t smallest_class = 0;  // records in the smallest of them (0 when none)
  std::vector<StepReport> steps;    // the ladder in order, then suppression
};

struct AnonymisedRecords {
  std::vector<QuasiIdentifiers> records;  // sorted
  AnonymisationReport report;
};

// InvalidArgument naming "k" (under kMinimumK or over kMaximumK) or "year_span" (1..20).
[[nodiscard]] domain::Status validateAnonymisationOptions(const AnonymisationOptions& options);

// Applies the ladder and suppression; fails only as validateAnonymisationOptions does.
[[nodiscard]] domain::Result<AnonymisedRecords> kAnonymise(std::vector<QuasiIdentifiers> records,
                                                           const AnonymisationOptions& options);

// One rung applied to one record's values (exposed for the tests): the wider age band, the span
// of a year ("2020-2024" for 2023 with span 5; a span or "unknown" unchanged), the region of a
// country ("unknown" for none).
[[nodiscard]] std::string widerAgeBand(std::string_view age_band);
[[nodiscard]] std::string yearSpanOf(std::string_view year, int span);
[[nodiscard]] std::string regionOf(std::string_view country);

}  // namespace strada::reports
