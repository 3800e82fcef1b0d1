// The network overview at the hub (issue 9, section 4; docs/network.md, "The overview"): the
// members' latest yearly figures over a span of years, with totals per figure, member, country
// and year. Pure: buildOverview() turns the stored cells into the overview; no store, no I/O.
//
// The rules of the totals: only counts add up. A figure a member does not collect
// ("not_collected"), a suppressed one ("suppressed": under k, its count never left the member)
// and a year a member sent no yearly report for ("not_reported") are left out of every total,
// never counted as 0; each kind has its footnote naming the members and years left out, and a
// total that left any out says so (`complete` false).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "reports/export_table.h"
#include "store/network_report_repository.h"

namespace strada::network {

// The figures the overview shows when none are chosen: calls, people assisted and their newest.
const std::vector<std::string>& headlineFigures();

struct OverviewMember {
  std::string code, name, country;
};

enum class CellState { kCount, kSuppressed, kNotCollected, kNotReported };
std::string_view cellStateName(CellState state);  // count, suppressed, not_collected, not_reported

struct OverviewValue {
  CellState state = CellState::kNotReported;
  std::int64_t n = 0;  // a count's
};

// One member's year: its figures in the order of Overview::figures.
struct OverviewRow {
  std::string member;
  int year = 0;
  int revision = 0;    // 0 when not reported
  std::string origin;  // computed, imported; "" when not reported
  std::vector<OverviewValue> values;
};

// A sum of counts, and whether any cell was left out of it.
struct OverviewTotal {
  std::int64_t n = 0;
  int counted = 0;   // cells added
  int left_out = 0;  // cells not collected, suppressed or not reported
};

// Cells of one state left out of the totals: for each figure, the members and their years.
struct Footnote {
  CellState state = CellState::kNotCollected;
  std::string figure;
  std::vector<std::pair<std::string, std::vector<int>>> members;  // member code, years
};

struct Overview {
  int from = 0, to = 0;
  std::vector<std::string> figures;
  std::vector<OverviewMember> members;
  std::vector<OverviewRow> rows;      // every member x every year, member order then year
  std::vector<OverviewTotal> totals;  // per figure
  std::map<std::string, std::vector<OverviewTotal>> member_totals;   // member -> per figure
  std::map<std::string, std::vector<OverviewTotal>> country_totals;  // country -> per figure
  std::map<int, std::vector<OverviewTotal>> year_totals;             // year -> per figure
  std::vector<Footnote> footnotes;  // by state (not collected, suppressed, not reported), figure
};

// The overview of years [from, to] of `members` (in the order given) over `figures`, from
// `cells` (store::overviewCells; cells of other members or figures are ignored).
Overview buildOverview(int from, int to, std::vector<std::string> figures,
                       std::vector<OverviewMember> members,
                       const std::vector<store::OverviewCell>& cells);

// The overview as a table (CSV, XLSX): one line per member and year, then the totals per member,
// per country and over all members, then the footnotes. Cells left out read "not collected",
// "suppressed", "not reported".
reports::ExportTable overviewTable(const Overview& o);

}  // namespace strada::network
