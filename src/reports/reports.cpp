#include "reports/reports.h"

#include <boost/json/array.hpp>
#include <memory>

#include "cases/case_stats.h"
#include "crypto/crypto.h"
#include "domain/ids.h"
#include "hotline/use_case_steps.h"
#include "policy/policy.h"
#include "reports/report_sources.h"
#include "store/async.h"
#include "store/contact_stats.h"

namespace strada::reports {
namespace {

constexpr std::int64_t kMaximumK = 1000;

domain::Error reportNotFound() {
  return domain::fail(domain::ErrorCode::kNotFound,
                      "No such report. Go back to the list of reports and choose one from it.")
      .value();
}

std::set<std::string, std::less<>> asSet(const std::vector<std::string>& values) {
  return {values.begin(), values.end()};
}

// The figures of a stored report, in definition order.
std::vector<Figure> figuresOf(const std::vector<store::ReportFigureRow>& rows) {
  std::map<std::string, const store::ReportFigureRow*, std::less<>> by_id;
  for (const auto& row : rows) {
    by_id.emplace(row.figure, &row);
  }
  std::vector<Figure> out;
  for (const FigureDef& def : allFigures()) {
    auto it = by_id.find(def.id);
    if (it == by_id.end()) {  // a figure added to the definition after the report was made
      out.push_back(Figure{def.id, FigureState::kNotCollected, 0});
      continue;
    }
    const FigureState state = parseFigureState(it->second->state).value_or(FigureState::kCount);
    out.push_back(Figure{def.id, state, state == FigureState::kCount ? it->second->n : 0});
  }
  return out;
}

// Why `row` may not be approved in `w`'s transaction: not a draft, or not its period's newest.
domain::Status requireApprovable(store::WriteContext& w, const store::ReportRow& row) {
  if (row.status != "draft") {
    return domain::fail(domain::ErrorCode::kConflict,
                        "This report is no longer a draft. Reload it to see its status.", "status");
  }
  auto history = store::periodHistory(w.sql(), row.org_id, row.period_kind, row.period_start);
  if (!history) {
    return tl::unexpected(history.error());
  }
  if (!history->revisions.empty() && history->revisions.back().revision != row.revision) {
    return domain::fail(domain::ErrorCode::kConflict,
                        "A newer revision of this period exists. Review and approve that one.",
                        "revision");
  }
  return {};
}

}  // namespace

Result<Report> loadReport(soci::session& sql, const std::string& org_id, const std::string& id) {
  auto row = store::findReport(sql, org_id, id);
  if (!row || !*row) {
    return row ? Result<Report>(tl::unexpected(reportNotFound()))
               : Result<Report>(tl::unexpected(row.error()));
  }
  auto figures = store::reportFigures(sql, id);
  if (!figures) {
    return tl::unexpected(figures.error());
  }
  return Report{std::move(**row), figuresOf(*figures)};
}

domain::Status storeNextRevision(store::WriteContext& w,
                                 const std::map<std::string, std::int64_t>& raw,
                                 DisclosureRules rules, Report& report) {
  store::ReportRow& row = report.row;
  auto history = store::periodHistory(w.sql(), row.org_id, row.period_kind, row.period_start);
  if (!history) {
    return tl::unexpected(history.error());
  }
  const auto& revisions = history->revisions;
  row.revision = revisions.empty() ? 1 : revisions.back().revision + 1;
  rules.suppressed_before.insert(history->suppressed_before.begin(),
                                 history->suppressed_before.end());
  rules.k = std::max(rules.k, kMinimumK);
  row.small_count_k = rules.k;
  row.definition_version = kDefinitionVersion;
  report.figures = discloseFigures(raw, rules);
  std::vector<store::ReportFigureRow> rows;
  rows.reserve(report.figures.size());
  for (const Figure& f : report.figures) {
    rows.push_back(store::ReportFigureRow{f.id, std::string(figureStateName(f.state)), f.n});
  }
  return store::insertReport(w, row, rows);
}

awaitable<Result<Report>> computeReport(Context ctx, Actor actor, std::string kind,
                                        std::string start) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kReportsManage); !may) {
    co_return tl::unexpected(may.error());
  }
  const auto period_kind = parsePeriodKind(kind);
  if (!period_kind) {
    co_return domain::invalidField("period", "Choose month, quarter or year.");
  }
  auto period = periodStarting(*period_kind, start, "start");
  if (!period) {
    co_return tl::unexpected(period.error());
  }
  if (period->first_day > store::dayOf(ctx.clock())) {
    co_return domain::invalidField("start",
                                   "This period has not started yet. Choose an earlier one.");
  }
  if (auto dropped = co_await cases::dropLapsedConsents(ctx, who.org_id); !dropped) {
    co_return tl::unexpected(dropped.error());
  }
  auto job = [org = who.org_id, p = *period](soci::session& sql) {
    return readReportSources(sql, org, p);
  };
  auto read = co_await store::awaitRead<Result<ReportSources>>(ctx.db, std::move(job));
  if (!read) {
    co_return tl::unexpected(read.error());
  }
  auto out = std::make_shared<Report>();
  out->row = store::ReportRow{crypto::newId(),
                              who.org_id,
                              std::string(periodKindName(*period_kind)),
                              period->start(),
                              0,
                              "computed",
                              "draft",
                              0,
                              0,
                              who.user_id,
                              ctx.clock(),
                              "",
                              0,
                              1,
                              "",
                              0,
                              0};
  DisclosureRules rules;
  rules.k = read->settings.small_count_k;
  rules.groups_not_collected = asSet(read->settings.groups_not_collected);
  auto change = [out, raw = rawFigures(*read, *period), rules](store::WriteContext& w) {
    return storeNextRevision(w, raw, rules, *out);
  };
  auto entry = actor.entry(audit::AuditAction::kReportCreate, out->row.id);
  if (auto stored = co_await hotline::writeAudited(ctx, std::move(change), std::move(entry));
      !stored) {
    co_return tl::unexpected(stored.error());
  }
  co_return std::move(*out);
}

