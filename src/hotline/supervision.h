// Use cases of the supervisor's views: today's contacts, the open follow-ups and the stale drafts
// (each read recorded as supervision.read before it is returned), and the follow-up "done" mark.
// Coded fields only: nothing here opens a sealed column.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "hotline/context.h"

namespace strada::hotline {

// Every view answers at most this many rows.
inline constexpr std::int32_t kSupervisionLimit = 500;

// A view's rows, and the instant they were read at (for followUpState).
struct SupervisionRows {
  std::vector<domain::Contact> rows;
  domain::UnixMillis now = 0;
};

// "due" or "overdue" for an open follow-up with a due time at `now`, else "".
std::string_view followUpState(const domain::Contact& contact, domain::UnixMillis now);

// Today's contacts (drafts too: the shift's work in progress), newest first. The day is the local
// day at `utc_offset_minutes` east of UTC (UTC without one); InvalidArgument naming
// "tz_offset_minutes" outside -840..840. `from` and `to` are the day's bounds in UTC.
struct TodayRows {
  SupervisionRows list;
  domain::UnixMillis from = 0;
  domain::UnixMillis to = 0;
};
[[nodiscard]] awaitable<Result<TodayRows>> supervisionToday(
    Context ctx, Actor actor, std::optional<std::int32_t> utc_offset_minutes);

// Open follow-ups (needed, not done), soonest due first.
[[nodiscard]] awaitable<Result<SupervisionRows>> openFollowUps(Context ctx, Actor actor);

// Drafts created more than `older_than_hours` ago (4 without one), oldest first.
// InvalidArgument naming "older_than_hours" outside 0..2160.
struct StaleDraftRows {
  SupervisionRows list;
  std::int32_t older_than_hours = 4;
};
[[nodiscard]] awaitable<Result<StaleDraftRows>> staleDrafts(
    Context ctx, Actor actor, std::optional<std::int32_t> older_than_hours);

// Marks the follow-up of contact `id` done (contact.follow_up_done). NotFound for an id of
// another organisation or of the wrong shape; Conflict when it needs none or was done already.
[[nodiscard]] awaitable<domain::Status> markFollowUpDone(Context ctx, Actor actor, std::string id);

}  // namespace strada::hotline
