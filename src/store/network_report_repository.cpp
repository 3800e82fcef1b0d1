#include "store/network_report_repository.h"

#include <soci/soci.h>

#include <cstdlib>
#include <tuple>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;

namespace {

constexpr const char* kReceivedColumns =
    "id, member_code, period_kind, period_start, revision, origin, small_count_k, "
    "definition_version, packet, key_id, signature, message_id, received_at, is_latest";

struct ReceivedColumns {
  ReceivedReport r;
  long long k = 0;
  long long received_at = 0;
  int latest = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, r.id, r.member_code, r.period_kind, r.period_start, r.revision, r.origin,
                     k, r.definition_version, r.packet, r.key_id, r.signature, r.message_id,
                     received_at, latest);
  }
  ReceivedReport toRow() const {
    ReceivedReport out = r;
    out.small_count_k = k;
    out.received_at = received_at;
    out.is_latest = latest != 0;
    return out;
  }
};

struct CellColumns {
  OverviewCell c;
  std::string period_start;
  long long n = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, c.member_code, period_start, c.revision, c.origin, c.figure, c.state, n);
  }
  OverviewCell toRow() const {
    OverviewCell out = c;
    out.year = std::atoi(period_start.substr(0, 4).c_str());
    out.n = n;
    return out;
  }
};

struct TextPair {
  std::string kind, value;
  void bindInto(soci::statement& st) { detail::intoEach(st, kind, value); }
  std::pair<std::string, std::string> toRow() const { return {kind, value}; }
};

struct PublicationColumns {
  Publication p;
  long long updated_at = 0;
  void bindInto(soci::statement& st) {
    detail::intoEach(st, p.year_from, p.year_to, p.updated_by, updated_at, p.version);
  }
  Publication toRow() const {
    Publication out = p;
    out.updated_at = updated_at;
    return out;
  }
};

std::string yearStart(int year) { return std::to_string(year) + "-01-01"; }

}  // namespace

domain::Status markReportSubmitted(WriteContext& w, const std::string& org_id,
                                   const std::string& id, const std::string& user_id) {
  return guarded("submit report", [&]() -> domain::Status {
    const long long now = w.now();
    soci::statement st(w.sql());
    detail::useEach(st, user_id, now, id, org_id);
    return detail::runOnOneRow(
        st,
        "UPDATE reports SET status = 'submitted', submitted_by = :u, submitted_at = :t, version "
        "= version + 1 WHERE id = :id AND org_id = :o AND status = 'approved'",
        detail::RowUnchanged{domain::ErrorCode::kConflict,
                             "Only an approved report can be submitted. Reload it to see its "
                             "status.",
                             "status"});
  });
}

domain::Status markReportReceived(WriteContext& w, const std::string& org_id,
                                  const std::string& period_kind, const std::string& period_start,
                                  int revision, domain::UnixMillis at) {
  return guarded("report received", [&]() -> domain::Status {
    const long long when = at;
    w.sql() << "UPDATE reports SET hub_received_at = :t WHERE org_id = :o AND period_kind = :k "
               "AND period_start = :s AND revision = :r AND hub_received_at = 0",
        soci::use(when), soci::use(org_id), soci::use(period_kind), soci::use(period_start),
        soci::use(revision);
    return {};
  });
}

domain::Result<std::vector<ReportRow>> approvedUnsubmitted(soci::session& sql,
                                                           const std::string& org_id) {
  auto all = listReports(sql, org_id);
  if (!all) {
    return all;
  }
  std::vector<ReportRow> out;
  for (auto it = all->rbegin(); it != all->rend(); ++it) {
    if (it->status == "approved") {
      out.push_back(*it);
    }
  }
  return out;
}

domain::Result<bool> hasReceivedReport(soci::session& sql, const ReceivedReport& report) {
  return guarded("received report", [&]() -> domain::Result<bool> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM network_report_revisions WHERE member_code = :m AND period_kind "
           "= :k AND period_start = :s AND revision = :r",
        soci::into(n), soci::use(report.member_code), soci::use(report.period_kind),
        soci::use(report.period_start), soci::use(report.revision);
    return n > 0;
  });
}

