// The country names the knowledge search indexes: one entry per country code, in every UI
// language.
#include "domain/country_names.h"

#include <gtest/gtest.h>

namespace strada::domain {
namespace {

TEST(CountryNamesTest, EveryCountryCodeHasANameInEveryUiLanguage) {
  const auto table = countryNameTable();
  const auto& codes = countryCodes().codes;
  ASSERT_EQ(table.size(), codes.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    EXPECT_EQ(table[i].code, codes[i]);
    for (std::string_view name : table[i].names) {
      EXPECT_FALSE(name.empty()) << table[i].code;
      EXPECT_NE(name, table[i].code) << "no name, only the code";
    }
  }
}

TEST(CountryNamesTest, SearchNamesAreTheDistinctNamesInEveryLanguage) {
  EXPECT_EQ(countrySearchNames("DE"), "Germany / Duitsland / Germania");
  EXPECT_EQ(countrySearchNames("RO"), "Romania / Roemenië / România");
  EXPECT_EQ(countrySearchNames("AD"), "Andorra");  // the same in all three
  EXPECT_EQ(countrySearchNames(""), "");
  EXPECT_EQ(countrySearchNames("XX"), "");
  EXPECT_EQ(countrySearchNames("de"), "");
}

}  // namespace
}  // namespace strada::domain
