#include "domain/un_regions.h"

#include <array>

namespace strada::domain {
namespace {

struct RegionCountries {
  std::string_view region;
  std::string_view countries;  // alpha-2 codes, each followed by one space
};

// M49's assignment (2024), Taiwan with Asia. Antarctica (AQ) belongs to no region.
constexpr std::array<RegionCountries, 5> kRegions{{
    {"002",
     "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW IO KE KM LR LS LY MA "
     "MG ML MR MU MW YT MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG ZA ZM "
     "ZW "},
    {"019",
     "AG AI AR AW BB BL BM BO BQ BR BS BV BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY "
     "HN HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI "},
    {"142",
     "AE AF AM AZ BD BH BN BT CN CY GE HK ID IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN "
     "MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TR TW UZ VN YE "},
    {"150",
     "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT "
     "LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA "},
    {"009",
     "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS "},
}};

}  // namespace

std::string_view unRegionOf(std::string_view country) {
  if (country.size() != 2) {
    return {};
  }
  for (const RegionCountries& r : kRegions) {
    for (std::size_t at = 0; at + 2 <= r.countries.size(); at += 3) {
      if (r.countries.substr(at, 2) == country) {
        return r.region;
      }
    }
  }
  return {};
}

bool isUnRegion(std::string_view code) {
  for (const RegionCountries& r : kRegions) {
    if (r.region == code) {
      return true;
    }
  }
  return false;
}

}  // namespace strada::domain
