// `strada reports ...`: the aggregate reports from the command line (docs/reports.md).
#pragma once

#include <string>

#include "app/data_dir.h"

namespace strada::app {

// Imports the yearly historic figures of `file` (the CSV of docs/reports.md) for the organisation
// `org_code`, as POST /api/v1/reports/import does (drafts of origin "imported", audited). Prints
// each wrong line (nothing stored) and exits 1, or the reports made.
int runReportsImport(const DataOptions& data, const std::string& org_code, const std::string& file);

}  // namespace strada::app
