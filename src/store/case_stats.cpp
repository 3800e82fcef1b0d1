#include "store/case_stats.h"

#include <soci/soci.h>

#include <map>
#include <utility>

#include "domain/encoding.h"
#include "store/guarded.h"

namespace strada::store {
namespace {

using detail::guarded;
using CellSums = std::map<std::pair<std::string, std::string>, std::int64_t>;

// The coded columns counted, in select order after opened_on; multi-coded ones hold a list.
struct CountedColumn {
  const char* dimension;
  bool list;
};
constexpr CountedColumn kCounted[] = {
    {"status", false},      {"referral_source", false}, {"gender", false},
    {"age_band", false},    {"citizenship", true},      {"trafficking_status", false},
    {"exploitation", true},
};

void countRow(const soci::row& row, bool per_month, CellSums& sums) {
  const auto opened = row.get<std::string>(0);
  if (opened.size() >= 7) {
    sums[{"opened", opened.substr(0, per_month ? 7 : 4)}] += 1;
  }
  for (std::size_t i = 0; i < std::size(kCounted); ++i) {
    const std::string value = row.get<std::string>(i + 1);
    const std::vector<std::string> codes =
        kCounted[i].list ? domain::splitList(value) : std::vector<std::string>{value};
    for (const std::string& code : codes) {
      if (!code.empty()) {
        sums[{kCounted[i].dimension, code}] += 1;
      }
    }
  }
}

}  // namespace

domain::Result<std::vector<StatsCell>> caseStatsCells(soci::session& sql, const std::string& org_id,
                                                      const CaseStatsRange& range) {
  return guarded("case stats", [&]() -> domain::Result<std::vector<StatsCell>> {
    const std::string from = range.from_date.empty() ? std::string("0000-00-00") : range.from_date;
    const std::string to = range.to_date.empty() ? std::string("9999-99-99") : range.to_date;
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT k.opened_on, k.status, k.referral_source, c.gender, c.age_band, "
                        "c.citizenships, c.trafficking_status, c.exploitation_types FROM cases k "
                        "JOIN clients c ON c.id = k.client_id WHERE k.org_id = :org_id AND "
                        "k.opened_on >= :lo AND k.opened_on <= :hi",
         soci::use(org_id), soci::use(from), soci::use(to));
    CellSums sums;
    for (const soci::row& row : rows) {
      countRow(row, range.per_month, sums);
    }
    return sortedCells(sums);
  });
}

}  // namespace strada::store
