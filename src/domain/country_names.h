// The names of the countries of the country code list (ISO 3166-1 alpha-2) in every UI language
// (kLabelLanguages), as the web client shows them (CLDR, through Intl.DisplayNames). The server
// needs them where text is searched: a knowledge article about "DE" is found as "Germany",
// "Duitsland" or "Germania". The table is codes/country-names.tsv, written by
// scripts/country-names.mjs; its codes are the country code list.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>

#include "domain/codes.h"

namespace strada::domain {

struct CountryNames {
  std::string_view code;                                       // "DE"
  std::array<std::string_view, kLabelLanguages.size()> names;  // in kLabelLanguages' order
};

// Every country of countryCodes(), in the same order (static storage).
std::span<const CountryNames> countryNameTable();

// The distinct names of `code` in every UI language, separated by " / " ("Germany / Duitsland /
// Germania"); "" for "" or a code that is not on the list.
std::string countrySearchNames(std::string_view code);

}  // namespace strada::domain
