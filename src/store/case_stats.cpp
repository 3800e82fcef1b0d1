#include "store/case_stats.h"

#include <soci/soci.h>

#include <tuple>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;

namespace {

// Runs `query` with `params` bound in order and the columns into `holders`; each row by `make`.
template <class... Holders, class... Params, class Make>
auto readRows(soci::session& sql, const std::string& query, std::tuple<Holders&...> holders,
              std::tuple<const Params&...> params, Make make) {
  soci::statement st(sql);
  std::apply([&st](auto&... h) { detail::intoEach(st, h...); }, holders);
  std::apply([&st](const auto&... p) { detail::useEach(st, p...); }, params);
  detail::prepareAndExecute(st, query);
  return detail::collectRows(st, make);
}

}  // namespace

domain::Result<CaseStatsRollup> readCaseStatsRollup(soci::session& sql, const std::string& org_id,
                                                    std::int64_t first_month,
                                                    std::int64_t last_month) {
  return guarded("case stats", [&]() -> domain::Result<CaseStatsRollup> {
    CaseStatsRollup out;
    const long long first = first_month;
    const long long last = last_month;
    long long month = 0, n = 0, before = 0;
    CaseStatsMonthTotal t;
    out.totals = readRows(
        sql,
        "SELECT month, measure, SUM(n) FROM case_stats_monthly WHERE org_id = :o AND month <= "
        ":last AND (dimension = 'total' OR measure = 'service') GROUP BY month, measure ORDER BY "
        "month",
        std::tie(month, t.measure, n), std::tie(org_id, last), [&] {
          t.month = month;
          t.n = n;
          return t;
        });
    // One pass: each code's sum up to the last month, and before the first.
    CaseStatsSum s;
    out.sums = readRows(
        sql,
        "SELECT measure, dimension, code, SUM(n), SUM(CASE WHEN month < :first THEN n ELSE 0 END) "
        "FROM case_stats_monthly WHERE org_id = :o AND month <= :last AND dimension <> 'total' "
        "GROUP BY measure, dimension, code",
        std::tie(s.measure, s.dimension, s.code, n, before), std::tie(first, org_id, last), [&] {
          s.up_to_end = n;
          s.before_start = before;
          return s;
        });
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