awaitable<Result<std::vector<store::ReportRow>>> listReports(Context ctx, Actor actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kReportsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  auto job = [org = actor.principal.org_id](soci::session& sql) {
    return store::listReports(sql, org);
  };
  co_return co_await store::awaitRead<Result<std::vector<store::ReportRow>>>(ctx.db,
                                                                             std::move(job));
}

awaitable<Result<Report>> readReport(Context ctx, Actor actor, std::string id) {
  if (auto may = policy::require(actor.principal, policy::Permission::kReportsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(reportNotFound());
  }
  auto job = [org = actor.principal.org_id, id](soci::session& sql) {
    return loadReport(sql, org, id);
  };
  co_return co_await store::awaitRead<Result<Report>>(ctx.db, std::move(job));
}

awaitable<Result<Report>> approveReport(Context ctx, Actor actor, std::string id) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kReportsManage); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(reportNotFound());
  }
  auto change = [org = who.org_id, user = who.user_id, id](store::WriteContext& w) {
    auto report = loadReport(w.sql(), org, id);
    if (!report) {
      return domain::Status(tl::unexpected(report.error()));
    }
    if (auto approvable = requireApprovable(w, report->row); !approvable) {
      return approvable;
    }
    return store::approveReport(w, org, id, user);
  };
  auto entry = actor.entry(audit::AuditAction::kReportApprove, id);
  if (auto approved = co_await hotline::writeAudited(ctx, std::move(change), std::move(entry));
      !approved) {
    co_return tl::unexpected(approved.error());
  }
  co_return co_await readReport(ctx, std::move(actor), std::move(id));
}

awaitable<Result<store::ReportSettings>> reportSettings(Context ctx, Actor actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kReportsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  auto job = [org = actor.principal.org_id](soci::session& sql) {
    return store::readReportSettings(sql, org);
  };
  co_return co_await store::awaitRead<Result<store::ReportSettings>>(ctx.db, std::move(job));
}

awaitable<Result<store::ReportSettings>> changeReportSettings(Context ctx, Actor actor,
                                                              store::ReportSettings settings) {
  if (auto may = policy::require(actor.principal, policy::Permission::kReportsSettings); !may) {
    co_return tl::unexpected(may.error());
  }
  if (settings.small_count_k < kMinimumK || settings.small_count_k > kMaximumK) {
    co_return domain::invalidField("small_count_k",
                                   "Choose a k from 11 to 1000: small counts are never shown "
                                   "under 11.");
  }
  for (const std::string& group : settings.groups_not_collected) {
    if (findFigureGroup(group) == nullptr) {
      co_return domain::invalidField("not_collected",
                                     "Choose figure groups from the report's definition.");
    }
  }
  auto change = [org = actor.principal.org_id, settings](store::WriteContext& w) {
    return store::writeReportSettings(w, org, settings);
  };
  auto entry = actor.entry(audit::AuditAction::kReportSettings, actor.principal.org_id);
  if (auto stored = co_await hotline::writeAudited(ctx, std::move(change), std::move(entry));
      !stored) {
    co_return tl::unexpected(stored.error());
  }
  co_return co_await reportSettings(ctx, std::move(actor));
}

boost::json::object packetOf(const Report& report) {
  const store::ReportRow& row = report.row;
  boost::json::array figures;
  figures.reserve(report.figures.size());
  for (const Figure& f : report.figures) {
    boost::json::object o{{"id", f.id}, {"state", figureStateName(f.state)}};
    if (f.state == FigureState::kCount) {
      o["n"] = f.n;
    }
    figures.push_back(std::move(o));
  }
  const auto kind = parsePeriodKind(row.period_kind).value_or(PeriodKind::kYear);
  auto period = periodStarting(kind, row.period_start, "period_start");
  return {{"format", "strada.report"},
          {"definition_version", row.definition_version},
          {"period",
           {{"kind", row.period_kind},
            {"start", row.period_start},
            {"label", period ? period->label() : row.period_start}}},
          {"revision", row.revision},
          {"origin", row.origin},
          {"small_count_k", row.small_count_k},
          {"figures", std::move(figures)}};
}

}  // namespace strada::reports
