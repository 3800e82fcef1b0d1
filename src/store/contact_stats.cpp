#include "store/contact_stats.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "domain/time.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using detail::internalFrom;

std::int64_t dayOf(domain::UnixMillis t) {
  std::int64_t day = t / kMillisPerDay;
  if (t % kMillisPerDay < 0) {
    --day;
  }
  return day;
}

namespace {

// One prepared upsert, executed for every non-zero cell of `cells`.
void upsertCells(soci::session& sql, const std::string& text, const StatsDeltas& cells) {
  std::string org_id, dimension, code;
  long long at = 0;
  long long n = 0;
  soci::statement st = (sql.prepare << text, soci::use(org_id), soci::use(at), soci::use(dimension),
                        soci::use(code), soci::use(n));
  for (const auto& [key, delta] : cells) {
    if (delta == 0) {
      continue;
    }
    org_id = std::get<0>(key);
    at = std::get<1>(key);
    dimension = std::get<2>(key);
    code = std::get<3>(key);
    n = delta;
    st.execute(true);
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> statsCells(const domain::Contact& contact) {
  std::vector<std::pair<std::string, std::string>> cells;
  const domain::ContactInput& d = contact.data;
  if (d.status != domain::kStatusFinal) {
    return cells;
  }
  const auto add = [&cells](const char* dimension, const std::string& code) {
    if (!code.empty()) {
      cells.emplace_back(dimension, code);
    }
  };
  cells.emplace_back("total", "");
  add("kind", d.kind);
  add("channel", d.channel);
  if (d.kind == domain::kKindNonData) {
    add("non_data_type", d.non_data_type);
    return cells;
  }
  add("category", d.category);
  add("caller_type", d.caller_type);
  add("destination_country", d.destination_country);
  add("outcome", d.outcome);
  std::vector<std::string> exploitation = d.exploitation;
  std::sort(exploitation.begin(), exploitation.end());
  exploitation.erase(std::unique(exploitation.begin(), exploitation.end()), exploitation.end());
  for (const auto& code : exploitation) {
    add("exploitation", code);
  }
  return cells;
}

domain::Status adjustContactStats(WriteContext& w, const domain::Contact* before,
                                  const domain::Contact* after) {
  StatsDeltas& deltas = w.statsDeltas();
  const auto collect = [&deltas](const domain::Contact* c, long long sign) {
    if (c == nullptr) {
      return;
    }
    const std::int64_t day = dayOf(c->data.started_at);
    for (auto& [dimension, code] : statsCells(*c)) {
      deltas[{c->org_id, day, dimension, code}] += sign;
    }
  };
  collect(before, -1);
  collect(after, +1);
  return {};
}

domain::Status applyStatsDeltas(soci::session& sql, const StatsDeltas& deltas) {
  return guarded("apply contact stats", [&]() -> domain::Status {
    StatsDeltas months;
    for (const auto& [key, delta] : deltas) {
      const auto& [org_id, day, dimension, code] = key;
      months[{org_id, domain::monthStartDay(day), dimension, code}] += delta;
    }
    // INSERT ... ON CONFLICT DO UPDATE: SQLite 3.24+ and PostgreSQL 9.5+ share this syntax.
    upsertCells(sql,
                "INSERT INTO contact_stats_daily (org_id, day, dimension, code, n) "
                "VALUES (:org_id, :day, :dimension, :code, :n) "
                "ON CONFLICT (org_id, day, dimension, code) "
                "DO UPDATE SET n = contact_stats_daily.n + excluded.n",
                deltas);
    upsertCells(sql,
                "INSERT INTO contact_stats_monthly (org_id, month, dimension, code, n) "
                "VALUES (:org_id, :month, :dimension, :code, :n) "
                "ON CONFLICT (org_id, month, dimension, code) "
                "DO UPDATE SET n = contact_stats_monthly.n + excluded.n",
                months);
    return {};
  });
}

namespace {

// A period split for reading: whole months [months_from, months_to) (days of months' first days)
// from the monthly rollup, and up to two partial months as inclusive day ranges from the daily one.
struct PeriodSplit {
  std::int64_t months_from = 0;
  std::int64_t months_to = 0;
  std::vector<std::pair<std::int64_t, std::int64_t>> day_ranges;
};

PeriodSplit splitPeriod(std::int64_t from_day, std::int64_t to_day, bool use_months) {
  PeriodSplit split;
  const std::int64_t first =
      domain::monthStartDay(from_day) == from_day ? from_day : domain::nextMonthStartDay(from_day);
  const std::int64_t end =
      domain::nextMonthStartDay(to_day) == to_day + 1 ? to_day + 1 : domain::monthStartDay(to_day);
  if (!use_months || first >= end) {
    split.day_ranges.emplace_back(from_day, to_day);
    return split;
  }
  split.months_from = first;
  split.months_to = end;
  if (from_day < first) {
    split.day_ranges.emplace_back(from_day, first - 1);
  }
  if (end <= to_day) {
    split.day_ranges.emplace_back(end, to_day);
  }
  return split;
}

// Runs `text` (selecting day, dimension, code, n with :org_id, :lo and :hi bound) and hands every
// row to `sink`.
template <class Sink>
void readCells(soci::session& sql, const std::string& text, const std::string& org_id,
               std::int64_t lo, std::int64_t hi, Sink sink) {
  StatsCell cell;
  long long at = 0;
  long long n = 0;
  const long long lo_v = lo;
  const long long hi_v = hi;
  soci::statement st(sql);
  detail::intoEach(st, at, cell.dimension, cell.code, n);
  st.exchange(soci::use(org_id, "org_id"));
  st.exchange(soci::use(lo_v, "lo"));
  st.exchange(soci::use(hi_v, "hi"));
  detail::prepareAndExecute(st, text);
  while (st.fetch()) {
    cell.day = at;
    cell.n = n;
    sink(cell);
  }
}

// Reads the cells of `split` with `daily` (over each partial month's day range) and `monthly`
// (over the whole months), both binding :org_id, :lo and :hi.
template <class Sink>
void readSplit(soci::session& sql, const std::string& org_id, const PeriodSplit& split,
               const char* daily, const char* monthly, Sink sink) {
  for (const auto& [lo, hi] : split.day_ranges) {
    readCells(sql, daily, org_id, lo, hi, sink);
  }
  if (split.months_from < split.months_to) {
    readCells(sql, monthly, org_id, split.months_from, split.months_to, sink);
  }
}

}  // namespace

domain::Result<std::vector<StatsCell>> statsSeries(soci::session& sql, const std::string& org_id,
                                                   std::int64_t from_day, std::int64_t to_day,
                                                   StatsSeriesUnit unit) {
  return guarded("stats series", [&]() -> domain::Result<std::vector<StatsCell>> {
    const PeriodSplit split = splitPeriod(from_day, to_day, unit == StatsSeriesUnit::kMonth);
    std::vector<StatsCell> out;
    const auto keep = [&out](const StatsCell& c) {
      if (c.n != 0) {
        out.push_back(c);
      }
    };
    // Both read the (org_id, dimension, day|month) order of an index: a few cells per day.
    readSplit(sql, org_id, split,
              "SELECT day, dimension, code, n FROM contact_stats_daily WHERE org_id = :org_id "
              "AND dimension IN ('total', 'kind') AND day >= :lo AND day <= :hi",
              "SELECT month, dimension, code, n FROM contact_stats_monthly WHERE org_id = "
              ":org_id AND month >= :lo AND month < :hi AND dimension IN ('total', 'kind')",
              keep);
    std::stable_sort(out.begin(), out.end(),
                     [](const StatsCell& a, const StatsCell& b) { return a.day < b.day; });
    return out;
  });
}

domain::Result<std::vector<StatsCell>> statsBreakdowns(soci::session& sql,
                                                       const std::string& org_id,
                                                       std::int64_t from_day, std::int64_t to_day) {
  return guarded("stats breakdowns", [&]() -> domain::Result<std::vector<StatsCell>> {
    const PeriodSplit split = splitPeriod(from_day, to_day, true);
    std::map<std::pair<std::string, std::string>, std::int64_t> sums;
    const auto add = [&sums](const StatsCell& c) { sums[{c.dimension, c.code}] += c.n; };
    readSplit(sql, org_id, split,
              "SELECT 0, dimension, code, SUM(n) FROM contact_stats_daily WHERE org_id = "
              ":org_id AND day >= :lo AND day <= :hi AND dimension NOT IN ('total', 'kind') "
              "GROUP BY dimension, code",
              "SELECT 0, dimension, code, SUM(n) FROM contact_stats_monthly WHERE org_id = "
              ":org_id AND month >= :lo AND month < :hi AND dimension NOT IN ('total', 'kind') "
              "GROUP BY dimension, code",
              add);
    return sortedCells(sums);
  });
}

std::vector<StatsCell> sortedCells(
    const std::map<std::pair<std::string, std::string>, std::int64_t>& sums) {
  std::vector<StatsCell> out;
  out.reserve(sums.size());
  for (const auto& [key, n] : sums) {
    if (n != 0) {
      out.push_back(StatsCell{0, key.first, key.second, n});
    }
  }
  std::sort(out.begin(), out.end(), [](const StatsCell& a, const StatsCell& b) {
    return std::tie(a.dimension, b.n, a.code) < std::tie(b.dimension, a.n, b.code);
  });
  return out;
}

namespace {

// One dimension of one batch: INSERT ... SELECT ... GROUP BY day, code. (PostgreSQL refuses a
// constant in GROUP BY: the "total" dimension's '' code is not grouped on.)
void insertDimension(soci::session& sql, const std::string& org_id, long long from_ms,
                     long long to_ms, const std::string& dimension, const std::string& code_expr,
                     const std::string& extra_where) {
  sql << "INSERT INTO contact_stats_daily (org_id, day, dimension, code, n) "
         "SELECT org_id, started_at / 86400000, '" +
             dimension + "', " + code_expr +
             ", COUNT(*) FROM contacts WHERE org_id = :org_id AND status = 'final' AND "
             "started_at >= :from_ms AND started_at < :to_ms" +
             extra_where + " GROUP BY org_id, started_at / 86400000" +
             (code_expr == "''" ? std::string() : ", " + code_expr),
      soci::use(org_id), soci::use(from_ms), soci::use(to_ms);
}

domain::Status rebuildBatch(WriteContext& w, const std::string& org_id, std::int64_t from_day,
                            std::int64_t to_day, std::int64_t& counted) {
  return guarded("rebuild contact stats", [&]() -> domain::Status {
    soci::session& sql = w.sql();
    const long long d0 = from_day;
    const long long d1 = to_day;
    const long long from_ms = from_day * kMillisPerDay;
    const long long to_ms = to_day * kMillisPerDay;
    sql << "DELETE FROM contact_stats_daily WHERE org_id = :org_id AND day >= :d0 AND day < :d1",
        soci::use(org_id), soci::use(d0), soci::use(d1);
    insertDimension(sql, org_id, from_ms, to_ms, "total", "''", "");
    insertDimension(sql, org_id, from_ms, to_ms, "kind", "kind", " AND kind <> ''");
    insertDimension(sql, org_id, from_ms, to_ms, "channel", "channel", " AND channel <> ''");
    insertDimension(sql, org_id, from_ms, to_ms, "non_data_type", "non_data_type",
                    " AND kind = 'non_data' AND non_data_type <> ''");
    for (const char* column : {"category", "caller_type", "destination_country", "outcome"}) {
      insertDimension(sql, org_id, from_ms, to_ms, column, column,
                      std::string(" AND kind <> 'non_data' AND ") + column + " <> ''");
    }
    sql << "INSERT INTO contact_stats_daily (org_id, day, dimension, code, n) "
           "SELECT c.org_id, c.started_at / 86400000, 'exploitation', cc.code, COUNT(*) "
           "FROM contact_codes cc JOIN contacts c ON c.id = cc.contact_id "
           "WHERE c.org_id = :org_id AND c.status = 'final' AND c.kind <> 'non_data' AND "
           "c.started_at >= :from_ms AND c.started_at < :to_ms AND cc.list = 'exploitation' "
           "GROUP BY c.org_id, c.started_at / 86400000, cc.code",
        soci::use(org_id), soci::use(from_ms), soci::use(to_ms);
    // The months of the batch, from its days (the batch holds whole months).
    sql << "DELETE FROM contact_stats_monthly WHERE org_id = :org_id AND month >= :d0 AND "
           "month < :d1",
        soci::use(org_id), soci::use(d0), soci::use(d1);
    for (std::int64_t m = from_day; m < to_day; m = domain::nextMonthStartDay(m)) {
      const long long month = m;
      const long long next = domain::nextMonthStartDay(m);
      sql << "INSERT INTO contact_stats_monthly (org_id, month, dimension, code, n) "
             "SELECT org_id, CAST(:month AS INTEGER), dimension, code, SUM(n) "
             "FROM contact_stats_daily WHERE org_id = :org_id AND day >= :month2 AND "
             "day < :next GROUP BY org_id, dimension, code",
          soci::use(month), soci::use(org_id), soci::use(month), soci::use(next);
    }
    long long n = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT SUM(n) FROM contact_stats_daily WHERE org_id = :org_id AND day >= :d0 AND "
           "day < :d1 AND dimension = 'total'",
        soci::into(n, ind), soci::use(org_id), soci::use(d0), soci::use(d1);
    counted += ind == soci::i_ok ? n : 0;
    return {};
  });
}

}  // namespace

domain::Result<std::vector<std::string>> organisationIds(Database& db) {
  std::vector<std::string> orgs;
  std::optional<domain::Error> failure;
  db.read([&](soci::session& sql) {
    try {
      std::string id;
      soci::statement st =
          (sql.prepare << "SELECT id FROM organisations ORDER BY id", soci::into(id));
      st.execute();
      while (st.fetch()) {
        orgs.push_back(id);
      }
    } catch (const std::exception& e) {
      failure = internalFrom("list organisations for stats", e).value();
    }
  });
  if (failure) {
    return tl::unexpected(*failure);
  }
  return orgs;
}

domain::Result<std::int64_t> rebuildContactStats(
    Database& db, const std::function<void(const RebuildProgress&)>& progress,
    std::int64_t batch_months) {
  batch_months = std::max<std::int64_t>(1, batch_months);
  auto listed = organisationIds(db);
  if (!listed) {
    return tl::unexpected(listed.error());
  }
  const std::vector<std::string>& orgs = *listed;
  std::optional<domain::Error> failure;
  RebuildProgress p;
  for (const std::string& org_id : orgs) {
    // The span to recount: every day with a contact or with a cell.
    long long lo = 0, hi = 0, slo = 0, shi = 0;
    soci::indicator lo_i = soci::i_null, hi_i = soci::i_null, slo_i = soci::i_null,
                    shi_i = soci::i_null;
    db.read([&](soci::session& sql) {
      try {
        sql << "SELECT MIN(started_at), MAX(started_at) FROM contacts WHERE org_id = :org_id",
            soci::into(lo, lo_i), soci::into(hi, hi_i), soci::use(org_id);
        sql << "SELECT MIN(day), MAX(day) FROM contact_stats_daily WHERE org_id = :org_id",
            soci::into(slo, slo_i), soci::into(shi, shi_i), soci::use(org_id);
      } catch (const std::exception& e) {
        failure = internalFrom("stats span", e).value();
      }
    });
    if (failure) {
      return tl::unexpected(*failure);
    }
    std::optional<std::int64_t> first, last;
    if (lo_i == soci::i_ok && hi_i == soci::i_ok) {
      first = dayOf(lo);
      last = dayOf(hi);
    }
    if (slo_i == soci::i_ok && shi_i == soci::i_ok) {
      first = std::min<std::int64_t>(first.value_or(slo), slo);
      last = std::max<std::int64_t>(last.value_or(shi), shi);
    }
    p.org_id = org_id;
    p.days_done = 0;
    p.days_total = first ? *last - *first + 1 : 0;
    if (!first) {
      progress(p);
      continue;
    }
    for (std::int64_t day = domain::monthStartDay(*first); day <= *last;) {
      std::int64_t end = day;
      for (std::int64_t i = 0; i < batch_months; ++i) {
        end = domain::nextMonthStartDay(end);
      }
      std::int64_t counted = 0;
      auto status = db.write([&](WriteContext& w) {
        counted = 0;  // a retried job starts again
        return rebuildBatch(w, org_id, day, end, counted);
      });
      if (!status) {
        return tl::unexpected(status.error());
      }
      p.contacts += counted;
      p.days_done = std::min(end, *last + 1) - *first;
      progress(p);
      day = end;
    }
  }
  return p.contacts;
}

}  // namespace strada::store
