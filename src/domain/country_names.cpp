#include "domain/country_names.h"

#include <algorithm>
#include <vector>

#include "domain/embedded_tables.h"

namespace strada::domain {
namespace {

std::vector<CountryNames> readCountryNames() {
  std::vector<CountryNames> table;
  for (const auto& fields : tableRows(embeddedCountryNames())) {
    if (fields.size() != 1 + kLabelLanguages.size() || fields[0].size() != 2) {
      malformedTable("country-names.tsv", fields[0]);
    }
    CountryNames country{fields[0], {}};
    std::copy(fields.begin() + 1, fields.end(), country.names.begin());
    table.push_back(country);
  }
  return table;
}

}  // namespace

std::span<const CountryNames> countryNameTable() {
  static const std::vector<CountryNames> kTable = readCountryNames();
  return kTable;
}

std::string countrySearchNames(std::string_view code) {
  const auto table = countryNameTable();
  const auto found = std::find_if(table.begin(), table.end(),
                                  [code](const CountryNames& c) { return c.code == code; });
  if (code.empty() || found == table.end()) {
    return {};
  }
  std::string out;
  const auto& names = found->names;
  for (auto name = names.begin(); name != names.end(); ++name) {
    if (std::find(names.begin(), name, *name) != name) {
      continue;  // the same name in an earlier language
    }
    if (!out.empty()) {
      out += " / ";
    }
    out += *name;
  }
  return out;
}

}  // namespace strada::domain
