// The HTCDS 2.0 export (issue 9, section 5): one row per case (one person assisted by the
// organisation) with the standard's field names and code values, for the member's own use or a
// partner system. Coded fields only, the person named by their pseudonymous client code (name
// and birth date only when a caller who may read them asks: htcdsIdentifyingColumns); the
// mapping (Strada field -> HTCDS field) is kHtcdsColumns and docs/exports.md. What the standard
// has and Strada does not record is not in the file (docs/exports.md lists it), never invented.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/export_table.h"
#include "store/standard_export_rows.h"

namespace strada::reports {

// One column: its name (the standard's "Field Name including Prefix", or "strada_..." for the
// three columns the standard has no field for) and how its cell is made from a case.
struct HtcdsColumn {
  std::string_view name;
  std::string (*cell)(const store::ExportCaseRow& row);
};

// Every column, in file order.
[[nodiscard]] const std::vector<HtcdsColumn>& htcdsColumns();

// cas_Status of a case: its open stages are "Active"; a closed case "ClosedReferred" when it
// was closed because the person was referred elsewhere, else "Closed". (HTCDS "FollowUp" has no
// Strada stage.)
[[nodiscard]] std::string htcdsCaseStatus(const store::ExportCaseRow& row);

// The identifying columns, after strada_CaseCode in a file that names people: prs_FirstName (the
// full name as Strada records it, one field), prs_SecondName (empty: Strada does not split a
// name), prs_Birthdate.
[[nodiscard]] const std::vector<HtcdsColumn>& htcdsIdentifyingColumns();

// The file: the header, then one row per case in the order given; with the identifying columns
// when `identifying` (rows' `person` opened by the caller).
[[nodiscard]] ExportTable htcdsTable(const std::vector<store::ExportCaseRow>& rows,
                                     bool identifying = false);

}  // namespace strada::reports
