// The UN M49 region table: every country of the country code list has a region but Antarctica,
// and the regions are the five M49 codes.
#include "domain/un_regions.h"

#include <gtest/gtest.h>

#include "domain/codes.h"

namespace strada::domain {
namespace {

TEST(UnRegions, EveryCountryButAntarcticaHasOneOfTheFiveRegions) {
  int without = 0;
  for (const std::string_view code : countryCodes().codes) {
    const std::string_view region = unRegionOf(code);
    if (region.empty()) {
      ++without;
      EXPECT_EQ(code, "AQ");
      continue;
    }
    EXPECT_TRUE(isUnRegion(region)) << code;
  }
  EXPECT_EQ(without, 1);
}

TEST(UnRegions, PlacesKnownCountries) {
  EXPECT_EQ(unRegionOf("RO"), "150");
  EXPECT_EQ(unRegionOf("NG"), "002");
  EXPECT_EQ(unRegionOf("BR"), "019");
  EXPECT_EQ(unRegionOf("VN"), "142");
  EXPECT_EQ(unRegionOf("FJ"), "009");
  EXPECT_EQ(unRegionOf("XX"), "");
  EXPECT_EQ(unRegionOf(""), "");
  EXPECT_EQ(unRegionOf("R"), "");
  EXPECT_FALSE(isUnRegion("RO"));
  EXPECT_TRUE(isUnRegion("150"));
}

}  // namespace
}  // namespace strada::domain
