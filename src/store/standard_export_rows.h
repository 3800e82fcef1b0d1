// The read behind the standard exports (reports/htcds_export.h, reports/ctdc_export.h): one row
// per case of an organisation opened in a period, with its client's coded fields and the kinds
// of the consents in force; a sealed column only when the caller asks for it (readExportPersons).
// Clients that were erased or merged into another are left out (their person is gone, or counted
// under the survivor).
#pragma once

#include <string>
#include <vector>

#include "domain/client.h"
#include "domain/error.h"

namespace soci {
class session;
}

namespace strada::store {

struct ExportCaseRow {
  std::string case_id;    // never exported: to join the consents
  std::string client_id;  // never exported: to open the person
  std::string case_code;
  std::string client_code;
  std::string status;  // case_status
  std::string referral_source;
  std::string referred_on;  // YYYY-MM-DD or ""
  std::string opened_on;    // YYYY-MM-DD
  std::string closure_reason;
  bool closure_approved = false;
  domain::ClientCoded coded;
  std::vector<std::string> consents_in_force;  // consent_kind codes, sorted, each once
  // Only for an export that names people (readExportPersons): the sealed person and its wrapped
  // key (hex-decoded; "" once the key was destroyed), then the person opened by the use case.
  std::string person_sealed;
  std::string wrapped_key;
  domain::ClientPerson person;
};

// The period's bounds, YYYY-MM-DD, inclusive; "" for no bound. `today` decides which consents
// are in force (given on or before it, not withdrawn, not expired).
struct ExportPeriod {
  std::string from;
  std::string to;
  std::string today;
};

// The organisation's cases opened in the period, in the order they were opened (then by code).
[[nodiscard]] domain::Result<std::vector<ExportCaseRow>> readExportCases(
    soci::session& sql, const std::string& org_id, const ExportPeriod& period);

// Fills person_sealed and wrapped_key of `rows` (read by readExportCases with the same period).
[[nodiscard]] domain::Status readExportPersons(soci::session& sql, const std::string& org_id,
                                               const ExportPeriod& period,
                                               std::vector<ExportCaseRow>& rows);

}  // namespace strada::store
