// The generic name table (domain/enum_names.h) that every closed enumeration's names use.
#include "domain/enum_names.h"

#include <gtest/gtest.h>

namespace strada::domain {
namespace {

enum class Shade { kLight, kDark, kBlack };

constexpr std::array<EnumName<Shade>, 3> kShades = {{
    {Shade::kLight, "light"},
    {Shade::kDark, "dark"},
    {Shade::kBlack, "black"},
}};
static_assert(listsEveryValue(kShades, Shade::kBlack));

TEST(EnumNamesTest, NamesAndParsesEveryListedValue) {
  EXPECT_EQ(nameOf(kShades, Shade::kDark, "?"), "dark");
  EXPECT_EQ(valueNamed(kShades, "black"), Shade::kBlack);
  EXPECT_EQ(valueNamed(kShades, "Black"), std::nullopt) << "names are matched exactly";
  EXPECT_EQ(valueNamed(kShades, ""), std::nullopt);
  EXPECT_EQ(nameOf(kShades, static_cast<Shade>(7), "?"), "?") << "not an enumerator";
  EXPECT_EQ(rowOf(kShades, static_cast<Shade>(7)), nullptr);
  constexpr auto kValues = valuesOf(kShades);
  EXPECT_EQ(kValues[0], Shade::kLight);
  EXPECT_EQ(kValues[2], Shade::kBlack);
}

TEST(EnumNamesTest, ACompleteTableListsEveryValueInDeclarationOrder) {
  constexpr std::array<EnumName<Shade>, 2> kShort = {{{Shade::kLight, "l"}, {Shade::kDark, "d"}}};
  EXPECT_FALSE(listsEveryValue(kShort, Shade::kBlack)) << "the last enumerator is missing";
  constexpr std::array<EnumName<Shade>, 3> kSwapped = {
      {{Shade::kDark, "d"}, {Shade::kLight, "l"}, {Shade::kBlack, "b"}}};
  EXPECT_FALSE(listsEveryValue(kSwapped, Shade::kBlack)) << "out of declaration order";
  EXPECT_TRUE(listsEveryValue(kShades, Shade::kBlack));
}

}  // namespace
}  // namespace strada::domain
