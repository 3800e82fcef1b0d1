// The disclosure rules of the aggregate reports (reports/disclosure.h): not collected, small
// counts, complementary suppression and revisions.
#include "reports/disclosure.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "reports/report_definition.h"

namespace strada::reports {
namespace {

const Figure& figure(const std::vector<Figure>& figures, std::string_view id) {
  auto it =
      std::find_if(figures.begin(), figures.end(), [id](const Figure& f) { return f.id == id; });
  EXPECT_NE(it, figures.end()) << id;
  return *it;
}

bool suppressed(const std::vector<Figure>& figures, std::string_view id) {
  return figure(figures, id).state == FigureState::kSuppressed;
}

TEST(ReportDefinition, ListsEveryCodeOfABreakdownWithStableIds) {
  const auto& all = allFigures();
  auto has = [&all](std::string_view id) {
    return std::any_of(all.begin(), all.end(), [id](const FigureDef& f) { return f.id == id; });
  };
  for (std::string_view id :
       {"contacts.total", "contacts.data", "contacts.non_data", "contacts.by_category.crisis",
        "contacts.by_channel.phone", "contacts.by_caller_role.possible_victim", "people.new",
        "people.ongoing", "people.by_gender.Feminine", "people.by_age_band.age_0_17",
        "people.by_citizenship_group.foreign", "people.by_exploitation.ForcedLabour",
        "services.by_type.shelter", "referrals.in.national", "referrals.in.cross_border",
        "referrals.out.national", "referrals.out.cross_border", "returns",
        "cases.in_proceedings"}) {
    EXPECT_TRUE(has(id)) << id;
  }
  EXPECT_EQ(groupOfFigure("contacts.by_channel.phone")->id, "contacts.by_channel");
  EXPECT_EQ(groupOfFigure("contacts.by_channel.pigeon"), nullptr);
}

TEST(ReportDefinition, PeriodsStartOnTheFirstDayOfTheirKind) {
  auto year = periodStarting(PeriodKind::kYear, "2025-01-01", "start");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->label(), "2025");
  EXPECT_EQ(year->last_day - year->first_day, 364);
  auto quarter = periodStarting(PeriodKind::kQuarter, "2024-07-01", "start");
  ASSERT_TRUE(quarter);
  EXPECT_EQ(quarter->label(), "2024-Q3");
  EXPECT_EQ(quarter->last_day - quarter->first_day, 91);
  auto month = periodStarting(PeriodKind::kMonth, "2024-02-01", "start");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->label(), "2024-02");
  EXPECT_EQ(month->last_day - month->first_day, 28);
  for (auto [kind, start] :
       {std::pair{PeriodKind::kQuarter, "2024-02-01"}, std::pair{PeriodKind::kYear, "2024-03-01"},
        std::pair{PeriodKind::kMonth, "2024-02-02"}, std::pair{PeriodKind::kMonth, "24-02-01"},
        std::pair{PeriodKind::kMonth, "2024-13-01"}}) {
    auto bad = periodStarting(kind, start, "start");
    ASSERT_FALSE(bad) << start;
    EXPECT_EQ(bad.error().field, "start");
  }
}

TEST(Disclosure, KIsNeverBelowEleven) {
  EXPECT_EQ(effectiveK(std::nullopt, std::nullopt), 11);
  EXPECT_EQ(effectiveK(5, std::nullopt), 11);
  EXPECT_EQ(effectiveK(15, 20), 20);
  EXPECT_EQ(effectiveK(25, 20), 25);
  // A rule set that asks for less still suppresses under 11.
  auto figures = discloseFigures({{"returns", 10}}, DisclosureRules{5, {}, {}, {}});
  EXPECT_TRUE(suppressed(figures, "returns"));
}

TEST(Disclosure, SmallCountsAreSuppressedAndZeroIsACount) {
  auto figures = discloseFigures({{"returns", 10}, {"cases.in_proceedings", 11}}, {});
  EXPECT_TRUE(suppressed(figures, "returns"));
  EXPECT_EQ(figure(figures, "returns").n, 0);  // the count itself is gone
  EXPECT_EQ(figure(figures, "cases.in_proceedings"),
            (Figure{"cases.in_proceedings", FigureState::kCount, 11}));
  EXPECT_EQ(figure(figures, "referrals.out.national").state, FigureState::kCount);
  EXPECT_EQ(figure(figures, "referrals.out.national").n, 0);
  // A raised k suppresses more.
  figures = discloseFigures({{"cases.in_proceedings", 11}}, DisclosureRules{20, {}, {}, {}});
  EXPECT_TRUE(suppressed(figures, "cases.in_proceedings"));
}

TEST(Disclosure, AGroupNotCollectedIsNotCollectedNeverZero) {
  DisclosureRules rules;
  rules.groups_not_collected = {"contacts.by_channel", "returns"};
  auto figures =
      discloseFigures({{"contacts.total", 500}, {"contacts.by_channel.phone", 500}}, rules);
  EXPECT_EQ(figure(figures, "contacts.by_channel.phone").state, FigureState::kNotCollected);
  EXPECT_EQ(figure(figures, "contacts.by_channel.chat").state, FigureState::kNotCollected);
  EXPECT_EQ(figure(figures, "returns").state, FigureState::kNotCollected);
  EXPECT_EQ(figure(figures, "contacts.total").n, 500);
}

