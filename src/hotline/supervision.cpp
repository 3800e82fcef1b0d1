#include "hotline/supervision.h"

#include <utility>

#include "domain/ids.h"
#include "hotline/contact_records.h"
#include "hotline/use_case_steps.h"
#include "store/contact_queries.h"
#include "store/contact_stats.h"

namespace strada::hotline {
namespace {

constexpr std::int32_t kMaxUtcOffsetMinutes = 14 * 60;
constexpr std::int32_t kDefaultStaleHours = 4;
constexpr std::int32_t kMaxStaleHours = 24 * 90;

// Reads `rows` with `job` on a reader thread, and records the view ("view=today;rows=3;
// filters=tz_offset_minutes": its name, the row count and the names of the filters given) before
// the rows are returned.
template <class Job>
awaitable<Result<std::vector<domain::Contact>>> readView(Context& ctx, const Actor& actor,
                                                         std::string_view view,
                                                         std::string_view filter_names, Job job) {
  auto rows =
      co_await store::awaitRead<Result<std::vector<domain::Contact>>>(ctx.db, std::move(job));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  std::string object_id = "view=" + std::string(view) + ";rows=" + std::to_string(rows->size()) +
                          ";filters=" + std::string(filter_names);
  auto entry = actor.entry(AuditAction::kSupervisionRead, std::move(object_id));
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return std::move(*rows);
}

}  // namespace

std::string_view followUpState(const domain::Contact& c, domain::UnixMillis now) {
  if (!c.data.follow_up_needed || c.follow_up_done_at || !c.data.follow_up_due) {
    return {};
  }
  return *c.data.follow_up_due < now ? "overdue" : "due";
}

awaitable<Result<TodayRows>> supervisionToday(Context ctx, Actor actor,
                                              std::optional<std::int32_t> utc_offset_minutes) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kSupervisionRead); !may) {
    co_return tl::unexpected(may.error());
  }
  const std::int32_t offset = utc_offset_minutes.value_or(0);  // +60 in Amsterdam in winter
  if (offset < -kMaxUtcOffsetMinutes || offset > kMaxUtcOffsetMinutes) {
    co_return domain::invalidField("tz_offset_minutes",
                                   "Use an offset between -840 and 840 minutes.");
  }
  TodayRows today;
  today.list.now = ctx.clock();
  const domain::UnixMillis shift = static_cast<domain::UnixMillis>(offset) * 60000;
  // Local midnight, in UTC.
  today.from = store::dayOf(today.list.now + shift) * store::kMillisPerDay - shift;
  today.to = today.from + store::kMillisPerDay;
  store::ContactFilter f;
  f.org_id = who.org_id;
  f.status.clear();  // drafts too: the shift's work in progress
  f.from = today.from;
  f.to = today.to;
  f.limit = kSupervisionLimit;
  auto search = [f](soci::session& sql) { return store::searchContacts(sql, f); };
  auto rows = co_await readView(ctx, actor, "today", utc_offset_minutes ? "tz_offset_minutes" : "",
                                std::move(search));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  today.list.rows = std::move(*rows);
  co_return today;
}

awaitable<Result<SupervisionRows>> openFollowUps(Context ctx, Actor actor) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kSupervisionRead); !may) {
    co_return tl::unexpected(may.error());
  }
  SupervisionRows out;
  out.now = ctx.clock();
  auto list = [org = who.org_id](soci::session& sql) {
    return store::listOpenFollowUps(sql, org, kSupervisionLimit);
  };
  auto rows = co_await readView(ctx, actor, "follow-ups", "", std::move(list));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  out.rows = std::move(*rows);
  co_return out;
}

awaitable<Result<StaleDraftRows>> staleDrafts(Context ctx, Actor actor,
                                              std::optional<std::int32_t> older_than_hours) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kSupervisionRead); !may) {
    co_return tl::unexpected(may.error());
  }
  StaleDraftRows out;
  out.older_than_hours = older_than_hours.value_or(kDefaultStaleHours);
  if (out.older_than_hours < 0 || out.older_than_hours > kMaxStaleHours) {
    co_return domain::invalidField("older_than_hours", "Use a number of hours between 0 and 2160.");
  }
  out.list.now = ctx.clock();
  const domain::UnixMillis before =
      out.list.now - static_cast<domain::UnixMillis>(out.older_than_hours) * 3600000;
  auto list = [org = who.org_id, before](soci::session& sql) {
    return store::listStaleDrafts(sql, org, before, kSupervisionLimit);
  };
  auto rows = co_await readView(ctx, actor, "stale-drafts",
                                older_than_hours ? "older_than_hours" : "", std::move(list));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  out.list.rows = std::move(*rows);
  co_return out;
}

awaitable<domain::Status> markFollowUpDone(Context ctx, Actor actor, std::string id) {
  ChangeById how{policy::Permission::kSupervise, AuditAction::kContactFollowUpDone,
                 contactNotFound()};
  co_return co_await changeById(ctx, std::move(actor), std::move(how), std::move(id),
                                store::markFollowUpDone);
}

}  // namespace strada::hotline
