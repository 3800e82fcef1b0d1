#include "domain/country_names.h"

#include <algorithm>

namespace strada::domain {

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
