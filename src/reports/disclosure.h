// The disclosure rules of an aggregate report (docs/reports.md, "The rules"): which figures are
// shown as counts, which are "suppressed" and which are "not collected". Pure functions.
//
// 1. Not collected: every figure of a group the organisation does not collect is "not collected",
//    never a count (and never 0).
// 2. Small counts: a count from 1 to k-1 is suppressed (k at least kMinimumK = 11, as the global
//    data hub uses; an organisation or the network may raise it, never lower it).
// 3. Earlier revisions: a figure suppressed in any earlier revision of the same period that left
//    (or may leave) the organisation stays suppressed, whatever its count now, so that comparing
//    revisions never reveals it by difference.
// 4. Complementary suppression: a breakdown and its total (a group and its `total`, the total
//    shared by every breakdown of the same population) are one sum. When exactly one figure of
//    such a sum is suppressed it could be recomputed from the others, so one more is suppressed:
//    the smallest non-zero count of the breakdown; failing that, the total; failing that, a zero
//    cell. Repeated until no sum has exactly one suppressed figure (suppressing a total reopens
//    every other breakdown of that total).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace strada::reports {

inline constexpr std::int64_t kMinimumK = 11;

enum class FigureState { kCount, kSuppressed, kNotCollected };
std::string_view figureStateName(FigureState state);  // "count", "suppressed", "not_collected"
std::optional<FigureState> parseFigureState(std::string_view name);

// One figure as it is published: `n` is the count for kCount and 0 otherwise.
struct Figure {
  std::string id;
  FigureState state = FigureState::kCount;
  std::int64_t n = 0;

  friend bool operator==(const Figure&, const Figure&) = default;
};

struct DisclosureRules {
  std::int64_t k = kMinimumK;
  std::set<std::string, std::less<>> groups_not_collected;   // figure group ids
  std::set<std::string, std::less<>> figures_not_collected;  // single figure ids (imports)
  std::set<std::string, std::less<>> suppressed_before;      // figure ids (rule 3)
};

// The k in force: the largest of kMinimumK, the organisation's and the network's.
[[nodiscard]] std::int64_t effectiveK(std::optional<std::int64_t> organisation,
                                      std::optional<std::int64_t> network);

// Every figure of the definition (allFigures(), in order) from the raw counts (`raw`: figure id
// -> count; a missing id counts 0) under rules 1-4.
[[nodiscard]] std::vector<Figure> discloseFigures(const std::map<std::string, std::int64_t>& raw,
                                                  const DisclosureRules& rules);

// Rule 4 alone on published figures (every figure of the definition): used by
// discloseFigures and by the import of historic figures.
void suppressComplements(std::vector<Figure>& figures);

}  // namespace strada::reports
