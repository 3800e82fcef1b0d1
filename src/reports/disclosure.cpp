#include "reports/disclosure.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "domain/enum_names.h"
#include "reports/report_definition.h"

namespace strada::reports {
namespace {

constexpr std::array<domain::EnumName<FigureState>, 3> kStateNames = {{
    {FigureState::kCount, "count"},
    {FigureState::kSuppressed, "suppressed"},
    {FigureState::kNotCollected, "not_collected"},
}};
static_assert(domain::listsEveryValue(kStateNames, FigureState::kNotCollected));

// One sum: `total` = the sum of `cells` (indexes into the figures).
struct Sum {
  std::size_t total = 0;
  std::vector<std::size_t> cells;
};

std::vector<Sum> sumsOf(const std::vector<Figure>& figures) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    index.emplace(figures[i].id, i);
  }
  std::vector<Sum> sums;
  for (const FigureGroup& group : figureGroups()) {
    auto total = index.find(group.total);
    if (group.total.empty() || total == index.end()) {
      continue;
    }
    Sum sum{total->second, {}};
    for (std::size_t i = 0; i < figures.size(); ++i) {
      if (groupOfFigure(figures[i].id) == &group) {
        sum.cells.push_back(i);
      }
    }
    sums.push_back(std::move(sum));
  }
  return sums;
}

bool isSuppressed(const Figure& f) { return f.state == FigureState::kSuppressed; }

void suppressFigure(Figure& f) {
  f.state = FigureState::kSuppressed;
  f.n = 0;
}

// The figure to suppress beside a lone suppressed one of `sum`: the smallest non-zero published
// cell, else the total, else a zero cell. Nothing when none is left.
std::optional<std::size_t> complementOf(const std::vector<Figure>& figures, const Sum& sum) {
  std::optional<std::size_t> smallest, zero;
  for (std::size_t i : sum.cells) {
    const Figure& f = figures[i];
    if (f.state != FigureState::kCount) {
      continue;
    }
    if (f.n == 0) {
      zero = zero ? zero : i;
    } else if (!smallest || f.n < figures[*smallest].n) {
      smallest = i;
    }
  }
  if (smallest) {
    return smallest;
  }
  if (figures[sum.total].state == FigureState::kCount) {
    return sum.total;
  }
  return zero;
}

// Whether the sum leaves one figure alone suppressed (a not-collected member makes it no sum).
bool exposesOne(const std::vector<Figure>& figures, const Sum& sum) {
  if (figures[sum.total].state == FigureState::kNotCollected) {
    return false;
  }
  int suppressed = isSuppressed(figures[sum.total]) ? 1 : 0;
  for (std::size_t i : sum.cells) {
    if (figures[i].state == FigureState::kNotCollected) {
      return false;
    }
    suppressed += isSuppressed(figures[i]) ? 1 : 0;
  }
  return suppressed == 1;
}

}  // namespace

std::string_view figureStateName(FigureState state) {
  return domain::nameOf(kStateNames, state, "count");
}

std::optional<FigureState> parseFigureState(std::string_view name) {
  return domain::valueNamed(kStateNames, name);
}

std::int64_t effectiveK(std::optional<std::int64_t> organisation,
                        std::optional<std::int64_t> network) {
  return std::max({kMinimumK, organisation.value_or(kMinimumK), network.value_or(kMinimumK)});
}

void suppressComplements(std::vector<Figure>& figures) {
  const std::vector<Sum> sums = sumsOf(figures);
  // Each round suppresses at least one more figure, so this ends within figures.size() rounds.
  for (bool changed = true; changed;) {
    changed = false;
    for (const Sum& sum : sums) {
      if (!exposesOne(figures, sum)) {
        continue;
      }
      if (auto pick = complementOf(figures, sum)) {
        suppressFigure(figures[*pick]);
        changed = true;
      }
    }
  }
}

std::vector<Figure> discloseFigures(const std::map<std::string, std::int64_t>& raw,
                                    const DisclosureRules& rules) {
  const std::int64_t k = std::max(rules.k, kMinimumK);
  std::vector<Figure> figures;
  figures.reserve(allFigures().size());
  for (const FigureDef& def : allFigures()) {
    Figure f{def.id, FigureState::kCount, 0};
    if (rules.groups_not_collected.contains(def.group) ||
        rules.figures_not_collected.contains(def.id)) {
      f.state = FigureState::kNotCollected;
    } else {
      auto it = raw.find(def.id);
      f.n = it == raw.end() ? 0 : it->second;
      if ((f.n >= 1 && f.n < k) || rules.suppressed_before.contains(def.id)) {
        suppressFigure(f);
      }
    }
    figures.push_back(std::move(f));
  }
  suppressComplements(figures);
  return figures;
}

}  // namespace strada::reports
