#include "reports/report_definition.h"

#include <array>
#include <unordered_map>

#include "domain/codes.h"
#include "domain/enum_names.h"
#include "domain/time.h"

namespace strada::reports {
namespace {

constexpr std::string_view kContactsTotal[] = {"contacts.total"};
constexpr std::string_view kContactsKind[] = {"contacts.data", "contacts.non_data"};
constexpr std::string_view kPeopleTotal[] = {"people.total"};
constexpr std::string_view kPeopleStatus[] = {"people.new", "people.ongoing"};
constexpr std::string_view kServicesTotal[] = {"services.total"};
constexpr std::string_view kReferralsIn[] = {"referrals.in.national", "referrals.in.cross_border"};
constexpr std::string_view kReferralsOut[] = {"referrals.out.national",
                                              "referrals.out.cross_border"};
constexpr std::string_view kReturns[] = {"returns"};
constexpr std::string_view kInProceedings[] = {"cases.in_proceedings"};
constexpr std::string_view kTrainingsTotal[] = {"trainings.courses", "trainings.participants"};

constexpr std::array<FigureGroup, 19> kGroups = {{
    {"contacts.total", "", kContactsTotal, ""},
    {"contacts.kind", "", kContactsKind, "contacts.total"},
    {"contacts.by_category", "category", {}, "contacts.total"},
    {"contacts.by_channel", "channel", {}, "contacts.total"},
    {"contacts.by_caller_role", "caller_type", {}, "contacts.total"},
    {"people.total", "", kPeopleTotal, ""},
    {"people.status", "", kPeopleStatus, "people.total"},
    {"people.by_gender", "gender", {}, "people.total"},
    {"people.by_age_band", "age_band", {}, "people.total"},
    {"people.by_citizenship_group", "citizenship_group", {}, "people.total"},
    {"people.by_exploitation", "exploitation", {}, "people.total"},
    {"services.total", "", kServicesTotal, ""},
    {"services.by_type", "service_type", {}, "services.total"},
    {"referrals.in", "", kReferralsIn, ""},
    {"referrals.out", "", kReferralsOut, ""},
    {"returns", "", kReturns, ""},
    {"cases.in_proceedings", "", kInProceedings, ""},
    {"trainings.total", "", kTrainingsTotal, ""},
    {"trainings.by_audience", "training_audience", {}, "trainings.participants"},
}};

constexpr std::array<domain::EnumName<PeriodKind>, 3> kPeriodKindNames = {{
    {PeriodKind::kMonth, "month"},
    {PeriodKind::kQuarter, "quarter"},
    {PeriodKind::kYear, "year"},
}};
static_assert(domain::listsEveryValue(kPeriodKindNames, PeriodKind::kYear));

std::vector<FigureDef> buildFigures() {
  std::vector<FigureDef> out;
  for (const FigureGroup& group : kGroups) {
    for (std::string_view id : group.figures) {
      out.push_back(FigureDef{std::string(id), group.id});
    }
    if (group.code_list.empty()) {
      continue;
    }
    if (const domain::CodeList* list = domain::findCodeList(group.code_list)) {
      for (std::string_view code : list->codes) {
        out.push_back(FigureDef{std::string(group.id) + "." + std::string(code), group.id});
      }
    }
  }
  return out;
}

std::string twoDigits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// The number of months a period of `kind` spans.
unsigned monthsOf(PeriodKind kind) {
  return kind == PeriodKind::kMonth ? 1 : kind == PeriodKind::kQuarter ? 3 : 12;
}

}  // namespace

std::span<const FigureGroup> figureGroups() { return kGroups; }

const FigureGroup* findFigureGroup(std::string_view id) {
  for (const FigureGroup& group : kGroups) {
    if (group.id == id) {
      return &group;
    }
  }
  return nullptr;
}

const std::vector<FigureDef>& allFigures() {
  static const std::vector<FigureDef> kFigures = buildFigures();
  return kFigures;
}

const FigureGroup* groupOfFigure(std::string_view figure_id) {
  static const std::unordered_map<std::string_view, const FigureGroup*> kGroupOfFigure = [] {
    std::unordered_map<std::string_view, const FigureGroup*> out;
    for (const FigureDef& figure : allFigures()) {
      out.emplace(figure.id, findFigureGroup(figure.group));
    }
    return out;
  }();
  auto it = kGroupOfFigure.find(figure_id);
  return it == kGroupOfFigure.end() ? nullptr : it->second;
}

std::string_view periodKindName(PeriodKind kind) {
  return domain::nameOf(kPeriodKindNames, kind, "year");
}

std::optional<PeriodKind> parsePeriodKind(std::string_view name) {
  return domain::valueNamed(kPeriodKindNames, name);
}

std::string Period::start() const {
  const domain::CivilDate c = domain::civilFromDays(first_day);
  return std::to_string(c.y) + "-" + twoDigits(c.m) + "-" + twoDigits(c.d);
}

std::string Period::label() const {
  const domain::CivilDate c = domain::civilFromDays(first_day);
  switch (kind) {
    case PeriodKind::kMonth:
      return std::to_string(c.y) + "-" + twoDigits(c.m);
    case PeriodKind::kQuarter:
      return std::to_string(c.y) + "-Q" + std::to_string((c.m - 1) / 3 + 1);
    default:
      return std::to_string(c.y);
  }
}

domain::Result<Period> periodStarting(PeriodKind kind, std::string_view start,
                                      const std::string& field) {
  const auto digits = [](std::string_view s, std::int64_t& out) {
    out = 0;
    for (char ch : s) {
      if (ch < '0' || ch > '9') {
        return false;
      }
      out = out * 10 + (ch - '0');
    }
    return !s.empty();
  };
  std::int64_t y = 0, m = 0, d = 0;
  const bool shaped = start.size() == 10 && start[4] == '-' && start[7] == '-' &&
                      digits(start.substr(0, 4), y) && digits(start.substr(5, 2), m) &&
                      digits(start.substr(8, 2), d);
  if (!shaped || y < 2000 || y > 2999) {
    return domain::invalidField(field, "Write the period's first day as YYYY-MM-DD.");
  }
  const unsigned months = monthsOf(kind);
  if (d != 1 || m < 1 || m > 12 || (m - 1) % months != 0) {
    return domain::invalidField(field, "Start the period on the first day of a " +
                                           std::string(periodKindName(kind)) + " (for example " +
                                           std::to_string(y) + "-01-01).");
  }
  Period p{kind, domain::daysFromCivil(y, static_cast<unsigned>(m), 1), 0};
  std::int64_t next = p.first_day;
  for (unsigned i = 0; i < months; ++i) {
    next = domain::nextMonthStartDay(next);
  }
  p.last_day = next - 1;
  return p;
}

}  // namespace strada::reports
