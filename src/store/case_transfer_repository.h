// A case's transfers to another case worker (migration 0019): requested, then accepted or
// declined by the receiver. At most one is pending per case; the reasons are short work notes.
//
// Errors: Conflict on "transfer" when a decision finds the transfer decided already; Internal for
// anything else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct CaseTransferRow {
  std::string id;
  std::string case_id;
  std::string org_id;
  std::string from_user;  // who worked the case when it was asked
  std::string to_user;
  std::string reason;
  std::string requested_by;
  std::int64_t requested_at = 0;
  std::string status = "pending";  // pending, accepted, declined
  std::string decided_by;
  std::int64_t decided_at = 0;
  std::string decision_reason;
  // Listed for the receiver only (listPendingTransfersTo): what the case is, in codes.
  std::string case_code;
  std::string client_code;
  std::string case_status;
};

[[nodiscard]] domain::Status insertCaseTransfer(WriteContext& w, const CaseTransferRow& row);
// The pending transfer of the case, if any.
[[nodiscard]] domain::Result<std::optional<CaseTransferRow>> pendingCaseTransfer(
    soci::session& sql, const std::string& case_id);
// The pending transfers to `user_id` of organisation `org_id`, oldest first, with their case's
// codes and stage.
[[nodiscard]] domain::Result<std::vector<CaseTransferRow>> listPendingTransfersTo(
    soci::session& sql, const std::string& org_id, const std::string& user_id);
// Records the decision (`status` accepted or declined) on the pending transfer `id`, by `by` at
// w.now(); Conflict on "transfer" when it is no longer pending.
[[nodiscard]] domain::Status decideCaseTransfer(WriteContext& w, const std::string& id,
                                                const std::string& status, const std::string& by,
                                                const std::string& reason);

}  // namespace strada::store
