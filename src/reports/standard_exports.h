// The use cases of the standard exports (issue 9, section 5): the HTCDS 2.0 file of the
// organisation's cases and the k-anonymised CTDC file for the global data hub. Both need
// exports.standard (data officers, supervisors) and record one audit event per export before any
// of it leaves, with the period and the number of rows ("from=...;to=...;rows=N"), never a person.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>

#include "domain/error.h"
#include "hotline/context.h"
#include "reports/ctdc_export.h"
#include "reports/export_table.h"
#include "reports/k_anonymity.h"

namespace strada::reports {

using boost::asio::awaitable;

// The cases opened from `from` to `to` (YYYY-MM-DD, inclusive; "" for no bound).
struct ExportPeriodQuery {
  std::string from;
  std::string to;
};

// InvalidArgument naming "from" or "to" (not a date) or "to" (before `from`).
[[nodiscard]] domain::Status validateExportPeriod(const ExportPeriodQuery& period);

// The HTCDS 2.0 table of the cases opened in the period (reports/htcds_export.h). With
// `identifying`, also each person's name and birth date: only for a caller with full access to
// every case (a supervisor; PermissionDenied naming "identifying" otherwise), and every person so
// read is audited as client.read besides the export.
[[nodiscard]] awaitable<domain::Result<ExportTable>> exportHtcds(hotline::Context ctx,
                                                                 hotline::Actor actor,
                                                                 ExportPeriodQuery period,
                                                                 bool identifying);

// The CTDC file and its anonymisation report (reports/ctdc_export.h): InvalidArgument naming
// "k" or "year_span" as validateAnonymisationOptions does.
[[nodiscard]] awaitable<domain::Result<CtdcExport>> exportCtdc(hotline::Context ctx,
                                                               hotline::Actor actor,
                                                               ExportPeriodQuery period,
                                                               AnonymisationOptions options);

}  // namespace strada::reports
