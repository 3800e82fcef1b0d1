// The aggregate report's definition (issue 9, section 3; docs/reports.md): a fixed list of
// figures with stable ids, grouped in figure groups (what an organisation says it collects or
// not), and the periods a report covers. Pure: no store, no I/O.
//
// A figure id is "<group>" for a group of one figure, or "<group-prefix>.<code>" for a breakdown:
// "contacts.by_category.crisis". Breakdown codes come from the code lists (codes/hotline-codes.tsv,
// HTCDS 2.0 codes where the standard has them), every code of the list, in list order.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace strada::reports {

// Bumps when a figure is added or its meaning changes; stored with each report. 2: the trainings
// given (issue 11, section 3).
inline constexpr int kDefinitionVersion = 2;

// A group of figures an organisation collects or does not, as one.
struct FigureGroup {
  std::string_view id;         // "contacts.by_category"
  std::string_view code_list;  // the breakdown's code list; "" for fixed figures
  // Fixed figures' ids (code_list empty), e.g. {"people.new", "people.ongoing"}.
  std::span<const std::string_view> figures;
  // The figure the group's figures add up to (a breakdown's total, possibly in another group);
  // "" when none. Complementary suppression keeps that sum from revealing a suppressed cell.
  std::string_view total;
};

// Every group, in report order.
std::span<const FigureGroup> figureGroups();
const FigureGroup* findFigureGroup(std::string_view id);

// One figure of the definition.
struct FigureDef {
  std::string id;
  std::string_view group;
};
// Every figure of the definition, in report order (groups in order, codes in list order).
const std::vector<FigureDef>& allFigures();
// The group a figure id belongs to, or nullptr for an id the definition does not hold.
const FigureGroup* groupOfFigure(std::string_view figure_id);

// Citizenship groups of the people assisted, relative to the organisation's country (a code list
// of its own: citizenship_group).
inline constexpr std::string_view kCitizenshipNational = "national";
inline constexpr std::string_view kCitizenshipForeign = "foreign";

enum class PeriodKind { kMonth, kQuarter, kYear };
std::string_view periodKindName(PeriodKind kind);
std::optional<PeriodKind> parsePeriodKind(std::string_view name);

// A report's period: both days inclusive, days since 1970-01-01.
struct Period {
  PeriodKind kind = PeriodKind::kYear;
  std::int64_t first_day = 0;
  std::int64_t last_day = 0;
  [[nodiscard]] std::string start() const;  // "YYYY-MM-DD"
  [[nodiscard]] std::string label() const;  // "2026", "2026-Q3", "2026-07"
};

// The period of `kind` starting on `start` ("YYYY-MM-DD", the first day of a month, a quarter or
// a year; 2000..2999). InvalidArgument naming `field` otherwise.
[[nodiscard]] domain::Result<Period> periodStarting(PeriodKind kind, std::string_view start,
                                                    const std::string& field);

}  // namespace strada::reports
