// k-anonymity of the CTDC export: every class of the output holds at least k records, the
// ladder generalises in its documented order and only what is under k, what stays under k is
// suppressed, k under 11 is refused, and the output does not depend on the input's order.
#include "reports/k_anonymity.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

namespace strada::reports {
namespace {

QuasiIdentifiers person(std::string citizenship, std::string year = "2024",
                        std::string age = "age_25_34", std::string country = "NL") {
  return {"Feminine",         std::move(age),       std::move(citizenship),
          std::move(country), "SexualExploitation", std::move(year)};
}

std::vector<QuasiIdentifiers> times(int n, const QuasiIdentifiers& r) {
  return std::vector<QuasiIdentifiers>(static_cast<std::size_t>(n), r);
}

void append(std::vector<QuasiIdentifiers>& to, const std::vector<QuasiIdentifiers>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

std::int64_t smallestClass(const std::vector<QuasiIdentifiers>& records) {
  std::map<QuasiIdentifiers, std::int64_t> sizes;
  for (const auto& r : records) {
    ++sizes[r];
  }
  std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
  for (const auto& [key, n] : sizes) {
    smallest = std::min(smallest, n);
  }
  return sizes.empty() ? 0 : smallest;
}

const StepReport& stepOf(const AnonymisationReport& report, std::string_view name) {
  const auto it = std::find_if(report.steps.begin(), report.steps.end(),
                               [&](const StepReport& s) { return s.step == name; });
  EXPECT_NE(it, report.steps.end()) << name;
  return *it;
}

TEST(KAnonymity, RefusesAKUnderElevenAndABadYearSpan) {
  auto low = kAnonymise({}, {5, 5});
  ASSERT_FALSE(low);
  EXPECT_EQ(low.error().field, "k");
  EXPECT_EQ(kAnonymise({}, {10, 5}).error().field, "k");
  EXPECT_EQ(kAnonymise({}, {1001, 5}).error().field, "k");
  EXPECT_EQ(kAnonymise({}, {11, 0}).error().field, "year_span");
  EXPECT_EQ(kAnonymise({}, {11, 21}).error().field, "year_span");
  EXPECT_TRUE(kAnonymise({}, {11, 1}));
  EXPECT_TRUE(kAnonymise({}, {50, 10}));
}

TEST(KAnonymity, ALargeClassKeepsItsDetailAndASmallOneIsGeneralisedStepByStep) {
  std::vector<QuasiIdentifiers> in = times(20, person("RO"));
  // Six Romanians registered in 2022 and five in 2021: together a class once the years are a
  // span, without touching their citizenship.
  append(in, times(6, person("RO", "2022")));
  append(in, times(5, person("RO", "2021")));
  // Moldova and Bulgaria: Europe, once the spans and bands do not suffice.
  append(in, times(7, person("MD", "2023", "age_18_24")));
  append(in, times(6, person("BG", "2020", "age_25_34")));
  auto out = kAnonymise(in, {});
  ASSERT_TRUE(out) << out.error().message;
  const auto& records = out->records;
  EXPECT_EQ(std::count(records.begin(), records.end(), person("RO")), 20);
  EXPECT_EQ(std::count(records.begin(), records.end(), person("RO", "2020-2024")), 11);
  EXPECT_EQ(std::count(records.begin(), records.end(), person("150", "2020-2024", "age_18_34")),
            13);
  EXPECT_EQ(out->report.records_suppressed, 0);
  EXPECT_GE(smallestClass(records), 11);
  EXPECT_EQ(out->report.smallest_class, 11);
  EXPECT_EQ(out->report.classes, 3);
  EXPECT_EQ(stepOf(out->report, "year_span").records_changed, 24);
  EXPECT_EQ(stepOf(out->report, "age_wider").records_changed, 13);
  EXPECT_EQ(stepOf(out->report, "citizenship_region").records_changed, 13);
  EXPECT_EQ(stepOf(out->report, "citizenship_region").records_below_k, 0);
  EXPECT_EQ(stepOf(out->report, "age_unknown").records_changed, 0);
}

TEST(KAnonymity, TheLadderRunsInItsDocumentedOrderThenSuppresses) {
  auto out = kAnonymise(times(3, person("RO")), {});
  ASSERT_TRUE(out);
  std::vector<std::string> names;
  for (const auto& s : out->report.steps) {
    names.push_back(s.step);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"year_span", "age_wider", "citizenship_region",
                                             "exploitation_country_region", "age_unknown",
                                             "citizenship_unknown", "exploitation_country_unknown",
                                             "suppression"}));
  // Three people can never make a class of 11: generalised all the way, then dropped.
  EXPECT_TRUE(out->records.empty());
  EXPECT_EQ(out->report.records_suppressed, 3);
  EXPECT_EQ(out->report.steps.back().records_changed, 3);
  EXPECT_EQ(stepOf(out->report, "age_unknown").records_changed, 3);
  EXPECT_EQ(out->report.records_below_k_before, 3);
  EXPECT_EQ(out->report.classes, 0);
}

TEST(KAnonymity, EveryClassHoldsAtLeastKRecordsForAnyKAndMixOfPeople) {
  std::mt19937 rng(9);
  const std::vector<std::string> countries{"RO", "MD", "UA", "NL", "NG", "VN", "BR", "", "AQ"};
  const std::vector<std::string> ages{"age_0_17",  "age_18_24",   "age_25_34",
                                      "age_35_44", "age_55_plus", ""};
  const std::vector<std::string> genders{"Feminine", "Masculine", "NonConforming"};
  std::vector<QuasiIdentifiers> in;
  for (int i = 0; i < 3000; ++i) {
    in.push_back({genders[rng() % genders.size()], ages[rng() % ages.size()],
                  countries[rng() % countries.size()], countries[rng() % 4],
                  rng() % 3 == 0 ? "ForcedLabour" : "SexualExploitation",
                  std::to_string(2015 + rng() % 10)});
  }
  for (const int k : {11, 12, 25, 100}) {
    auto out = kAnonymise(in, {k, 5});
    ASSERT_TRUE(out);
    EXPECT_GE(smallestClass(out->records), k) << k;
    EXPECT_EQ(out->report.records_in, 3000);
    EXPECT_EQ(out->report.records_out + out->report.records_suppressed, 3000);
    EXPECT_EQ(static_cast<std::int64_t>(out->records.size()), out->report.records_out);
  }
}

TEST(KAnonymity, TheOutputDoesNotDependOnTheInputOrder) {
  std::vector<QuasiIdentifiers> in = times(12, person("RO"));
  append(in, times(4, person("MD", "2023")));
  append(in, times(9, person("UA", "2021", "age_35_44")));
  append(in, times(2, person("VN", "2019", "age_0_17", "")));
  std::vector<QuasiIdentifiers> shuffled = in;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  auto a = kAnonymise(in, {});
  auto b = kAnonymise(shuffled, {});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->records, b->records);
  EXPECT_TRUE(std::is_sorted(a->records.begin(), a->records.end()));
  EXPECT_EQ(a->report.records_suppressed, b->report.records_suppressed);
}

