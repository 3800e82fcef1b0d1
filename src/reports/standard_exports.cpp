#include "reports/standard_exports.h"

#include "cases/client_records.h"
#include "domain/client.h"
#include "hotline/use_case_steps.h"
#include "policy/case_access.h"
#include "policy/policy.h"
#include "reports/htcds_export.h"
#include "store/async.h"
#include "store/contact_stats.h"

namespace strada::reports {
namespace {

using domain::Result;

// Checks the permission and the period, reads the period's cases (with their sealed persons
// when `sealed`).
awaitable<Result<std::vector<store::ExportCaseRow>>> readCases(hotline::Context& ctx,
                                                               const hotline::Actor& actor,
                                                               const ExportPeriodQuery& period,
                                                               bool sealed = false) {
  if (auto may = policy::require(actor.principal, policy::Permission::kExportsStandard); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = validateExportPeriod(period); !valid) {
    co_return tl::unexpected(valid.error());
  }
  store::ExportPeriod bounds{period.from, period.to,
                             domain::formatCalendarDate(store::dayOf(ctx.clock()))};
  auto job = [org_id = actor.principal.org_id, bounds,
              sealed](soci::session& sql) -> Result<std::vector<store::ExportCaseRow>> {
    auto rows = store::readExportCases(sql, org_id, bounds);
    if (rows && sealed) {
      if (auto read = store::readExportPersons(sql, org_id, bounds, *rows); !read) {
        return tl::unexpected(read.error());
      }
    }
    return rows;
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

// Only a caller who sees every case of the organisation in full may name its people.
domain::Status requireFullAccess(const policy::Principal& who) {
  policy::CaseAccessFacts every_case;
  every_case.org_id = who.org_id;
  if (policy::caseAccess(who, every_case) == policy::CaseAccess::kFull) {
    return {};
  }
  return domain::fail(domain::ErrorCode::kPermissionDenied,
                      "Names and birth dates are exported only for those who may read every "
                      "client's sealed details. Export without them.",
                      "identifying");
}

// Opens every row's person; the sealed bytes are dropped once opened.
domain::Status openPersons(const hotline::Context& ctx, std::vector<store::ExportCaseRow>& rows) {
  for (store::ExportCaseRow& row : rows) {
    store::ClientRow sealed;
    sealed.client.id = row.client_id;
    sealed.person_sealed = std::move(row.person_sealed);
    sealed.wrapped_key = std::move(row.wrapped_key);
    if (auto opened = cases::openPerson(ctx.vault, sealed); !opened) {
      return opened;
    }
    row.person = std::move(sealed.client.person);
  }
  return {};
}

// The export's event and a client.read of each person named: one transaction.
awaitable<domain::Status> recordIdentifyingExport(hotline::Context& ctx,
                                                  const hotline::Actor& actor,
                                                  const ExportPeriodQuery& period,
                                                  const std::vector<store::ExportCaseRow>& rows) {
  std::vector<audit::AuditEntry> entries;
  entries.push_back(actor.entry(audit::AuditAction::kStandardExportHtcds,
                                "from=" + (period.from.empty() ? "-" : period.from) +
                                    ";to=" + (period.to.empty() ? "-" : period.to) +
                                    ";rows=" + std::to_string(rows.size()) + ";identifying=yes"));
  for (const store::ExportCaseRow& row : rows) {
    entries.push_back(actor.entry(audit::AuditAction::kClientRead, row.client_id));
  }
  store::WriteJob job = [entries = std::move(entries)](store::WriteContext& w) -> domain::Status {
    for (const audit::AuditEntry& entry : entries) {
      if (auto s = w.audit(entry); !s) {
        return s;
      }
    }
    return {};
  };
  co_return co_await store::awaitWrite(ctx.db, std::move(job));
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
                                           ExportPeriodQuery period, bool identifying) {
  if (identifying) {
    if (auto may = requireFullAccess(actor.principal); !may) {
      co_return tl::unexpected(may.error());
    }
  }
  auto rows = co_await readCases(ctx, actor, period, identifying);
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  if (identifying) {
    if (auto opened = openPersons(ctx, *rows); !opened) {
      co_return tl::unexpected(opened.error());
    }
  }
  ExportTable table = htcdsTable(*rows, identifying);
  domain::Status audited;
  if (identifying) {
    audited = co_await recordIdentifyingExport(ctx, actor, period, *rows);
  } else {
    audited = co_await recordExport(ctx, actor, audit::AuditAction::kStandardExportHtcds, period,
                                    table.rows.size());
  }
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
