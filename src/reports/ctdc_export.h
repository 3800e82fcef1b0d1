// The CTDC-shaped export for the global data hub (issue 9, section 5): one row per person whose
// consent to research use (consent_kind "research") is in force, with only the quasi-identifiers
// (gender, age band, citizenship, country of exploitation, type of exploitation, year of
// registration), k-anonymised (reports/k_anonymity.h). Column names follow the Counter
// Trafficking Data Collaborative's data set; the values are Strada's (HTCDS) codes.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "reports/export_table.h"
#include "reports/k_anonymity.h"
#include "store/standard_export_rows.h"

namespace strada::reports {

inline constexpr std::string_view kResearchConsent = "research";

inline constexpr std::array<std::string_view, 6> kCtdcColumns{
    "yearOfRegistration",       "gender", "ageBroad", "citizenship", "CountryOfExploitation",
    "typeOfExploitConcatenated"};

// Whether the row's person has a research consent in force.
[[nodiscard]] bool consentsToResearch(const store::ExportCaseRow& row);

// A person's quasi-identifiers as recorded: the first citizenship and first country of
// exploitation recorded, the types of exploitation sorted and joined with ";", the year the case
// was opened; "unknown" for what is not recorded.
[[nodiscard]] QuasiIdentifiers ctdcQuasiIdentifiers(const store::ExportCaseRow& row);

struct CtdcExport {
  ExportTable table;  // kCtdcColumns, one row per record kept
  AnonymisationReport report;
  std::int64_t cases_read = 0;       // cases opened in the period
  std::int64_t without_consent = 0;  // left out: no research consent in force
};

// Keeps the rows with a research consent, then k-anonymises them. Fails as
// validateAnonymisationOptions does.
[[nodiscard]] domain::Result<CtdcExport> ctdcExport(const std::vector<store::ExportCaseRow>& rows,
                                                    const AnonymisationOptions& options);

}  // namespace strada::reports
