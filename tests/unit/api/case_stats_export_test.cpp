// The case statistics download files: the CSV's rows, a suppressed cell written as "suppressed"
// (never its number), and an XLSX that is a real workbook (a zip, opened with unzip) holding the
// same labels.
#include "api/case_stats_export.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace strada::api {
namespace {

cases::CaseStats sampleStats() {
  cases::CaseStats stats;
  stats.opened = {{"2026", {14, false}}};
  stats.assisted = {{"2026", {20, false}}};
  stats.totals = {{14, false}, {20, false}, {0, true}, {31, false}};
  stats.breakdowns = {
      {"gender", {{"Masculine", {12, false}}, {"Feminine", {0, true}}}},
      {"service_type", {{"court_support", {31, false}}}},
  };
  stats.small_counts_suppressed = true;
  return stats;
}

TEST(CaseStatsExportTest, TheCsvHasOneRowPerFigureAndNeverASuppressedNumber) {
  const std::string csv = caseStatsCsv(caseStatsRows(sampleStats()));
  EXPECT_EQ(csv.rfind("figure,code,label,count\r\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("opened,2026,2026,14\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("assisted,2026,2026,20\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("totals,closed,closed,suppressed\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("gender,Masculine,Masculine,12\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("gender,Feminine,Feminine,suppressed\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("service_type,court_support,"), std::string::npos) << csv;
}

TEST(CaseStatsExportTest, TheXlsxIsAWorkbookWithTheFigures) {
  auto xlsx = caseStatsXlsx(caseStatsRows(sampleStats()));
  ASSERT_TRUE(xlsx) << xlsx.error().message;
  ASSERT_GT(xlsx->size(), 4u);
  EXPECT_EQ(xlsx->substr(0, 4), std::string("PK\x03\x04", 4));  // a zip
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "strada-case-stats-export-test.xlsx";
  std::ofstream(file, std::ios::binary) << *xlsx;
  if (std::system("command -v unzip >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "unzip is not installed";
  }
  // Strings live in the shared-strings part of the workbook; the counts in the sheet.
  const std::string command =
      "unzip -p " + file.string() + " xl/sharedStrings.xml xl/worksheets/sheet1.xml";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string xml;
  char buffer[4096];
  for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    xml.append(buffer, n);
  }
  EXPECT_EQ(pclose(pipe), 0);
  std::filesystem::remove(file);
  for (const char* text : {"figure", "suppressed", "Masculine", "court_support", "assisted"}) {
    EXPECT_NE(xml.find(text), std::string::npos) << text << "\n" << xml;
  }
  EXPECT_NE(xml.find("<v>14</v>"), std::string::npos) << xml;
}

}  // namespace
}  // namespace strada::api