domain::Status insertReceivedReport(WriteContext& w, const ReceivedReport& report,
                                    const std::vector<ReportFigureRow>& figures) {
  static constexpr detail::UniqueConflict kTaken{
      "", "The hub holds this revision of the report already.", "revision"};
  return detail::guardedWrite(
      "insert received report", "network_report_revisions", {kTaken}, [&]() -> domain::Status {
        soci::session& sql = w.sql();
        int highest = 0;
        soci::indicator ind = soci::i_null;
        sql << "SELECT MAX(revision) FROM network_report_revisions WHERE member_code = :m AND "
               "period_kind = :k AND period_start = :s",
            soci::into(highest, ind), soci::use(report.member_code), soci::use(report.period_kind),
            soci::use(report.period_start);
        const bool latest = ind != soci::i_ok || report.revision > highest;
        if (latest) {
          sql << "UPDATE network_report_revisions SET is_latest = 0 WHERE member_code = :m AND "
                 "period_kind = :k AND period_start = :s",
              soci::use(report.member_code), soci::use(report.period_kind),
              soci::use(report.period_start);
        }
        detail::insertRow(sql, "network_report_revisions", kReceivedColumns, report.id,
                          report.member_code, report.period_kind, report.period_start,
                          report.revision, report.origin, report.small_count_k,
                          report.definition_version, report.packet, report.key_id, report.signature,
                          report.message_id, report.received_at, latest);
        for (const ReportFigureRow& f : figures) {
          detail::insertRow(sql, "network_report_figures", "revision_id, figure, state, n",
                            report.id, f.figure, f.state, f.n);
        }
        return {};
      });
}

domain::Result<std::vector<ReceivedReport>> listReceivedReports(soci::session& sql,
                                                                const std::string& member_code) {
  ReceivedColumns columns;
  const std::string select =
      std::string("SELECT ") + kReceivedColumns + " FROM network_report_revisions WHERE ";
  const std::string order = " ORDER BY period_start DESC, period_kind, member_code, revision DESC";
  if (member_code.empty()) {
    return detail::selectRows(sql, "received reports", columns, select + "1 = 1" + order);
  }
  return detail::selectRows(sql, "received reports", columns, select + "member_code = :m" + order,
                            member_code);
}

domain::Result<std::vector<OverviewCell>> overviewCells(soci::session& sql, int from, int to,
                                                        const std::vector<std::string>& figures) {
  return guarded("overview cells", [&]() -> domain::Result<std::vector<OverviewCell>> {
    const std::string first = yearStart(from);
    const std::string last = yearStart(to);
    std::string query =
        "SELECT r.member_code, r.period_start, r.revision, r.origin, f.figure, f.state, f.n FROM "
        "network_report_revisions r JOIN network_report_figures f ON f.revision_id = r.id WHERE "
        "r.period_kind = 'year' AND r.is_latest = 1 AND r.period_start >= :a AND "
        "r.period_start <= :b";
    CellColumns columns;
    soci::statement st(sql);
    columns.bindInto(st);
    detail::useEach(st, first, last);
    if (!figures.empty()) {
      query += " AND f.figure IN (";
      for (std::size_t i = 0; i < figures.size(); ++i) {
        query += (i == 0 ? ":f" : ", :f") + std::to_string(i);
        st.exchange(soci::use(figures[i]));
      }
      query += ")";
    }
    query += " ORDER BY r.member_code, r.period_start";
    detail::prepareAndExecute(st, query);
    return detail::collectRows(st, [&] { return columns.toRow(); });
  });
}

domain::Result<Publication> readPublication(soci::session& sql) {
  PublicationColumns columns;
  auto row = detail::selectRow(
      sql, "publication", columns,
      "SELECT year_from, year_to, updated_by, updated_at, version FROM network_publication "
      "WHERE id = 1");
  if (!row) {
    return tl::unexpected(row.error());
  }
  Publication out = row->value_or(Publication{});
  TextPair pair;
  auto items =
      detail::selectRows(sql, "publication items", pair,
                         "SELECT kind, value FROM network_publication_items ORDER BY kind, value");
  if (!items) {
    return tl::unexpected(items.error());
  }
  for (auto& [kind, value] : *items) {
    (kind == "figure" ? out.figures : out.members).push_back(value);
  }
  return out;
}

domain::Status writePublication(WriteContext& w, const Publication& p, int expected_version) {
  return guarded("write publication", [&]() -> domain::Status {
    soci::session& sql = w.sql();
    int stored = 0;
    soci::indicator ind = soci::i_null;
    sql << "SELECT version FROM network_publication WHERE id = 1", soci::into(stored, ind);
    if (!sql.got_data() || ind != soci::i_ok) {
      stored = 0;
    }
    if (stored != expected_version) {
      return domain::fail(domain::ErrorCode::kConflict,
                          "Someone changed what is published meanwhile. Reload and choose again.",
                          "version");
    }
    sql << "DELETE FROM network_publication WHERE id = 1";
    sql << "DELETE FROM network_publication_items";
    detail::insertRow(sql, "network_publication",
                      "id, year_from, year_to, updated_by, updated_at, version", 1, p.year_from,
                      p.year_to, p.updated_by, w.now(), stored + 1);
    for (const std::string& f : p.figures) {
      detail::insertRow(sql, "network_publication_items", "kind, value", std::string("figure"), f);
    }
    for (const std::string& m : p.members) {
      detail::insertRow(sql, "network_publication_items", "kind, value", std::string("member"), m);
    }
    return {};
  });
}

}  // namespace strada::store
