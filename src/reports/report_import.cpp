#include "reports/report_import.h"

#include <memory>

#include "crypto/crypto.h"
#include "domain/time.h"
#include "hotline/use_case_steps.h"
#include "policy/policy.h"
#include "store/async.h"
#include "store/contact_stats.h"

namespace strada::reports {

awaitable<Result<ImportOutcome>> importReports(Context ctx, Actor actor, std::string csv) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kReportsManage); !may) {
    co_return tl::unexpected(may.error());
  }
  const int this_year = static_cast<int>(domain::civilFromDays(store::dayOf(ctx.clock())).y);
  auto out = std::make_shared<ImportOutcome>();
  const std::vector<ImportedYear> years = parseImport(csv, this_year, out->errors);
  if (!out->errors.empty()) {
    co_return std::move(*out);
  }
  auto k_job = [org = who.org_id](soci::session& sql) {
    return store::readReportSettings(sql, org);
  };
  auto settings =
      co_await store::awaitRead<Result<store::ReportSettings>>(ctx.db, std::move(k_job));
  if (!settings) {
    co_return tl::unexpected(settings.error());
  }
  auto change = [out, years, k = settings->small_count_k, who,
                 now = ctx.clock()](store::WriteContext& w) -> domain::Status {
    out->reports.clear();  // a job the writer runs again starts afresh
    for (const ImportedYear& y : years) {
      Report report;
      report.row = store::ReportRow{crypto::newId(),
                                    who.org_id,
                                    "year",
                                    std::to_string(y.year) + "-01-01",
                                    0,
                                    "imported",
                                    "draft",
                                    0,
                                    0,
                                    who.user_id,
                                    now,
                                    "",
                                    0,
                                    1,
                                    "",
                                    0,
                                    0};
      DisclosureRules rules;
      rules.k = k;
      rules.figures_not_collected = y.not_collected;
      for (const FigureDef& def : allFigures()) {
        if (!y.counts.contains(def.id)) {
          rules.figures_not_collected.insert(def.id);
        }
      }
      if (auto stored = storeNextRevision(w, y.counts, rules, report); !stored) {
        return stored;
      }
      out->reports.push_back(report.row);
    }
    return {};
  };
  auto entry =
      actor.entry(audit::AuditAction::kReportImport, "rows=" + std::to_string(years.size()));
  if (auto stored = co_await hotline::writeAudited(ctx, std::move(change), std::move(entry));
      !stored) {
    co_return tl::unexpected(stored.error());
  }
  co_return std::move(*out);
}

}  // namespace strada::reports
