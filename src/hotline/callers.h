// Use cases of repeat callers: look a caller up (earlier contacts, active flags), flag a caller,
// remove a flag, and list the organisation's flagged callers.
//
// A caller identifier is matched only by its blind index (contact_records.h: callerIndex, numbers
// read in the organisation's country), never stored or logged in the clear; audit events name
// the index's first 16 hex characters. The list names each caller by a "caller_ref": the index
// itself, an HMAC keyed with a secret no client holds, scoped to the organisation.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "hotline/context.h"
#include "store/contact_repository.h"

namespace strada::hotline {

// How a request names a caller: by the identifier as typed, or by a caller_ref from the list of
// flagged callers. Exactly one is set, or the use case answers InvalidArgument.
struct CallerName {
  std::optional<std::string> identifier;
  std::optional<std::string> ref;
};

// What a lookup finds. Someone else's draft is neither listed nor counted (the draft rule:
// policy::draftsVisibleOnlyOf), unless the actor is a supervisor.
struct CallerLookup {
  std::int64_t count = 0;                 // the caller's contacts the actor may see
  std::vector<domain::Contact> contacts;  // newest first, at most 20, coded fields only; empty
                                          // without kContactList
  std::vector<store::CallerFlag> flags;   // active flags, by flag
};

// Looks `identifier` up (kCallerLookup), recorded as caller.lookup before it is returned.
// InvalidArgument naming "caller_identifier" when it is longer than 100 bytes or normalises to
// nothing.
[[nodiscard]] awaitable<Result<CallerLookup>> lookUpCaller(Context ctx, Actor actor,
                                                           std::string identifier);

// Flags the caller `identifier` with `flag` (a caller_flag code) until `expires_at`, which must
// lie in the future and within two years (kCallerFlagWrite); a flag the caller has already gets
// the new expiry. Recorded as caller.flag.
[[nodiscard]] awaitable<Result<store::CallerFlag>> flagCaller(Context ctx, Actor actor,
                                                              std::string identifier,
                                                              std::string flag,
                                                              domain::UnixMillis expires_at);

// Removes the flag `flag` of the caller named by `caller` (kCallerFlagWrite), recorded as
// caller.unflag. NotFound when the caller has no such flag.
[[nodiscard]] awaitable<domain::Status> unflagCaller(Context ctx, Actor actor, CallerName caller,
                                                     std::string flag);

// One row of the list of flagged callers, with its author's name as the organisation's list of
// users holds it (may be empty); nullopt when the author is not of the organisation.
struct FlaggedCallerItem {
  store::FlaggedCaller row;
  std::optional<std::string> author_name;
};
struct FlaggedCallerPage {
  std::vector<FlaggedCallerItem> items;
  bool more = false;  // a next page exists after items.back()
};

// A page of the organisation's active flags, newest first (kCallerFlagWrite), after `after`,
// at most `limit` rows; recorded as caller.flag_list (the number of rows shown) before it is
// returned.
[[nodiscard]] awaitable<Result<FlaggedCallerPage>> listFlaggedCallers(
    Context ctx, Actor actor, std::optional<store::FlaggedCallerCursor> after, std::int32_t limit);

}  // namespace strada::hotline
