#include "network/overview.h"

#include <algorithm>
#include <array>
#include <utility>

namespace strada::network {
namespace {

constexpr std::array<CellState, 3> kLeftOut = {CellState::kNotCollected, CellState::kSuppressed,
                                               CellState::kNotReported};

CellState stateOf(const std::string& stored) {
  if (stored == "count") {
    return CellState::kCount;
  }
  return stored == "suppressed" ? CellState::kSuppressed : CellState::kNotCollected;
}

void add(std::vector<OverviewTotal>& totals, std::size_t i, const OverviewValue& v) {
  if (v.state == CellState::kCount) {
    totals[i].n += v.n;
    totals[i].counted += 1;
  } else {
    totals[i].left_out += 1;
  }
}

std::string cellText(const OverviewValue& v) {
  switch (v.state) {
    case CellState::kCount:
      return std::to_string(v.n);
    case CellState::kSuppressed:
      return "suppressed";
    case CellState::kNotCollected:
      return "not collected";
    case CellState::kNotReported:
      break;
  }
  return "not reported";
}

std::string totalText(const OverviewTotal& t) {
  if (t.counted == 0) {
    return t.left_out > 0 ? "none counted" : "0";
  }
  return std::to_string(t.n) + (t.left_out > 0 ? " *" : "");
}

// "2005-2009, 2012": consecutive years as a range.
std::string yearsText(const std::vector<int>& years) {
  std::string out;
  for (std::size_t i = 0; i < years.size();) {
    std::size_t j = i;
    while (j + 1 < years.size() && years[j + 1] == years[j] + 1) {
      ++j;
    }
    out += (out.empty() ? "" : ", ") + std::to_string(years[i]);
    if (j > i) {
      out += "-" + std::to_string(years[j]);
    }
    i = j + 1;
  }
  return out;
}

}  // namespace

const std::vector<std::string>& headlineFigures() {
  static const std::vector<std::string> kHeadline = {"contacts.total",
                                                     "people.total",
                                                     "people.new",
                                                     "services.total",
                                                     "referrals.out.cross_border",
                                                     "returns"};
  return kHeadline;
}

std::string_view cellStateName(CellState state) {
  switch (state) {
    case CellState::kCount:
      return "count";
    case CellState::kSuppressed:
      return "suppressed";
    case CellState::kNotCollected:
      return "not_collected";
    case CellState::kNotReported:
      break;
  }
  return "not_reported";
}

Overview buildOverview(int from, int to, std::vector<std::string> figures,
                       std::vector<OverviewMember> members,
                       const std::vector<store::OverviewCell>& cells) {
  Overview o;
  o.from = from;
  o.to = to;
  o.figures = std::move(figures);
  o.members = std::move(members);
  const std::size_t width = o.figures.size();
  const int years = to >= from ? to - from + 1 : 0;
  std::map<std::string, std::size_t, std::less<>> figure_index;
  for (std::size_t i = 0; i < width; ++i) {
    figure_index.emplace(o.figures[i], i);
  }
  std::map<std::string, std::size_t, std::less<>> member_index;
  o.rows.reserve(o.members.size() * static_cast<std::size_t>(years));
  for (std::size_t m = 0; m < o.members.size(); ++m) {
    member_index.emplace(o.members[m].code, m);
    for (int y = from; y <= to; ++y) {
      o.rows.push_back(OverviewRow{o.members[m].code, y, 0, "", std::vector<OverviewValue>(width)});
    }
  }
  for (const store::OverviewCell& c : cells) {
    auto m = member_index.find(c.member_code);
    auto f = figure_index.find(c.figure);
    if (m == member_index.end() || f == figure_index.end() || c.year < from || c.year > to) {
      continue;
    }
    OverviewRow& row = o.rows[m->second * static_cast<std::size_t>(years) +
                              static_cast<std::size_t>(c.year - from)];
    row.revision = c.revision;
    row.origin = c.origin;
    const CellState state = stateOf(c.state);
    row.values[f->second] = OverviewValue{state, state == CellState::kCount ? c.n : 0};
  }
  o.totals.assign(width, {});
  for (int y = from; y <= to; ++y) {
    o.year_totals[y].assign(width, {});
  }
  for (const OverviewMember& m : o.members) {
    o.member_totals[m.code].assign(width, {});
    o.country_totals[m.country].assign(width, {});
  }
  // footnote cells: state -> figure -> member -> years
  std::map<CellState, std::map<std::size_t, std::map<std::size_t, std::vector<int>>>> left_out;
  for (const OverviewRow& row : o.rows) {
    const std::size_t m = member_index.at(row.member);
    auto& member_totals = o.member_totals[row.member];
    auto& country_totals = o.country_totals[o.members[m].country];
    auto& year_totals = o.year_totals[row.year];
    for (std::size_t i = 0; i < width; ++i) {
      const OverviewValue& v = row.values[i];
      add(o.totals, i, v);
      add(member_totals, i, v);
      add(country_totals, i, v);
      add(year_totals, i, v);
      if (v.state != CellState::kCount) {
        left_out[v.state][i][m].push_back(row.year);
      }
    }
  }
  for (CellState state : kLeftOut) {
    auto by_figure = left_out.find(state);
    if (by_figure == left_out.end()) {
      continue;
    }
    for (const auto& [i, by_member] : by_figure->second) {
      Footnote note{state, o.figures[i], {}};
      for (const auto& [m, years_left] : by_member) {
        note.members.emplace_back(o.members[m].code, years_left);
      }
      o.footnotes.push_back(std::move(note));
    }
  }
  return o;
}

reports::ExportTable overviewTable(const Overview& o) {
  reports::ExportTable t;
  t.header = {"member", "name", "country", "year", "revision", "origin"};
  t.header.insert(t.header.end(), o.figures.begin(), o.figures.end());
  std::map<std::string, const OverviewMember*, std::less<>> members;
  for (const OverviewMember& m : o.members) {
    members.emplace(m.code, &m);
  }
  const auto line = [&](std::vector<std::string> head, const std::vector<std::string>& cells) {
    head.insert(head.end(), cells.begin(), cells.end());
    t.rows.push_back(std::move(head));
  };
  const auto totals = [](const std::vector<OverviewTotal>& ts) {
    std::vector<std::string> out;
    out.reserve(ts.size());
    for (const OverviewTotal& total : ts) {
      out.push_back(totalText(total));
    }
    return out;
  };
  for (const OverviewRow& row : o.rows) {
    const OverviewMember& m = *members.at(row.member);
    std::vector<std::string> cells;
    cells.reserve(row.values.size());
    for (const OverviewValue& v : row.values) {
      cells.push_back(cellText(v));
    }
    line({m.code, m.name, m.country, std::to_string(row.year),
          row.revision > 0 ? std::to_string(row.revision) : "", row.origin},
         cells);
  }
  const std::string span = std::to_string(o.from) + "-" + std::to_string(o.to);
  for (const OverviewMember& m : o.members) {
    line({m.code, m.name, m.country, span, "", "total"}, totals(o.member_totals.at(m.code)));
  }
  for (const auto& [country, ts] : o.country_totals) {
    line({"", "", country, span, "", "total"}, totals(ts));
  }
  line({"", "All members", "", span, "", "total"}, totals(o.totals));
  const std::vector<std::string> blank(o.figures.size() + 6, "");
  if (!o.footnotes.empty()) {
    t.rows.push_back(blank);
    std::vector<std::string> star = blank;
    star[0] = "*";
    star[1] =
        "Totals marked * leave out cells not collected, suppressed or not reported; never "
        "counted as 0:";
    t.rows.push_back(std::move(star));
  }
  for (const Footnote& note : o.footnotes) {
    std::string text = std::string(cellStateName(note.state)) + " " + note.figure + ":";
    for (const auto& [member, years] : note.members) {
      text += " " + member + " (" + yearsText(years) + ")";
    }
    std::vector<std::string> row = blank;
    row[0] = "*";
    row[1] = std::move(text);
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace strada::network
