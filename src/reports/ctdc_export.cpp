#include "reports/ctdc_export.h"

#include <algorithm>

namespace strada::reports {
namespace {

std::string orUnknown(std::string_view value) {
  return value.empty() ? std::string(kUnknown) : std::string(value);
}

std::string firstOrUnknown(const std::vector<std::string>& values) {
  return values.empty() ? std::string(kUnknown) : orUnknown(values.front());
}

}  // namespace

bool consentsToResearch(const store::ExportCaseRow& row) {
  return std::find(row.consents_in_force.begin(), row.consents_in_force.end(), kResearchConsent) !=
         row.consents_in_force.end();
}

QuasiIdentifiers ctdcQuasiIdentifiers(const store::ExportCaseRow& row) {
  const domain::ClientCoded& c = row.coded;
  std::vector<std::string> types = c.exploitation_types;
  std::sort(types.begin(), types.end());
  std::string exploitation;
  for (const std::string& t : types) {
    exploitation += (exploitation.empty() ? "" : ";") + t;
  }
  return QuasiIdentifiers{
      orUnknown(c.gender),
      orUnknown(c.age_band),
      firstOrUnknown(c.citizenships),
      firstOrUnknown(c.countries_exploitation),
      orUnknown(exploitation),
      row.opened_on.size() >= 4 ? row.opened_on.substr(0, 4) : std::string(kUnknown)};
}

domain::Result<CtdcExport> ctdcExport(const std::vector<store::ExportCaseRow>& rows,
                                      const AnonymisationOptions& options) {
  std::vector<QuasiIdentifiers> records;
  for (const store::ExportCaseRow& row : rows) {
    if (consentsToResearch(row)) {
      records.push_back(ctdcQuasiIdentifiers(row));
    }
  }
  const auto consenting = static_cast<std::int64_t>(records.size());
  auto anonymised = kAnonymise(std::move(records), options);
  if (!anonymised) {
    return tl::unexpected(anonymised.error());
  }
  CtdcExport out;
  out.cases_read = static_cast<std::int64_t>(rows.size());
  out.without_consent = out.cases_read - consenting;
  out.table.header.assign(kCtdcColumns.begin(), kCtdcColumns.end());
  for (const QuasiIdentifiers& r : anonymised->records) {
    out.table.rows.push_back(
        {r.year, r.gender, r.age_band, r.citizenship, r.country_of_exploitation, r.exploitation});
  }
  out.report = std::move(anonymised->report);
  return out;
}

}  // namespace strada::reports
