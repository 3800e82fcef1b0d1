// Code lists: the closed vocabularies contacts are coded with. Every stored code comes from one of
// these lists, so figures stay comparable across members and years.
//
// The hotline lists live in one data file, codes/hotline-codes.tsv (compiled into the binary),
// with a version and labels in every UI language; every contact stores the version it was coded
// with. Codes follow shared/standards/ (HTCDS 2.0 where it defines them). Language (ISO 639-1)
// and country (ISO 3166-1 alpha-2) lists come from Debian's iso-codes; their labels come from the
// browser's Intl.DisplayNames.
#pragma once

#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace strada::domain {

// The UI languages every label exists in, in this order (English first: the fallback; then the
// order of the web client's language switch, web/src/i18n/index.ts).
inline constexpr std::array<std::string_view, 9> kLabelLanguages = {"en", "nl", "ro", "bg", "ar",
                                                                    "cs", "pl", "uk", "ru"};
// The labels of one code, in kLabelLanguages' order.
using CodeLabels = std::array<std::string_view, kLabelLanguages.size()>;

struct CodeList {
  std::string_view name;     // "channel"
  std::string_view version;  // of the code-list file: bumps when any code is added
  std::span<const std::string_view> codes;
  // labels[i][j]: label of codes[i] in kLabelLanguages[j]; empty for the ISO lists.
  std::span<const CodeLabels> labels = {};

  [[nodiscard]] bool contains(std::string_view code) const;
};

// The version of the code-list file, e.g. "2026-11.3".
std::string_view codesVersion();
// A list by name, or nullptr. Names: contact_kind, non_data_type, channel, category, caller_type,
// gender, age_band, exploitation, industry, indicator, assistance, outcome, caller_flag,
// agency_type, agency_service, language, country.
const CodeList* findCodeList(std::string_view name);
// Every list, in file order, then language and country.
const std::vector<const CodeList*>& allCodeLists();

const CodeList& channelCodes();
const CodeList& callerTypeCodes();
// The partner-agency directory's lists (domain/agency.h): an agency's type and its services.
const CodeList& agencyTypeCodes();
const CodeList& agencyServiceCodes();
const CodeList& languageCodes();
const CodeList& countryCodes();

}  // namespace strada::domain
