// What the use cases of entries recorded on a case (case_entries.h: consents, services) share:
// what they need to know of a kind, and writing an entry then answering it read back.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_action.h"
#include "cases/case_entries.h"
#include "cases/case_records.h"
#include "store/database.h"

namespace strada::cases {

template <class Kind>
struct EntryKind {
  using Input = typename Kind::Input;
  using Row = typename Kind::Row;

  // The store's reader of a case's entries and writer of a new one.
  domain::Result<std::vector<Row>> (*list)(soci::session& sql, const std::string& case_id);
  domain::Status (*insert)(store::WriteContext& w, const Row& row);
  // The input's own checks at the context's clock; the row of a new entry `id` from it.
  domain::Status (*validate)(const Input& input, domain::UnixMillis now);
  Row (*row)(Input input, std::string id, std::string case_id, std::string by,
             domain::UnixMillis now);
  // The agency the input names ("" for none): one of the organisation's directory, or refused
  // on `agency_field`.
  std::string Input::*agency_id;
  std::string_view agency_field;
  audit::AuditAction created;
  std::string_view name;  // "consent": names an entry not read back after its write
};

// The case's entries of `Kind` with the names of the organisation's users (no policy, no audit).
template <class Kind>
[[nodiscard]] boost::asio::awaitable<domain::Result<EntryList<Kind>>> readEntries(
    Context ctx, std::string org_id, std::string case_id);

// Runs `change` with the audit event `action` on the case in one job, then answers the case's
// entries of `Kind` holding the entry `entry_id` alone.
template <class Kind>
[[nodiscard]] boost::asio::awaitable<domain::Result<EntryList<Kind>>> writeEntry(
    Context ctx, const Actor& actor, const LoadedCase& loaded, store::WriteJob change,
    audit::AuditAction action, std::string entry_id);

}  // namespace strada::cases
