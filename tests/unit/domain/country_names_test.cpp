// The country names the knowledge search indexes: one entry per country code, in every UI
// language.
#include "domain/country_names.h"

#include <gtest/gtest.h>

namespace strada::domain {
namespace {

TEST(CountryNamesTest, EveryCountryCodeHasANameInEveryUiLanguage) {
  ASSERT_EQ(kLabelLanguages.size(), 9U);  // en, nl, ro, bg, ar, cs, pl, uk, ru
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
  // In kLabelLanguages' order: en, nl, ro, bg, ar, cs, pl, uk, ru ("Германия" once).
  EXPECT_EQ(countrySearchNames("DE"),
            "Germany / Duitsland / Germania / Германия / ألمانيا / Německo / Niemcy / Німеччина");
  EXPECT_EQ(countrySearchNames("RO"),
            "Romania / Roemenië / România / Румъния / رومانيا / Rumunsko / Rumunia / Румунія / "
            "Румыния");
  EXPECT_EQ(countrySearchNames("AD"), "Andorra / Андора / أندورا / Andora / Андорра");
  EXPECT_EQ(countrySearchNames(""), "");
  EXPECT_EQ(countrySearchNames("XX"), "");
  EXPECT_EQ(countrySearchNames("de"), "");
}

}  // namespace
}  // namespace strada::domain
