// The case statistics rollup (migration 0020): each case's facts (the coded dimensions it is
// counted by, and whether it is counted at all) and the monthly cells of every organisation's
// counted cases. Kept exact by construction: every store write that can change a case's facts
// (insertCase, updateCase, updateClient, setClientTraffickingStatus, insertConsent,
// withdrawConsent, eraseClient, insertProceeding, updateProceeding, insertFollowUp) calls
// refreshCaseStats in its own transaction, which recomputes
// the facts (computeCaseFacts, the one place that decides them), subtracts the old facts' cells
// and adds the new ones; insertService counts the service when its case is counted.
//
// Cells (case_stats_monthly): measure "opened" at the month the case was opened and "closed" at
// the month its closure was approved, each with dimension "total" ('') and one per coded field
// ("status", "referral_source", "gender", "age_band", "citizenship", "trafficking_status",
// "exploitation", "in_proceedings" with code "yes", "inclusion" with the domains achieved);
// "closed" also "closure_outcome"; measure
// "service" at the month a service started, dimension "service_type". Empty codes are not counted.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

inline constexpr std::int64_t kNotClosed = -1;

// A case's coded dimensions as the statistics count it now.
struct CaseFacts {
  std::string case_id;
  std::string org_id;
  // A statistics consent is recorded, not withdrawn and not expired: only then does it count.
  bool counted = false;
  std::string consent_until;               // last day of the consent in force; '' never lapses
  std::int64_t opened_month = 0;           // day of the first of the month it was opened
  std::int64_t closed_month = kNotClosed;  // the month its closure was approved
  std::string status;
  std::string referral_source;
  std::string gender;
  std::string age_band;
  std::string citizenships;  // comma-separated codes
  std::string trafficking_status;
  std::string exploitation_types;  // comma-separated codes
  std::string closure_outcome;     // when closed
  bool in_proceedings = false;
  // inclusion_domain codes whose latest status (at closure or a follow-up) is "achieved".
  std::string inclusion_achieved;  // comma-separated codes

  friend bool operator==(const CaseFacts&, const CaseFacts&) = default;
};

// (month, measure, dimension, code): one cell a case (or a service) counts in.
using CaseStatsCell = std::tuple<std::int64_t, std::string, std::string, std::string>;

// THE rule of what a case counts as, read from the case, its client and its consents as they
// stand in `sql` (`today`: YYYY-MM-DD, for consent expiry). Nullopt when there is no such case.
// (Cases in court proceedings and social-inclusion outcomes get their condition here.)
[[nodiscard]] domain::Result<std::optional<CaseFacts>> computeCaseFacts(soci::session& sql,
                                                                        const std::string& case_id,
                                                                        const std::string& today);

// The cells of `facts` (none when not counted), services aside.
[[nodiscard]] std::vector<CaseStatsCell> caseFactsCells(const CaseFacts& facts);

// Within a write's transaction: recomputes the case's facts as of w.now() and moves the rollup
// from the stored facts' cells to the new ones (with the case's services when it starts or stops
// being counted).
[[nodiscard]] domain::Status refreshCaseStats(WriteContext& w, const std::string& case_id);
// The same for every case of a client (the client's coded fields changed).
[[nodiscard]] domain::Status refreshClientCaseStats(WriteContext& w, const std::string& client_id);
// Within the service's insert: counts it when its case is counted.
[[nodiscard]] domain::Status countCaseService(WriteContext& w, const std::string& case_id,
                                              const std::string& type,
                                              const std::string& started_on);

// Whether a counted case of the organisation has a consent that ran out before `today` (a lapse
// no write marks); refreshLapsedCaseStats then drops them (in a write job).
[[nodiscard]] domain::Result<bool> hasLapsedCaseConsents(soci::session& sql,
                                                         const std::string& org_id,
                                                         const std::string& today);
[[nodiscard]] domain::Status refreshLapsedCaseStats(WriteContext& w, const std::string& org_id);

// Recomputes every organisation's facts and rollup from the cases, one write job per organisation
// (the recount of an organisation is one transaction). Calls `progress` with each organisation's
// id and how many cases were recounted so far. Returns how many cases are counted. Blocking: for
// the command line (after migration 0020 on an existing database, or a restore).
[[nodiscard]] domain::Result<std::int64_t> rebuildCaseStats(
    Database& db,
    const std::function<void(const std::string& org_id, std::int64_t cases)>& progress);

// The data step of a migration that changes what the facts hold (0026: social inclusion): the
// rebuild above, once per database (recorded in data_migrations under kCaseStatsInclusionStep).
// True when it ran now. Blocking: at start, before anything is served.
inline constexpr std::string_view kCaseStatsInclusionStep = "0026_case_stats_inclusion";
[[nodiscard]] domain::Result<bool> rebuildCaseStatsOnce(Database& db, std::string_view step);

}  // namespace strada::store
