// Possible duplicate clients and their merge in the store (migration 0022): the flags a
// supervisor reviews, and a client's merged_into (the survivor it was merged into). A merge keeps
// both rows and both keys; nothing sealed moves.
//
// Errors: Conflict when a flag is no longer open or a client was merged meanwhile; Internal for
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

struct DuplicateFlagRow {
  std::string id;
  std::string org_id;
  std::string client_a, client_b;
  std::string reason;  // a code of the duplicate_reason list
  std::string flagged_by;
  long long flagged_at = 0;  // unix millis (long long: what both backends bind)
  std::string status;        // open, merged, dismissed
  std::string resolved_by;
  long long resolved_at = 0;
  std::string survivor_id;                   // of a merge; "" otherwise
  std::string client_a_code, client_b_code;  // read only
};

// Inserts `flag` (status open). Conflict ("other_client_id") when the pair already has an open
// flag.
[[nodiscard]] domain::Status insertDuplicateFlag(WriteContext& w, const DuplicateFlagRow& flag);

// The flag `id` of `org_id`, or nothing.
[[nodiscard]] domain::Result<std::optional<DuplicateFlagRow>> findDuplicateFlag(
    soci::session& sql, const std::string& org_id, const std::string& id);

// The flags of `org_id` with `status`, oldest first, at most `limit`.
[[nodiscard]] domain::Result<std::vector<DuplicateFlagRow>> listDuplicateFlags(
    soci::session& sql, const std::string& org_id, const std::string& status, std::int32_t limit);

// Closes the open flag `id` as `status` (merged or dismissed) by `by` at w.now(). Conflict
// ("status") when it is no longer open.
[[nodiscard]] domain::Status resolveDuplicateFlag(WriteContext& w, const std::string& org_id,
                                                  const std::string& id, const std::string& status,
                                                  const std::string& by,
                                                  const std::string& survivor_id);

// Merges `merged_id` into `survivor_id` (both of `org_id`): sets its merged_into, and points the
// clients merged into it before at the survivor. Conflict ("survivor_id") when either was merged
// meanwhile.
[[nodiscard]] domain::Status mergeClientInto(WriteContext& w, const std::string& org_id,
                                             const std::string& merged_id,
                                             const std::string& survivor_id);

// The client `id` stands for, following merged_into: `id` itself when it was never merged.
[[nodiscard]] domain::Result<std::string> survivorOf(soci::session& sql, const std::string& id);

// A client merged into a survivor: its id and code.
struct MergedClient {
  std::string id;
  std::string client_code;
};
// The clients merged into `survivor_id`, by client code.
[[nodiscard]] domain::Result<std::vector<MergedClient>> mergedInto(soci::session& sql,
                                                                   const std::string& survivor_id);

// Another client sharing a blind index entry with a client, and the kind shared.
struct IndexMatch {
  std::string client_id;
  std::string kind;  // name, birth_date, phone
};
// The clients (not merged away) sharing an index entry with `client_id`, one entry per client
// (name before phone before birth date), by id.
[[nodiscard]] domain::Result<std::vector<IndexMatch>> indexMatches(soci::session& sql,
                                                                   const std::string& client_id);

}  // namespace strada::store
