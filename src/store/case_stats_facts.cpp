#include "store/case_stats_facts.h"

#include <soci/soci.h>

#include <map>
#include <optional>

#include "domain/encoding.h"
#include "domain/time.h"
#include "store/contact_stats.h"
#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/stored_contacts_upgrade.h"

namespace strada::store {
namespace {

using detail::guarded;
using CellDeltas = std::map<CaseStatsCell, long long>;

// The day of the first of the month of a "YYYY-MM-DD" date; 0 when it is not one.
std::int64_t monthOfDate(const std::string& date) {
  if (date.size() < 7) {
    return 0;
  }
  try {
    const std::int64_t y = std::stoll(date.substr(0, 4));
    const auto m = static_cast<unsigned>(std::stoul(date.substr(5, 2)));
    return m >= 1 && m <= 12 ? domain::daysFromCivil(y, m, 1) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

std::string dateText(domain::UnixMillis t) {
  const domain::CivilDate c = domain::civilFromDays(dayOf(t));
  char text[16];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02u", static_cast<long long>(c.y), c.m, c.d);
  return text;
}

// The statistics consents in force on `today`: whether there is one, and the last day it runs.
void readConsent(soci::session& sql, const std::string& case_id, const std::string& today,
                 CaseFacts& facts) {
  std::string expires_on;
  soci::statement st =
      (sql.prepare << "SELECT expires_on FROM case_consents WHERE case_id = :c AND kind = "
                      "'statistics' AND withdrawn_on = '' AND given_on <= :t AND (expires_on = "
                      "'' OR expires_on >= :t2)",
       soci::into(expires_on), soci::use(case_id), soci::use(today), soci::use(today));
  st.execute();
  while (st.fetch()) {
    if (!facts.counted || (!facts.consent_until.empty() &&
                           (expires_on.empty() || expires_on > facts.consent_until))) {
      facts.consent_until = expires_on;
    }
    facts.counted = true;
  }
}

std::optional<CaseFacts> loadFacts(soci::session& sql, const std::string& case_id) {
  CaseFacts f;
  int counted = 0, in_proceedings = 0;
  long long opened = 0, closed = 0;
  sql << "SELECT org_id, counted, consent_until, opened_month, closed_month, status, "
         "referral_source, gender, age_band, citizenships, trafficking_status, "
         "exploitation_types, closure_outcome, in_proceedings, inclusion_achieved FROM "
         "case_stats_facts WHERE case_id = :c",
      soci::into(f.org_id), soci::into(counted), soci::into(f.consent_until), soci::into(opened),
      soci::into(closed), soci::into(f.status), soci::into(f.referral_source), soci::into(f.gender),
      soci::into(f.age_band), soci::into(f.citizenships), soci::into(f.trafficking_status),
      soci::into(f.exploitation_types), soci::into(f.closure_outcome), soci::into(in_proceedings),
      soci::into(f.inclusion_achieved), soci::use(case_id);
  if (!sql.got_data()) {
    return std::nullopt;
  }
  f.case_id = case_id;
  f.counted = counted != 0;
  f.in_proceedings = in_proceedings != 0;
  f.opened_month = opened;
  f.closed_month = closed;
  return f;
}

void saveFacts(soci::session& sql, const CaseFacts& f) {
  sql << "DELETE FROM case_stats_facts WHERE case_id = :c", soci::use(f.case_id);
  detail::insertRow(sql, "case_stats_facts",
                    "case_id, org_id, counted, consent_until, opened_month, closed_month, status, "
                    "referral_source, gender, age_band, citizenships, trafficking_status, "
                    "exploitation_types, closure_outcome, in_proceedings, inclusion_achieved",
                    f.case_id, f.org_id, f.counted, f.consent_until, f.opened_month, f.closed_month,
                    f.status, f.referral_source, f.gender, f.age_band, f.citizenships,
                    f.trafficking_status, f.exploitation_types, f.closure_outcome, f.in_proceedings,
                    f.inclusion_achieved);
}

// The case's services as cells, each with `sign`.
void addServiceCells(soci::session& sql, const std::string& case_id, long long sign,
                     CellDeltas& deltas) {
  std::string type, started_on;
  soci::statement st =
      (sql.prepare << "SELECT type, started_on FROM case_services WHERE case_id = :c",
       soci::into(type), soci::into(started_on), soci::use(case_id));
  st.execute();
  while (st.fetch()) {
    deltas[{monthOfDate(started_on), "service", "service_type", type}] += sign;
  }
}

void applyDeltas(soci::session& sql, const std::string& org_id, const CellDeltas& deltas) {
  std::string measure, dimension, code;
  long long month = 0, n = 0;
  soci::statement st =
      (sql.prepare << "INSERT INTO case_stats_monthly (org_id, month, measure, dimension, code, "
                      "n) VALUES (:o, :m, :measure, :d, :c, :n) ON CONFLICT (org_id, month, "
                      "measure, dimension, code) DO UPDATE SET n = case_stats_monthly.n + "
                      "excluded.n",
       soci::use(org_id), soci::use(month), soci::use(measure), soci::use(dimension),
       soci::use(code), soci::use(n));
  for (const auto& [cell, delta] : deltas) {
    if (delta == 0) {
      continue;
    }
    std::tie(month, measure, dimension, code) =
        std::tuple<long long, std::string, std::string, std::string>(cell);
    n = delta;
    st.execute(true);
  }
}

// The ids `query` selects, binding `key` as its first parameter and `today` as its second when
// given.
std::vector<std::string> selectIds(soci::session& sql, const std::string& query,
                                   const std::string& key, const std::string* today = nullptr) {
  std::string id;
  soci::statement st(sql);
  st.exchange(soci::into(id));
  st.exchange(soci::use(key));
  if (today != nullptr) {
    st.exchange(soci::use(*today));
  }
  detail::prepareAndExecute(st, query);
  return detail::collectRows(st, [&] { return id; });
}

domain::Status refreshIn(soci::session& sql, const std::string& case_id, const std::string& today) {
  auto now = computeCaseFacts(sql, case_id, today);
  if (!now) {
    return tl::unexpected(now.error());
  }
  const std::optional<CaseFacts> before = loadFacts(sql, case_id);
  if (!now->has_value() || before == *now) {
    return {};
  }
  const CaseFacts& after = **now;
  CellDeltas deltas;
  if (before) {
    for (const auto& cell : caseFactsCells(*before)) {
      deltas[cell] -= 1;
    }
  }
  for (const auto& cell : caseFactsCells(after)) {
    deltas[cell] += 1;
  }
  const bool was_counted = before && before->counted;
  if (was_counted != after.counted) {
    addServiceCells(sql, case_id, after.counted ? 1 : -1, deltas);
  }
  applyDeltas(sql, after.org_id, deltas);
  saveFacts(sql, after);
  return {};
}

// Refreshes every case `query` selects (binding `key`, and `today` as well when `today_bound`).
domain::Status refreshSelected(soci::session& sql, const std::string& query, const std::string& key,
                               const std::string& today, bool today_bound) {
  for (const auto& case_id : selectIds(sql, query, key, today_bound ? &today : nullptr)) {
    if (auto s = refreshIn(sql, case_id, today); !s) {
      return s;
    }
  }
  return {};
}

// The social-inclusion domains whose latest status (by follow-up day, then when it was recorded)
// is "achieved", in code order.
std::string inclusionAchieved(soci::session& sql, const std::string& case_id) {
  std::map<std::string, std::string> latest;  // domain -> status
  std::string domain_code, status;
  soci::statement st =
      (sql.prepare << "SELECT o.domain, o.status FROM case_inclusion_outcomes o JOIN "
                      "case_follow_ups f ON f.id = o.follow_up_id WHERE o.case_id = :c ORDER BY "
                      "f.followed_on, f.recorded_at, f.id",
       soci::into(domain_code), soci::into(status), soci::use(case_id));
  st.execute();
  while (st.fetch()) {
    latest[domain_code] = status;
  }
  std::vector<std::string> achieved;
  for (const auto& [code, last] : latest) {
    if (last == "achieved") {
      achieved.push_back(code);
    }
  }
  return domain::joinList(achieved);
}

}  // namespace

domain::Result<std::optional<CaseFacts>> computeCaseFacts(soci::session& sql,
                                                          const std::string& case_id,
                                                          const std::string& today) {
  return guarded("case facts", [&]() -> domain::Result<std::optional<CaseFacts>> {
    CaseFacts f;
    std::string opened_on;
    long long closed_at = 0;
    sql << "SELECT k.org_id, k.status, k.referral_source, k.opened_on, k.closure_outcome, "
           "k.closure_approved_at, c.gender, c.age_band, c.citizenships, c.trafficking_status, "
           "c.exploitation_types FROM cases k JOIN clients c ON c.id = k.client_id WHERE k.id = "
           ":id",
        soci::into(f.org_id), soci::into(f.status), soci::into(f.referral_source),
        soci::into(opened_on), soci::into(f.closure_outcome), soci::into(closed_at),
        soci::into(f.gender), soci::into(f.age_band), soci::into(f.citizenships),
        soci::into(f.trafficking_status), soci::into(f.exploitation_types), soci::use(case_id);
    if (!sql.got_data()) {
      return std::optional<CaseFacts>();
    }
    f.case_id = case_id;
    f.opened_month = monthOfDate(opened_on);
    if (f.status == "closed" && closed_at > 0) {
      f.closed_month = domain::monthStartDay(dayOf(closed_at));
    } else {
      f.closure_outcome.clear();
    }
    readConsent(sql, case_id, today, f);
    // In court proceedings: a proceeding of the case that has not concluded.
    long long open_proceedings = 0;
    sql << "SELECT COUNT(*) FROM case_proceedings WHERE case_id = :id AND status <> 'concluded'",
        soci::into(open_proceedings), soci::use(case_id);
    f.in_proceedings = open_proceedings > 0;
    f.inclusion_achieved = inclusionAchieved(sql, case_id);
    return std::optional<CaseFacts>(std::move(f));
  });
}

std::vector<CaseStatsCell> caseFactsCells(const CaseFacts& f) {
  std::vector<CaseStatsCell> cells;
  if (!f.counted) {
    return cells;
  }
  const auto add_at = [&cells, &f](std::int64_t month, const char* measure) {
    const auto add = [&](const char* dimension, const std::string& code) {
      if (!code.empty()) {
        cells.emplace_back(month, measure, dimension, code);
      }
    };
    cells.emplace_back(month, measure, "total", "");
    add("status", f.status);
    add("referral_source", f.referral_source);
    add("gender", f.gender);
    add("age_band", f.age_band);
    add("trafficking_status", f.trafficking_status);
    add("in_proceedings", f.in_proceedings ? "yes" : "");
    for (const auto& code : domain::splitList(f.citizenships)) {
      add("citizenship", code);
    }
    for (const auto& code : domain::splitList(f.exploitation_types)) {
      add("exploitation", code);
    }
    for (const auto& code : domain::splitList(f.inclusion_achieved)) {
      add("inclusion", code);
    }
  };
  add_at(f.opened_month, "opened");
  if (f.closed_month != kNotClosed) {
    add_at(f.closed_month, "closed");
    if (!f.closure_outcome.empty()) {
      cells.emplace_back(f.closed_month, "closed", "closure_outcome", f.closure_outcome);
    }
  }
  return cells;
}

domain::Status refreshCaseStats(WriteContext& w, const std::string& case_id) {
  return guarded("refresh case stats", [&]() -> domain::Status {
    return refreshIn(w.sql(), case_id, dateText(w.now()));
  });
}

domain::Status refreshClientCaseStats(WriteContext& w, const std::string& client_id) {
  return guarded("refresh client case stats", [&]() -> domain::Status {
    return refreshSelected(w.sql(), "SELECT id FROM cases WHERE client_id = :c", client_id,
                           dateText(w.now()), false);
  });
}

domain::Status countCaseService(WriteContext& w, const std::string& case_id,
                                const std::string& type, const std::string& started_on) {
  return guarded("count case service", [&]() -> domain::Status {
    const std::optional<CaseFacts> facts = loadFacts(w.sql(), case_id);
    if (facts && facts->counted) {
      applyDeltas(w.sql(), facts->org_id,
                  CellDeltas{{{monthOfDate(started_on), "service", "service_type", type}, 1}});
    }
    return {};
  });
}

domain::Result<bool> hasLapsedCaseConsents(soci::session& sql, const std::string& org_id,
                                           const std::string& today) {
  return guarded("lapsed case consents", [&]() -> domain::Result<bool> {
    long long n = 0;
    // `> ''` rather than `<> ''`: a range on case_stats_facts_lapse_idx that skips the consents
    // without an expiry ('' sorts first), instead of reading every counted case of the
    // organisation at each statistics request (5 ms at 60,000 cases).
    sql << "SELECT COUNT(*) FROM case_stats_facts WHERE org_id = :o AND counted = 1 AND "
           "consent_until > '' AND consent_until < :t",
        soci::into(n), soci::use(org_id), soci::use(today);
    return n > 0;
  });
}

domain::Status refreshLapsedCaseStats(WriteContext& w, const std::string& org_id) {
  return guarded("refresh lapsed case stats", [&]() -> domain::Status {
    const std::string today = dateText(w.now());
    return refreshSelected(w.sql(),
                           "SELECT case_id FROM case_stats_facts WHERE org_id = :o AND counted = "
                           "1 AND consent_until > '' AND consent_until < :t",
                           org_id, today, true);
  });
}

namespace {

// Drops the organisation's facts and cells and recounts every case of it; adds the counted ones.
domain::Status rebuildOrganisation(WriteContext& w, const std::string& org_id,
                                   std::int64_t& counted) {
  return guarded("rebuild case stats", [&]() -> domain::Status {
    soci::session& sql = w.sql();
    sql << "DELETE FROM case_stats_facts WHERE org_id = :o", soci::use(org_id);
    sql << "DELETE FROM case_stats_monthly WHERE org_id = :o", soci::use(org_id);
    if (auto s = refreshSelected(sql, "SELECT id FROM cases WHERE org_id = :o ORDER BY id", org_id,
                                 dateText(w.now()), false);
        !s) {
      return s;
    }
    long long n = 0;
    sql << "SELECT COUNT(*) FROM case_stats_facts WHERE org_id = :o AND counted = 1", soci::into(n),
        soci::use(org_id);
    counted += n;
    return {};
  });
}

}  // namespace

domain::Result<std::int64_t> rebuildCaseStats(
    Database& db,
    const std::function<void(const std::string& org_id, std::int64_t cases)>& progress) {
  auto orgs = organisationIds(db);
  if (!orgs) {
    return tl::unexpected(orgs.error());
  }
  std::int64_t counted = 0;
  for (const std::string& org_id : *orgs) {
    std::int64_t org_counted = 0;
    auto status = db.write([&](WriteContext& w) {
      org_counted = 0;  // a retried job starts again
      return rebuildOrganisation(w, org_id, org_counted);
    });
    if (!status) {
      return tl::unexpected(status.error());
    }
    counted += org_counted;
    progress(org_id, counted);
  }
  return counted;
}

domain::Result<bool> rebuildCaseStatsOnce(Database& db, std::string_view step) {
  domain::Result<bool> done = false;
  db.read([&](soci::session& sql) { done = isDataMigrationDone(sql, step); });
  if (!done || *done) {
    return done ? domain::Result<bool>(false) : tl::unexpected(done.error());
  }
  if (auto rebuilt = rebuildCaseStats(db, [](const std::string&, std::int64_t) {}); !rebuilt) {
    return tl::unexpected(rebuilt.error());
  }
  if (auto recorded = db.write([step](WriteContext& w) { return recordDataMigration(w, step); });
      !recorded) {
    return tl::unexpected(recorded.error());
  }
  return true;
}

}  // namespace strada::store
