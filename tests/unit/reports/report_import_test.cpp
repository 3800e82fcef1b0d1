// The CSV of historic figures (reports/report_import.h): every wrong line named, a figure absent
// for a year left out (the use case makes it "not collected").
#include "reports/report_import.h"

#include <gtest/gtest.h>

namespace strada::reports {
namespace {

TEST(ReportImport, ReadsYearsFiguresAndNotCollected) {
  std::vector<ImportLineError> errors;
  auto years = parseImport(
      "\xEF\xBB\xBFyear,figure,value\r\n2010,contacts.total,5000\r\n2010,returns,not_collected\r\n"
      "\r\n2011,people.total,40\r\n",
      2026, errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(years.size(), 2u);
  EXPECT_EQ(years[0].year, 2010);
  EXPECT_EQ(years[0].counts.at("contacts.total"), 5000);
  EXPECT_TRUE(years[0].not_collected.contains("returns"));
  EXPECT_EQ(years[1].counts.at("people.total"), 40);
}

TEST(ReportImport, NamesEveryWrongLineAndField) {
  std::vector<ImportLineError> errors;
  (void)parseImport(
      "year,figure,value\n2010,contacts.total,5000\n2010,contacts.total,1\n2010,nope,1\n"
      "2030,returns,1\n2010,returns,-1\n2010,returns\n",
      2026, errors);
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_EQ(errors[0].field, "figure");  // given twice
  EXPECT_EQ(errors[1].field, "figure");
  EXPECT_EQ(errors[2].field, "year");
  EXPECT_EQ(errors[3].field, "value");
  EXPECT_EQ(errors[4].field, "");
  errors.clear();
  (void)parseImport("figure,year,value\n", 2026, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 1u);
  errors.clear();
  (void)parseImport("year,figure,value\n", 2026, errors);
  EXPECT_EQ(errors.size(), 1u);  // no figures at all
}

TEST(ReportImport, TheTemplateIsAValidFile) {
  std::vector<ImportLineError> errors;
  auto years = parseImport(importTemplate(), 2026, errors);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(years.size(), 1u);
  EXPECT_EQ(years[0].not_collected.size(), allFigures().size());
}

}  // namespace
}  // namespace strada::reports
