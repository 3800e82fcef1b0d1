#include "store/case_stats.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;

domain::Result<CaseStatsRollup> readCaseStatsRollup(soci::session& sql, const std::string& org_id,
                                                    std::int64_t first_month,
                                                    std::int64_t last_month) {
  return guarded("case stats", [&]() -> domain::Result<CaseStatsRollup> {
    CaseStatsRollup out;
    const long long first = first_month;
    const long long last = last_month;
    {
      CaseStatsMonthTotal t;
      long long month = 0, n = 0;
      soci::statement st =
          (sql.prepare << "SELECT month, measure, SUM(n) FROM case_stats_monthly WHERE org_id = "
                          ":o AND month <= :last AND (dimension = 'total' OR measure = 'service') "
                          "GROUP BY month, measure ORDER BY month",
           soci::into(month), soci::into(t.measure), soci::into(n), soci::use(org_id),
           soci::use(last));
      st.execute();
      while (st.fetch()) {
        t.month = month;
        t.n = n;
        out.totals.push_back(t);
      }
    }
    CaseStatsSum s;
    long long up_to_end = 0, before_start = 0;
    soci::statement st =
        (sql.prepare << "SELECT measure, dimension, code, SUM(n), SUM(CASE WHEN month < :first "
                        "THEN n ELSE 0 END) FROM case_stats_monthly WHERE org_id = :o AND month "
                        "<= :last AND dimension <> 'total' GROUP BY measure, dimension, code",
         soci::into(s.measure), soci::into(s.dimension), soci::into(s.code), soci::into(up_to_end),
         soci::into(before_start), soci::use(first), soci::use(org_id), soci::use(last));
    st.execute();
    while (st.fetch()) {
      s.up_to_end = up_to_end;
      s.before_start = before_start;
      out.sums.push_back(s);
    }
    return out;
  });
}

domain::Result<std::int64_t> firstCaseStatsMonth(soci::session& sql, const std::string& org_id,
                                                 std::int64_t fallback) {
  return guarded("first case stats month", [&]() -> domain::Result<std::int64_t> {
    long long month = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT MIN(month) FROM case_stats_monthly WHERE org_id = :o AND n <> 0",
        soci::into(month, ind), soci::use(org_id);
    return ind == soci::i_ok ? static_cast<std::int64_t>(month) : fallback;
  });
}

}  // namespace strada::store
