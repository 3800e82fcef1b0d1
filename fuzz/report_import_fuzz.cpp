// libFuzzer target for the CSV import of historic figures (reports/report_import.h:
// parseImport), the file a member uploads to POST /api/v1/reports/import. Build and run: see
// fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/report_definition.h"
#include "reports/report_import.h"

namespace {

constexpr int kLastYear = 2026;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view csv(reinterpret_cast<const char*>(data), size);
  if (size > strada::reports::kMaxImportBytes) {
    return 0;  // the route refuses a larger file before parsing it
  }
  std::vector<strada::reports::ImportLineError> errors;
  const auto years = strada::reports::parseImport(csv, kLastYear, errors);
  if (errors.size() > 200) {
    __builtin_trap();
  }
  for (const auto& e : errors) {
    // Every error names a line of the file (or the one after it) and a known column, and says
    // what to do without repeating the line.
    if (e.line == 0 || e.message.empty() || e.message.size() > 120 ||
        (e.field != "" && e.field != "year" && e.field != "figure" && e.field != "value")) {
      __builtin_trap();
    }
  }
  if (!errors.empty()) {
    return 0;
  }
  // What is stored: known years and figures, counts in range, a figure given once.
  for (const auto& y : years) {
    if (y.year < 1990 || y.year > kLastYear) {
      __builtin_trap();
    }
    for (const auto& [figure, count] : y.counts) {
      if (strada::reports::groupOfFigure(figure) == nullptr || count < 0 || count > 1'000'000'000 ||
          y.not_collected.contains(figure)) {
        __builtin_trap();
      }
    }
    for (const auto& figure : y.not_collected) {
      if (strada::reports::groupOfFigure(figure) == nullptr) {
        __builtin_trap();
      }
    }
  }
  return 0;
}
