#include "store/contact_stats.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "store/sql_errors.h"

namespace strada::store {

using detail::internalFrom;

std::int64_t dayOf(domain::UnixMillis t) {
  std::int64_t day = t / kMillisPerDay;
  if (t % kMillisPerDay < 0) {
    --day;
  }
  return day;
}

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
  try {
    for (const auto& [key, delta] : deltas) {
      if (delta == 0) {
        continue;
      }
      const auto& [org_id, day64, dimension, code] = key;
      const long long day = day64;
      // INSERT ... ON CONFLICT DO UPDATE: SQLite 3.24+ and PostgreSQL 9.5+ share this syntax.
      sql << "INSERT INTO contact_stats_daily (org_id, day, dimension, code, n) "
             "VALUES (:org_id, :day, :dimension, :code, :n) "
             "ON CONFLICT (org_id, day, dimension, code) "
             "DO UPDATE SET n = contact_stats_daily.n + excluded.n",
          soci::use(org_id), soci::use(day), soci::use(dimension), soci::use(code),
          soci::use(delta);
    }
    return {};
  } catch (const std::exception& e) {
    return internalFrom("apply contact stats", e);
  }
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
  try {
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
    long long n = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT SUM(n) FROM contact_stats_daily WHERE org_id = :org_id AND day >= :d0 AND "
           "day < :d1 AND dimension = 'total'",
        soci::into(n, ind), soci::use(org_id), soci::use(d0), soci::use(d1);
    counted += ind == soci::i_ok ? n : 0;
    return {};
  } catch (const std::exception& e) {
    return internalFrom("rebuild contact stats", e);
  }
}

}  // namespace

domain::Result<std::int64_t> rebuildContactStats(
    Database& db, const std::function<void(const RebuildProgress&)>& progress,
    std::int64_t batch_days) {
  batch_days = std::max<std::int64_t>(1, batch_days);
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
    for (std::int64_t day = *first; day <= *last; day += batch_days) {
      const std::int64_t end = std::min(day + batch_days, *last + 1);
      std::int64_t counted = 0;
      auto status = db.write([&](WriteContext& w) {
        counted = 0;  // a retried job starts again
        return rebuildBatch(w, org_id, day, end, counted);
      });
      if (!status) {
        return tl::unexpected(status.error());
      }
      p.contacts += counted;
      p.days_done = end - *first;
      progress(p);
    }
  }
  return p.contacts;
}

}  // namespace strada::store