TEST(KAnonymity, EachRungGeneralisesOneValue) {
  EXPECT_EQ(yearSpanOf("2023", 5), "2020-2024");
  EXPECT_EQ(yearSpanOf("2020", 5), "2020-2024");
  EXPECT_EQ(yearSpanOf("2019", 10), "2010-2019");
  EXPECT_EQ(yearSpanOf("2020-2024", 5), "2020-2024");
  EXPECT_EQ(yearSpanOf("unknown", 5), "unknown");
  EXPECT_EQ(widerAgeBand("age_18_24"), "age_18_34");
  EXPECT_EQ(widerAgeBand("age_25_34"), "age_18_34");
  EXPECT_EQ(widerAgeBand("age_45_54"), "age_35_plus");
  EXPECT_EQ(widerAgeBand("age_55_plus"), "age_35_plus");
  EXPECT_EQ(widerAgeBand("age_0_17"), "age_0_17");
  EXPECT_EQ(widerAgeBand("unknown"), "unknown");
  EXPECT_EQ(regionOf("RO"), "150");
  EXPECT_EQ(regionOf("150"), "150");
  EXPECT_EQ(regionOf("AQ"), "unknown");
  EXPECT_EQ(regionOf("unknown"), "unknown");
}

}  // namespace
}  // namespace strada::reports
