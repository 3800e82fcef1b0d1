// Historic figures (issue 9, section 3): a member imports its yearly figures from before Strada
// from a CSV (docs/reports.md, "The CSV"), one report per year marked "imported", under the same
// disclosure rules as a computed one. Every line is checked first; when any is wrong nothing is
// stored and every wrong line is answered (line number, field, message).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/reports.h"

namespace strada::reports {

// One wrong line of an import: its number (the header is line 1), the column, what to do.
struct ImportLineError {
  std::size_t line = 0;
  std::string field;  // "year", "figure", "value", or "" for the line as a whole
  std::string message;
};

struct ImportOutcome {
  std::vector<ImportLineError> errors;    // not empty: nothing was stored
  std::vector<store::ReportRow> reports;  // one per year, each the next revision of its year
};

inline constexpr std::size_t kMaxImportBytes = std::size_t{4} * 1024 * 1024;

// The template: the header and one row per figure of the definition for an example year, each
// "not_collected" (a valid file as it is).
[[nodiscard]] std::string importTemplate();

// The lines of `csv` as (year, figure, value) checked against the definition; pure.
struct ImportedYear {
  int year = 0;
  std::map<std::string, std::int64_t> counts;
  std::set<std::string, std::less<>> not_collected;
};
[[nodiscard]] std::vector<ImportedYear> parseImport(std::string_view csv, int last_year,
                                                    std::vector<ImportLineError>& errors);

// Imports `csv` (reports.manage; audited, object "rows=<years>"): drafts of origin "imported",
// to review and approve as any other. A year's figures absent from the file are "not collected".
[[nodiscard]] awaitable<Result<ImportOutcome>> importReports(Context ctx, Actor actor,
                                                             std::string csv);

}  // namespace strada::reports
