#include "store/case_transfer_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using domain::ErrorCode;

namespace {

constexpr const char* kTransferColumns =
    "SELECT t.id, t.case_id, t.org_id, t.from_user, t.to_user, t.reason, t.requested_by, "
    "t.requested_at, t.status, t.decided_by, t.decided_at, t.decision_reason, c.case_code, "
    "k.client_code, c.status FROM case_transfers t JOIN cases c ON c.id = t.case_id "
    "JOIN clients k ON k.id = c.client_id ";

struct TransferColumns {
  CaseTransferRow r;
  long long requested_at = 0, decided_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, r.id, r.case_id, r.org_id, r.from_user, r.to_user, r.reason,
                     r.requested_by, requested_at, r.status, r.decided_by, decided_at,
                     r.decision_reason, r.case_code, r.client_code, r.case_status);
  }
  CaseTransferRow toRow() {
    CaseTransferRow out = r;
    out.requested_at = requested_at;
    out.decided_at = decided_at;
    return out;
  }
};

// The pending transfers that `where` (with `params`) keeps, oldest first.
template <class... Params>
domain::Result<std::vector<CaseTransferRow>> pendingTransfers(soci::session& sql,
                                                              std::string_view where,
                                                              const Params&... params) {
  std::string query = kTransferColumns;
  query += "WHERE t.status = 'pending' AND ";
  query += where;
  query += " ORDER BY t.requested_at, t.id";
  TransferColumns columns;
  return detail::selectRows(sql, "pending case transfers", columns, query, params...);
}

}  // namespace

domain::Status insertCaseTransfer(WriteContext& w, const CaseTransferRow& r) {
  return guarded("insert case transfer", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_transfers",
                      "id, case_id, org_id, from_user, to_user, reason, requested_by, "
                      "requested_at, status",
                      r.id, r.case_id, r.org_id, r.from_user, r.to_user, r.reason, r.requested_by,
                      r.requested_at, std::string("pending"));
    return {};
  });
}

domain::Result<std::optional<CaseTransferRow>> pendingCaseTransfer(soci::session& sql,
                                                                   const std::string& case_id) {
  auto rows = pendingTransfers(sql, "t.case_id = :c", case_id);
  if (!rows || rows->empty()) {
    return rows.map([](const auto&) { return std::optional<CaseTransferRow>(); });
  }
  return std::optional<CaseTransferRow>(std::move(rows->back()));
}

domain::Result<std::vector<CaseTransferRow>> listPendingTransfersTo(soci::session& sql,
                                                                    const std::string& org_id,
                                                                    const std::string& user_id) {
  return pendingTransfers(sql, "t.org_id = :o AND t.to_user = :u", org_id, user_id);
}

domain::Status decideCaseTransfer(WriteContext& w, const std::string& id, const std::string& status,
                                  const std::string& by, const std::string& reason) {
  return guarded("decide case transfer", [&]() -> domain::Status {
    const long long at = w.now();
    soci::statement st(w.sql());
    detail::useEach(st, status, by, at, reason, id);
    return detail::runOnOneRow(
        st,
        "UPDATE case_transfers SET status = :s, decided_by = :b, decided_at = :at, "
        "decision_reason = :r WHERE id = :id AND status = 'pending'",
        {ErrorCode::kConflict,
         "This transfer was accepted or declined already. Reload the case to see who works it.",
         "transfer"});
  });
}

}  // namespace strada::store
