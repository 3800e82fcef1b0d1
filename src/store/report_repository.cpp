#include "store/report_repository.h"

#include <soci/soci.h>

#include <tuple>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;

namespace {

constexpr const char* kReportColumns =
    "id, org_id, period_kind, period_start, revision, origin, status, small_count_k, "
    "definition_version, created_by, created_at, approved_by, approved_at, version, submitted_by, "
    "submitted_at, hub_received_at";

struct ReportColumns {
  ReportRow r;
  long long k = 0;
  long long created_at = 0;
  long long approved_at = 0;
  long long submitted_at = 0;
  long long hub_received_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, r.id, r.org_id, r.period_kind, r.period_start, r.revision, r.origin,
                     r.status, k, r.definition_version, r.created_by, created_at, r.approved_by,
                     approved_at, r.version, r.submitted_by, submitted_at, hub_received_at);
  }
  ReportRow toRow() const {
    ReportRow out = r;
    std::tie(out.small_count_k, out.created_at, out.approved_at, out.submitted_at,
             out.hub_received_at) =
        std::tuple(k, created_at, approved_at, submitted_at, hub_received_at);
    return out;
  }
};

// One text column per row.
struct TextColumn {
  std::string value;

  void bindInto(soci::statement& st) { detail::intoEach(st, value); }
  std::string toRow() const { return value; }
};

struct FigureColumns {
  ReportFigureRow f;
  long long n = 0;

  void bindInto(soci::statement& st) { detail::intoEach(st, f.figure, f.state, n); }
  ReportFigureRow toRow() const { return ReportFigureRow{f.figure, f.state, n}; }
};

std::string selectReports(const std::string& where) {
  return std::string("SELECT ") + kReportColumns + " FROM reports WHERE " + where;
}

}  // namespace

domain::Result<std::vector<ReportRow>> listReports(soci::session& sql, const std::string& org_id) {
  ReportColumns columns;
  return detail::selectRows(
      sql, "list reports", columns,
      selectReports("org_id = :o ORDER BY period_start DESC, period_kind, revision DESC"), org_id);
}

domain::Result<std::optional<ReportRow>> findReport(soci::session& sql, const std::string& org_id,
                                                    const std::string& id) {
  ReportColumns columns;
  return detail::selectRow(sql, "find report", columns, selectReports("id = :id AND org_id = :o"),
                           id, org_id);
}

domain::Result<std::vector<ReportFigureRow>> reportFigures(soci::session& sql,
                                                           const std::string& report_id) {
  FigureColumns columns;
  return detail::selectRows(sql, "report figures", columns,
                            "SELECT figure, state, n FROM report_figures WHERE report_id = :r",
                            report_id);
}

domain::Result<PeriodHistory> periodHistory(soci::session& sql, const std::string& org_id,
                                            const std::string& period_kind,
                                            const std::string& period_start) {
  ReportColumns columns;
  auto revisions = detail::selectRows(
      sql, "report revisions", columns,
      selectReports("org_id = :o AND period_kind = :k AND period_start = :s ORDER BY revision"),
      org_id, period_kind, period_start);
  TextColumn figure;
  auto suppressed = detail::selectRows(
      sql, "suppressed before", figure,
      "SELECT DISTINCT f.figure FROM report_figures f JOIN reports r ON r.id = f.report_id WHERE "
      "r.org_id = :o AND r.period_kind = :k AND r.period_start = :s AND r.status <> 'draft' AND "
      "f.state = 'suppressed'",
      org_id, period_kind, period_start);
  if (!revisions || !suppressed) {
    return tl::unexpected(!revisions ? revisions.error() : suppressed.error());
  }
  return PeriodHistory{std::move(*revisions), std::move(*suppressed)};
}

domain::Status insertReport(WriteContext& w, const ReportRow& row,
                            const std::vector<ReportFigureRow>& figures) {
  static constexpr detail::UniqueConflict kRevisionTaken{
      "",
      "Another report for this period was made at the same time. Reload the list and try "
      "again.",
      "period"};
  return detail::guardedWrite(
      "insert report", "reports", {kRevisionTaken}, [&]() -> domain::Status {
        soci::session& sql = w.sql();
        detail::insertRow(sql, "reports", kReportColumns, row.id, row.org_id, row.period_kind,
                          row.period_start, row.revision, row.origin, row.status, row.small_count_k,
                          row.definition_version, row.created_by, row.created_at, row.approved_by,
                          row.approved_at, row.version, row.submitted_by, row.submitted_at,
                          row.hub_received_at);
        for (const ReportFigureRow& f : figures) {
          detail::insertRow(sql, "report_figures", "report_id, figure, state, n", row.id, f.figure,
                            f.state, f.n);
        }
        return {};
      });
}

