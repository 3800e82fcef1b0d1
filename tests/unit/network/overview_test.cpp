// The network overview's totals and footnotes (network/overview.h): only counts add up; cells not
// collected, suppressed or not reported are left out, never counted as 0, and named in footnotes.
#include "network/overview.h"

#include <gtest/gtest.h>

namespace strada::network {
namespace {

store::OverviewCell cell(const std::string& member, int year, const std::string& figure,
                         const std::string& state, std::int64_t n = 0) {
  return store::OverviewCell{member, year, 1, "imported", figure, state, n};
}

TEST(OverviewTest, TotalsAddCountsOnlyAndFootnotesNameWhatWasLeftOut) {
  const std::vector<store::OverviewCell> cells = {
      cell("MA", 2010, "contacts.total", "count", 100),
      cell("MA", 2011, "contacts.total", "count", 200),
      cell("MB", 2010, "contacts.total", "not_collected"),
      cell("MB", 2011, "contacts.total", "not_collected"),
      cell("MA", 2010, "people.total", "suppressed"), cell("MA", 2011, "people.total", "count", 50),
      cell("MB", 2010, "people.total", "count", 40),
      // MB 2011 people.total: not reported.
      cell("MC", 2010, "people.total", "count", 999),    // not a member asked for
      cell("MA", 2009, "people.total", "count", 999),    // outside the span
      cell("MA", 2010, "services.total", "count", 999),  // not a figure asked for
  };
  const Overview o = buildOverview(2010, 2011, {"contacts.total", "people.total"},
                                   {{"MA", "Member A", "NL"}, {"MB", "Member B", "GR"}}, cells);
  ASSERT_EQ(o.rows.size(), 4u);
  EXPECT_EQ(o.rows[0].member, "MA");
  EXPECT_EQ(o.rows[0].year, 2010);
  EXPECT_EQ(o.rows[3].values[1].state, CellState::kNotReported);

  EXPECT_EQ(o.totals[0].n, 300);
  EXPECT_EQ(o.totals[0].counted, 2);
  EXPECT_EQ(o.totals[0].left_out, 2);
  EXPECT_EQ(o.totals[1].n, 90);
  EXPECT_EQ(o.totals[1].left_out, 2);
  EXPECT_EQ(o.member_totals.at("MB")[0].counted, 0);
  EXPECT_EQ(o.member_totals.at("MB")[0].n, 0);
  EXPECT_EQ(o.country_totals.at("NL")[1].n, 50);
  EXPECT_EQ(o.year_totals.at(2010)[1].n, 40);

  ASSERT_EQ(o.footnotes.size(), 3u);
  EXPECT_EQ(o.footnotes[0].state, CellState::kNotCollected);
  EXPECT_EQ(o.footnotes[0].figure, "contacts.total");
  ASSERT_EQ(o.footnotes[0].members.size(), 1u);
  EXPECT_EQ(o.footnotes[0].members[0].first, "MB");
  EXPECT_EQ(o.footnotes[0].members[0].second, (std::vector<int>{2010, 2011}));
  EXPECT_EQ(o.footnotes[1].state, CellState::kSuppressed);
  EXPECT_EQ(o.footnotes[1].members[0].first, "MA");
  EXPECT_EQ(o.footnotes[2].state, CellState::kNotReported);
  EXPECT_EQ(o.footnotes[2].members[0].second, (std::vector<int>{2011}));
}

TEST(OverviewTest, TheTableSaysNotCollectedAndMarksIncompleteTotals) {
  const Overview o = buildOverview(2010, 2012, {"contacts.total"},
                                   {{"MA", "Member A", "NL"}, {"MB", "Member B", "GR"}},
                                   {cell("MA", 2010, "contacts.total", "count", 100),
                                    cell("MB", 2010, "contacts.total", "not_collected"),
                                    cell("MB", 2011, "contacts.total", "not_collected"),
                                    cell("MB", 2012, "contacts.total", "not_collected")});
  const reports::ExportTable t = overviewTable(o);
  ASSERT_FALSE(t.rows.empty());
  EXPECT_EQ(t.header.back(), "contacts.total");
  EXPECT_EQ(t.rows[3][6], "not collected");
  EXPECT_EQ(t.rows[1][6], "not reported");
  bool total_marked = false;
  bool footnote = false;
  for (const auto& row : t.rows) {
    total_marked = total_marked || (row[1] == "All members" && row[6] == "100 *");
    footnote = footnote || row[1] == "not_collected contacts.total: MB (2010-2012)";
  }
  EXPECT_TRUE(total_marked);
  EXPECT_TRUE(footnote);
}

TEST(OverviewTest, NoMembersOrAnEmptySpanGiveNoRows) {
  EXPECT_TRUE(buildOverview(2010, 2011, {"contacts.total"}, {}, {}).rows.empty());
  const Overview o = buildOverview(2010, 2010, {"contacts.total"}, {{"MA", "A", "NL"}}, {});
  ASSERT_EQ(o.rows.size(), 1u);
  EXPECT_EQ(o.totals[0].counted, 0);
  EXPECT_EQ(o.totals[0].left_out, 1);
}

}  // namespace
}  // namespace strada::network
