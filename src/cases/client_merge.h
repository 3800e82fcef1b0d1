// Possible duplicate clients (issue 8, section 1): a pair is flagged when a client is registered
// while search before create matches another (same name or phone), or by a case worker; a
// supervisor dismisses the flag or merges the pair. A merge keeps both records and both keys
// (the sealed data of each stays under its own key): the merged-away client names its survivor,
// leaves search, and reading it answers the survivor, whose page and access history show both.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/context.h"
#include "domain/error.h"
#include "store/client_merge_repository.h"

namespace soci {
class session;
}

namespace strada::cases {

// A client on the other side of a merge, with its case (if any) in the organisation.
struct MergedRef {
  std::string client_id;
  std::string client_code;
  std::optional<std::string> case_id;
  std::string case_code;
  std::string case_status;
};
struct MergeRefs {
  std::vector<MergedRef> merged_from;    // clients merged into this one
  std::optional<MergedRef> merged_into;  // the survivor this one was merged into
};

// The merges of client `client_id` of `org_id` (`merged_into` its survivor, or "").
[[nodiscard]] domain::Result<MergeRefs> readMergeRefs(soci::session& sql, const std::string& org_id,
                                                      const std::string& client_id,
                                                      const std::string& merged_into);

struct DuplicateFlagInput {
  std::string other_client_id;
  std::string reason;  // a code of the duplicate_reason list
};

struct DuplicateFlagView {
  store::DuplicateFlagRow flag;
  std::map<std::string, std::string> names;  // user id -> name
};

inline constexpr std::int32_t kMaxDuplicateFlags = 200;

// kClientCreate: flags clients `id` and input.other_client_id as possible duplicates (both must
// exist in the organisation: NotFound otherwise). InvalidArgument ("reason", "other_client_id");
// Conflict when the pair is already flagged or either was merged. Audited on both.
[[nodiscard]] boost::asio::awaitable<domain::Result<DuplicateFlagView>> flagDuplicate(
    Context ctx, Actor actor, std::string id, DuplicateFlagInput input);

// After client `id` was registered: flags it with every client it shares a name or phone with.
[[nodiscard]] boost::asio::awaitable<domain::Status> flagIndexMatches(Context ctx, Actor actor,
                                                                      std::string id);

// kClientMerge: the organisation's flags with `status` (open, merged, dismissed), oldest first.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<DuplicateFlagView>>>
listDuplicateFlags(Context ctx, Actor actor, std::string status);

// kClientMerge: "not the same person". Conflict ("status") when no longer open.
[[nodiscard]] boost::asio::awaitable<domain::Result<DuplicateFlagView>> dismissDuplicateFlag(
    Context ctx, Actor actor, std::string flag_id);

// kClientMerge: merges the other client of the flag into `survivor_id` (one of the pair).
// InvalidArgument ("survivor_id"); Conflict ("cases") when both have an open case, ("status")
// when the flag is no longer open, ("survivor_id") when either is erased or merged. Audited as
// client.merge on both.
[[nodiscard]] boost::asio::awaitable<domain::Result<DuplicateFlagView>> mergeDuplicateFlag(
    Context ctx, Actor actor, std::string flag_id, std::string survivor_id);

}  // namespace strada::cases
