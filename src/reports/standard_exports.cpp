#include "reports/standard_exports.h"

#include "domain/client.h"
#include "hotline/use_case_steps.h"
#include "policy/policy.h"
#include "reports/htcds_export.h"
#include "store/async.h"
#include "store/contact_stats.h"

namespace strada::reports {
namespace {

using domain::Result;

// Checks the permission and the period, reads the period's cases.
awaitable<Result<std::vector<store::ExportCaseRow>>> readCases(hotline::Context& ctx,
                                                               const hotline::Actor& actor,
                                                               const ExportPeriodQuery& period) {
  if (auto may = policy::require(actor.principal, policy::Permission::kExportsStandard); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = validateExportPeriod(period); !valid) {
    co_return tl::unexpected(valid.error());
  }
  store::ExportPeriod bounds{period.from, period.to,
                             domain::formatCalendarDate(store::dayOf(ctx.clock()))};
  auto job = [org_id = actor.principal.org_id, bounds](soci::session& sql) {
    return store::readExportCases(sql, org_id, bounds);
  };
  co_return co_await store::awaitRead<Result<std::vector<store::ExportCaseRow>>>(ctx.db,
                                                                                 std::move(job));
}

// Records the export: its period and how many rows leave.
awaitable<domain::Status> recordExport(hotline::Context& ctx, const hotline::Actor& actor,
                                       audit::AuditAction action, const ExportPeriodQuery& period,
                                       std::size_t rows) {
  auto entry = actor.entry(action, "from=" + (period.from.empty() ? "-" : period.from) +
                                       ";to=" + (period.to.empty() ? "-" : period.to) +
                                       ";rows=" + std::to_string(rows));
  co_return co_await hotline::recordAudit(ctx, std::move(entry));
}

}  // namespace

domain::Status validateExportPeriod(const ExportPeriodQuery& period) {
  std::int64_t from = 0;
  for (const auto& [text, field] : {std::pair{&period.from, "from"}, std::pair{&period.to, "to"}}) {
    if (text->empty()) {
      continue;
    }
    auto day = domain::parseCalendarDate(*text, field);
    if (!day) {
      return tl::unexpected(day.error());
    }
    if (std::string_view(field) == "from") {
      from = *day;
    } else if (!period.from.empty() && *day < from) {
      return domain::invalidField("to",
                                  "The end of the period comes before its start. "
                                  "Choose an end on or after the start.");
    }
  }
  return {};
}

awaitable<Result<ExportTable>> exportHtcds(hotline::Context ctx, hotline::Actor actor,
                                           ExportPeriodQuery period) {
  auto rows = co_await readCases(ctx, actor, period);
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  ExportTable table = htcdsTable(*rows);
  auto audited = co_await recordExport(ctx, actor, audit::AuditAction::kStandardExportHtcds, period,
                                       table.rows.size());
  if (!audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return table;
}

awaitable<Result<CtdcExport>> exportCtdc(hotline::Context ctx, hotline::Actor actor,
                                         ExportPeriodQuery period, AnonymisationOptions options) {
  if (auto may = policy::require(actor.principal, policy::Permission::kExportsStandard); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = validateAnonymisationOptions(options); !valid) {
    co_return tl::unexpected(valid.error());
  }
  auto rows = co_await readCases(ctx, actor, period);
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  auto made = ctdcExport(*rows, options);
  if (!made) {
    co_return tl::unexpected(made.error());
  }
  auto audited = co_await recordExport(ctx, actor, audit::AuditAction::kStandardExportCtdc, period,
                                       made->table.rows.size());
  if (!audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return std::move(*made);
}

}  // namespace strada::reports