domain::Status approveReport(WriteContext& w, const std::string& org_id, const std::string& id,
                             const std::string& user_id) {
  return guarded("approve report", [&]() -> domain::Status {
    const long long now = w.now();
    soci::statement st(w.sql());
    detail::useEach(st, user_id, now, id, org_id);
    return detail::runOnOneRow(
        st,
        "UPDATE reports SET status = 'approved', approved_by = :u, approved_at = :t, version = "
        "version + 1 WHERE id = :id AND org_id = :o AND status = 'draft'",
        detail::RowUnchanged{domain::ErrorCode::kConflict,
                             "This report is no longer a draft. Reload it to see its status.",
                             "status"});
  });
}

domain::Result<ReportSettings> readReportSettings(soci::session& sql, const std::string& org_id) {
  return guarded("report settings", [&]() -> domain::Result<ReportSettings> {
    ReportSettings out;
    long long k = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT small_count_k FROM report_settings WHERE org_id = :o", soci::into(k, ind),
        soci::use(org_id);
    if (ind == soci::i_ok && sql.got_data()) {
      out.small_count_k = k;
    }
    TextColumn group;
    auto groups = detail::selectRows(sql, "report groups", group,
                                     "SELECT figure_group FROM report_groups_collected WHERE "
                                     "org_id = :o AND collected = 0 ORDER BY figure_group",
                                     org_id);
    if (!groups) {
      return tl::unexpected(groups.error());
    }
    out.groups_not_collected = std::move(*groups);
    return out;
  });
}

domain::Status writeReportSettings(WriteContext& w, const std::string& org_id,
                                   const ReportSettings& settings) {
  return guarded("write report settings", [&]() -> domain::Status {
    soci::session& sql = w.sql();
    sql << "DELETE FROM report_settings WHERE org_id = :o", soci::use(org_id);
    sql << "DELETE FROM report_groups_collected WHERE org_id = :o", soci::use(org_id);
    detail::insertRow(sql, "report_settings", "org_id, small_count_k", org_id,
                      settings.small_count_k);
    for (const std::string& group : settings.groups_not_collected) {
      detail::insertRow(sql, "report_groups_collected", "org_id, figure_group, collected", org_id,
                        group, false);
    }
    return {};
  });
}

namespace {

using CountryCounts = std::vector<std::pair<std::string, std::int64_t>>;

// Runs `query` (SELECT country, COUNT(*) ... with :o, :f and :t bound to org_id, from and to) and
// collects its rows; a NULL country reads "".
template <class Bound>
domain::Result<CountryCounts> countsByCountry(soci::session& sql, const char* what,
                                              const char* query, const std::string& org_id,
                                              const Bound& from, const Bound& to) {
  return guarded(what, [&]() -> domain::Result<CountryCounts> {
    std::string country;
    long long n = 0;
    soci::indicator country_ind = soci::i_ok;
    soci::statement st(sql);
    st.exchange(soci::into(country, country_ind));
    detail::intoEach(st, n);
    detail::useEach(st, org_id, from, to);
    detail::prepareAndExecute(st, query);
    return detail::collectRows(st, [&] {
      return std::pair<std::string, std::int64_t>(
          country_ind == soci::i_ok ? country : std::string(), n);
    });
  });
}

}  // namespace

domain::Result<CountryCounts> outgoingReferralsByCountry(soci::session& sql,
                                                         const std::string& org_id,
                                                         const std::string& from,
                                                         const std::string& to) {
  return countsByCountry(
      sql, "referrals by country",
      "SELECT CASE WHEN r.target_kind = 'member' THEN r.member_country ELSE a.country END AS "
      "country, COUNT(*) FROM case_referrals r LEFT JOIN agencies a ON a.id = r.agency_id WHERE "
      "r.org_id = :o AND r.referred_on >= :f AND r.referred_on <= :t AND r.status <> "
      "'withdrawn' GROUP BY 1",
      org_id, from, to);
}

domain::Result<CountryCounts> outgoingNetworkReferralsByCountry(soci::session& sql,
                                                                const std::string& org_id,
                                                                std::int64_t from_day,
                                                                std::int64_t to_day) {
  constexpr std::int64_t kDayMillis = 86400000;
  const long long from = from_day * kDayMillis;
  const long long to = (to_day + 1) * kDayMillis;
  return countsByCountry(
      sql, "network referrals by country",
      "SELECT m.country, COUNT(*) FROM network_referrals r LEFT JOIN network_members m ON m.code "
      "= r.peer_code WHERE r.org_id = :o AND r.direction = 'outgoing' AND r.created_at >= :f AND "
      "r.created_at < :t GROUP BY m.country",
      org_id, from, to);
}

}  // namespace strada::store
