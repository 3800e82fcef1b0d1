#include "reports/k_anonymity.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "domain/un_regions.h"

namespace strada::reports {
namespace {

using ClassSizes = std::map<QuasiIdentifiers, std::int64_t>;

ClassSizes classSizes(const std::vector<QuasiIdentifiers>& records) {
  ClassSizes sizes;
  for (const QuasiIdentifiers& r : records) {
    ++sizes[r];
  }
  return sizes;
}

std::int64_t recordsBelow(const ClassSizes& sizes, int k) {
  std::int64_t n = 0;
  for (const auto& [key, size] : sizes) {
    n += size < k ? size : 0;
  }
  return n;
}

// The value a step changes, and its new value.
std::string* fieldOf(QuasiIdentifiers& r, LadderStep step) {
  switch (step) {
    case LadderStep::kYearSpan:
      return &r.year;
    case LadderStep::kAgeWider:
    case LadderStep::kAgeUnknown:
      return &r.age_band;
    case LadderStep::kCitizenshipRegion:
    case LadderStep::kCitizenshipUnknown:
      return &r.citizenship;
    case LadderStep::kExploitationCountryRegion:
    case LadderStep::kExploitationCountryUnknown:
      return &r.country_of_exploitation;
  }
  return nullptr;
}

std::string generalised(std::string_view value, LadderStep step, int year_span) {
  switch (step) {
    case LadderStep::kYearSpan:
      return yearSpanOf(value, year_span);
    case LadderStep::kAgeWider:
      return widerAgeBand(value);
    case LadderStep::kCitizenshipRegion:
    case LadderStep::kExploitationCountryRegion:
      return regionOf(value);
    case LadderStep::kAgeUnknown:
    case LadderStep::kCitizenshipUnknown:
    case LadderStep::kExploitationCountryUnknown:
      break;
  }
  return std::string(kUnknown);
}

// Generalises every record in a class under k by `step`; how many records it changed.
std::int64_t applyStep(std::vector<QuasiIdentifiers>& records, LadderStep step,
                       const AnonymisationOptions& options) {
  const ClassSizes sizes = classSizes(records);
  std::int64_t changed = 0;
  for (QuasiIdentifiers& r : records) {
    if (sizes.at(r) >= options.k) {
      continue;
    }
    std::string* field = fieldOf(r, step);
    std::string next = generalised(*field, step, options.year_span);
    if (next != *field) {
      *field = std::move(next);
      ++changed;
    }
  }
  return changed;
}

// In the order of LadderStep's enumerators.
constexpr std::array<std::string_view, kLadder.size()> kStepNames{"year_span",
                                                                  "age_wider",
                                                                  "citizenship_region",
                                                                  "exploitation_country_region",
                                                                  "age_unknown",
                                                                  "citizenship_unknown",
                                                                  "exploitation_country_unknown"};

}  // namespace

std::string_view stepName(LadderStep step) {
  const auto at = static_cast<std::size_t>(step);
  return at < kStepNames.size() ? kStepNames[at] : "unknown";
}

std::string widerAgeBand(std::string_view age_band) {
  if (age_band == "age_18_24" || age_band == "age_25_34" || age_band == "age_18_34") {
    return "age_18_34";
  }
  if (age_band == "age_35_44" || age_band == "age_45_54" || age_band == "age_55_plus" ||
      age_band == "age_35_plus") {
    return "age_35_plus";
  }
  if (age_band == "age_0_17") {
    return "age_0_17";
  }
  return std::string(kUnknown);
}

std::string yearSpanOf(std::string_view year, int span) {
  int y = 0;
  const auto [end, error] = std::from_chars(year.data(), year.data() + year.size(), y);
  if (error != std::errc() || end != year.data() + year.size() || year.size() != 4) {
    return std::string(year);  // already a span, or unknown
  }
  if (span <= 1) {
    return std::string(year);
  }
  const int first = y - y % span;
  return std::to_string(first) + "-" + std::to_string(first + span - 1);
}

std::string regionOf(std::string_view country) {
  if (domain::isUnRegion(country)) {
    return std::string(country);
  }
  const std::string_view region = domain::unRegionOf(country);
  return region.empty() ? std::string(kUnknown) : std::string(region);
}

domain::Status validateAnonymisationOptions(const AnonymisationOptions& options) {
  if (options.k < kMinimumK || options.k > kMaximumK) {
    return domain::invalidField(
        "k",
        "k must be at least 11 (the global data hub's minimum) and at most 1000. "
        "Choose k between 11 and 1000.");
  }
  if (options.year_span < 1 || options.year_span > kMaximumYearSpan) {
    return domain::invalidField("year_span",
                                "The year span must be between 1 and 20 years. Choose another.");
  }
  return {};
}

domain::Result<AnonymisedRecords> kAnonymise(std::vector<QuasiIdentifiers> records,
                                             const AnonymisationOptions& options) {
  if (auto valid = validateAnonymisationOptions(options); !valid) {
    return tl::unexpected(valid.error());
  }
  std::sort(records.begin(), records.end());
  AnonymisationReport report;
  report.k = options.k;
  report.year_span = options.year_span;
  report.records_in = static_cast<std::int64_t>(records.size());
  report.records_below_k_before = recordsBelow(classSizes(records), options.k);
  for (const LadderStep step : kLadder) {
    const std::int64_t changed = applyStep(records, step, options);
    report.steps.push_back(StepReport{std::string(stepName(step)), changed,
                                      recordsBelow(classSizes(records), options.k)});
  }
  const ClassSizes sizes = classSizes(records);
  std::erase_if(records, [&](const QuasiIdentifiers& r) { return sizes.at(r) < options.k; });
  std::sort(records.begin(), records.end());
  report.records_out = static_cast<std::int64_t>(records.size());
  report.records_suppressed = report.records_in - report.records_out;
  report.steps.push_back(StepReport{std::string(kSuppressionStep), report.records_suppressed, 0});
  for (const auto& [key, size] : sizes) {
    if (size >= options.k) {
      ++report.classes;
      report.smallest_class =
          report.smallest_class == 0 ? size : std::min(report.smallest_class, size);
    }
  }
  return AnonymisedRecords{std::move(records), std::move(report)};
}

}  // namespace strada::reports
