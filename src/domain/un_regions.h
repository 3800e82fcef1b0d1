// The UN M49 regions (Standard country or area codes for statistical use, UN Statistics
// Division): the five world regions, each named by its three-digit M49 code, and the region of
// every country of the country code list (ISO 3166-1 alpha-2). The CTDC export generalises a
// citizenship or a country of exploitation to its region (reports/k_anonymity.h; docs/exports.md).
#pragma once

#include <string_view>

namespace strada::domain {

// The M49 region of an ISO 3166-1 alpha-2 country code; "" for a code with none (Antarctica) or
// not on the list.
[[nodiscard]] std::string_view unRegionOf(std::string_view country);

// Whether `code` is one of the five region codes: "002" Africa, "019" Americas, "142" Asia,
// "150" Europe, "009" Oceania.
[[nodiscard]] bool isUnRegion(std::string_view code);

}  // namespace strada::domain
