// The CSV of an import of historic figures (reports/report_import.h): the template and the
// parser, apart from the use case that stores what they read, so that the parser is fuzzed on its
// own (fuzz/report_import_fuzz.cpp).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "reports/report_definition.h"
#include "reports/report_import.h"

namespace strada::reports {
namespace {

constexpr std::string_view kHeader = "year,figure,value";
constexpr std::int64_t kMaxCount = 1'000'000'000;
constexpr std::size_t kMaxErrors = 200;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) {
    s.remove_suffix(1);
  }
  while (!s.empty() && s.front() == ' ') {
    s.remove_prefix(1);
  }
  return s;
}

bool parseCount(std::string_view s, std::int64_t& out) {
  out = 0;
  if (s.empty() || s.size() > 10) {
    return false;
  }
  for (char ch : s) {
    if (ch < '0' || ch > '9') {
      return false;
    }
    out = out * 10 + (ch - '0');
  }
  return out <= kMaxCount;
}

std::vector<std::string_view> splitFields(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(trimmed(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) {
      return fields;
    }
    start = comma + 1;
  }
}

// One data line into `years`; its errors into `errors`.
void parseLine(std::string_view line, std::size_t number, int last_year,
               std::map<int, ImportedYear>& years, std::vector<ImportLineError>& errors) {
  const auto fields = splitFields(line);
  if (fields.size() != 3) {
    errors.push_back({number, "", "Write three values separated by commas: year,figure,value."});
    return;
  }
  std::int64_t year = 0;
  if (!parseCount(fields[0], year) || year < 1990 || year > last_year) {
    errors.push_back(
        {number, "year", "Write a year from 1990 to " + std::to_string(last_year) + "."});
    return;
  }
  const std::string figure(fields[1]);
  if (groupOfFigure(figure) == nullptr) {
    errors.push_back({number, "figure",
                      "Unknown figure id. Use the ids of the template (GET "
                      "/api/v1/reports/import-template)."});
    return;
  }
  ImportedYear& y = years[static_cast<int>(year)];
  y.year = static_cast<int>(year);
  if (y.counts.contains(figure) || y.not_collected.contains(figure)) {
    errors.push_back(
        {number, "figure", "This figure is given twice for this year. Keep one line."});
    return;
  }
  std::int64_t n = 0;
  if (fields[2] == "not_collected") {
    y.not_collected.insert(figure);
  } else if (parseCount(fields[2], n)) {
    y.counts[figure] = n;
  } else {
    errors.push_back(
        {number, "value", "Write a whole number from 0 to 1000000000, or not_collected."});
  }
}

}  // namespace

std::string importTemplate() {
  std::string out(kHeader);
  out += "\r\n";
  for (const FigureDef& def : allFigures()) {
    out += "2015," + def.id + ",not_collected\r\n";
  }
  return out;
}

std::vector<ImportedYear> parseImport(std::string_view csv, int last_year,
                                      std::vector<ImportLineError>& errors) {
  if (csv.starts_with("\xEF\xBB\xBF")) {  // a spreadsheet's byte order mark
    csv.remove_prefix(3);
  }
  std::map<int, ImportedYear> years;
  std::size_t number = 0;
  bool data = false;
  for (std::size_t start = 0; start < csv.size() && errors.size() < kMaxErrors;) {
    std::size_t end = csv.find('\n', start);
    end = end == std::string_view::npos ? csv.size() : end;
    const std::string_view line = trimmed(csv.substr(start, end - start));
    start = end + 1;
    ++number;
    if (number == 1) {
      if (line != kHeader) {
        errors.push_back({1, "", "Start the file with the header line year,figure,value."});
      }
      continue;
    }
    if (!line.empty()) {
      data = true;
      parseLine(line, number, last_year, years, errors);
    }
  }
  if (!data && errors.empty()) {
    errors.push_back(
        {number + 1, "", "The file holds no figures. Add one line per year and figure."});
  }
  std::vector<ImportedYear> out;
  out.reserve(years.size());
  for (auto& [year, figures] : years) {
    out.push_back(std::move(figures));
  }
  return out;
}

}  // namespace strada::reports