TEST(Disclosure, ALoneSuppressedCellTakesTheNextSmallestWithIt) {
  // 100 = 60 + 25 + 12 + 3: the 3 alone could be recomputed; 12 goes with it.
  auto figures = discloseFigures({{"contacts.total", 100},
                                  {"contacts.data", 70},
                                  {"contacts.non_data", 30},
                                  {"contacts.by_channel.phone", 60},
                                  {"contacts.by_channel.chat", 25},
                                  {"contacts.by_channel.email", 12},
                                  {"contacts.by_channel.sms", 3}},
                                 {});
  EXPECT_TRUE(suppressed(figures, "contacts.by_channel.sms"));
  EXPECT_TRUE(suppressed(figures, "contacts.by_channel.email"));
  EXPECT_FALSE(suppressed(figures, "contacts.by_channel.chat"));
  EXPECT_FALSE(suppressed(figures, "contacts.total"));
  // Two small cells protect each other: nothing more.
  figures = discloseFigures({{"services.total", 40},
                             {"services.by_type.shelter", 32},
                             {"services.by_type.legal_aid", 4},
                             {"services.by_type.social", 4}},
                            {});
  EXPECT_FALSE(suppressed(figures, "services.by_type.shelter"));
  EXPECT_FALSE(suppressed(figures, "services.total"));
}

TEST(Disclosure, WithNoOtherCellTheTotalGoesAndItsOtherBreakdownsFollow) {
  // 20 contacts, 15 by phone, 5 by chat is the only other channel... the total is the complement
  // of a lone suppressed cell only when no other non-zero cell is left.
  auto figures = discloseFigures({{"contacts.total", 20},
                                  {"contacts.data", 20},
                                  {"contacts.by_channel.phone", 5},
                                  {"contacts.by_category.crisis", 20}},
                                 {});
  EXPECT_TRUE(suppressed(figures, "contacts.by_channel.phone"));
  EXPECT_TRUE(suppressed(figures, "contacts.total"));
  // The total is now hidden, but contacts.data = total and by_category.crisis = total would give
  // it back: each of those sums loses one figure too.
  EXPECT_TRUE(suppressed(figures, "contacts.data"));
  EXPECT_TRUE(suppressed(figures, "contacts.by_category.crisis"));
}

TEST(Disclosure, NoSumEverLeavesExactlyOneSuppressedFigure) {
  auto figures = discloseFigures({{"people.total", 57},
                                  {"people.new", 50},
                                  {"people.ongoing", 7},
                                  {"people.by_gender.Feminine", 40},
                                  {"people.by_gender.Masculine", 16},
                                  {"people.by_gender.NonConforming", 1}},
                                 {});
  EXPECT_TRUE(suppressed(figures, "people.ongoing"));
  EXPECT_TRUE(suppressed(figures, "people.new") || suppressed(figures, "people.total"));
  EXPECT_TRUE(suppressed(figures, "people.by_gender.NonConforming"));
  EXPECT_TRUE(suppressed(figures, "people.by_gender.Masculine"));
  EXPECT_FALSE(suppressed(figures, "people.by_gender.Feminine"));
}

TEST(Disclosure, ANotCollectedTotalMakesNoSum) {
  DisclosureRules rules;
  rules.groups_not_collected = {"services.total"};
  auto figures =
      discloseFigures({{"services.by_type.shelter", 30}, {"services.by_type.social", 3}}, rules);
  EXPECT_TRUE(suppressed(figures, "services.by_type.social"));
  EXPECT_FALSE(suppressed(figures, "services.by_type.shelter"));
}

TEST(Disclosure, ACellSuppressedInAnEarlierRevisionStaysSuppressed) {
  // Revision 1: total 100, sms 3 and email 12 suppressed.
  const std::map<std::string, std::int64_t> first{{"contacts.total", 100},
                                                  {"contacts.data", 100},
                                                  {"contacts.by_channel.phone", 85},
                                                  {"contacts.by_channel.email", 12},
                                                  {"contacts.by_channel.sms", 3}};
  auto r1 = discloseFigures(first, {});
  ASSERT_TRUE(suppressed(r1, "contacts.by_channel.sms"));
  ASSERT_TRUE(suppressed(r1, "contacts.by_channel.email"));
  // Revision 2: corrections made sms 11 and email 13. Shown, they would give sms's earlier
  // count from the totals of the two revisions; carried forward, they stay hidden.
  auto revised = first;
  revised["contacts.by_channel.sms"] = 11;
  revised["contacts.by_channel.email"] = 13;
  revised["contacts.total"] = revised["contacts.data"] = 109;
  DisclosureRules rules;
  for (const Figure& f : r1) {
    if (f.state == FigureState::kSuppressed) {
      rules.suppressed_before.insert(f.id);
    }
  }
  auto r2 = discloseFigures(revised, rules);
  EXPECT_TRUE(suppressed(r2, "contacts.by_channel.sms"));
  EXPECT_TRUE(suppressed(r2, "contacts.by_channel.email"));
  EXPECT_EQ(figure(r2, "contacts.total").n, 109);
  // Without the carry-forward both would be shown.
  auto naive = discloseFigures(revised, {});
  EXPECT_FALSE(suppressed(naive, "contacts.by_channel.sms"));
}

}  // namespace
}  // namespace strada::reports
