#include "hotline/callers.h"

#include <map>
#include <utility>

#include "domain/codes.h"
#include "domain/ids.h"
#include "hotline/contact_records.h"
#include "hotline/use_case_steps.h"
#include "store/async.h"
#include "store/repositories.h"

namespace strada::hotline {
namespace {

constexpr std::int32_t kLookupContacts = 20;
// A flag lasts at most two years; then a supervisor decides again.
constexpr domain::UnixMillis kMaxFlagMs = 2LL * 366 * 24 * 60 * 60 * 1000;
constexpr std::size_t kCallerRefChars = 64;

// The blind index of `identifier` in the organisation `org_id`, its numbers read in the
// organisation's country.
awaitable<Result<std::string>> identifierIndex(Context ctx, std::string org_id,
                                               std::string identifier) {
  const auto bad = [] {
    return domain::invalidField("caller_identifier",
                                "Give a phone number or a handle of at most 100 characters.");
  };
  if (identifier.size() > domain::kMaxCallerIdentifierBytes) {
    co_return bad();
  }
  auto region = co_await organisationCountry(ctx, org_id);
  if (!region) {
    co_return tl::unexpected(region.error());
  }
  std::string index = callerIndex(ctx.vault, org_id, *region, identifier);
  if (index.empty()) {
    co_return bad();
  }
  co_return index;
}

// The blind index `caller` names: its caller_ref, or its identifier's index.
awaitable<Result<std::string>> namedIndex(Context ctx, std::string org_id, CallerName caller) {
  if (caller.identifier && caller.ref) {
    co_return domain::invalidField("caller_ref",
                                   "Name the caller once: give caller_identifier or caller_ref, "
                                   "not both.");
  }
  if (caller.ref) {
    if (!domain::isLowerHex(*caller.ref, kCallerRefChars)) {
      co_return domain::invalidField(
          "caller_ref", "This caller reference is not valid. Reload the list of flagged callers.");
    }
    co_return std::move(*caller.ref);
  }
  if (!caller.identifier) {
    co_return domain::invalidField(
        "caller_identifier",
        "Give the caller's number or handle, or a caller_ref from the list of flagged callers.");
  }
  co_return co_await identifierIndex(ctx, std::move(org_id), std::move(*caller.identifier));
}

Result<CallerLookup> readLookup(soci::session& sql, const std::string& org_id,
                                const std::string& index,
                                const std::optional<std::string>& drafts_only_of,
                                bool with_contacts, domain::UnixMillis now) {
  CallerLookup out;
  auto count = store::countContactsByCaller(sql, org_id, index, drafts_only_of);
  if (!count) {
    return tl::unexpected(count.error());
  }
  out.count = *count;
  if (with_contacts) {
    auto rows = store::findContactsByCaller(sql, org_id, index, kLookupContacts, drafts_only_of);
    if (!rows) {
      return tl::unexpected(rows.error());
    }
    for (auto& row : *rows) {
      out.contacts.push_back(std::move(row.contact));
    }
  }
  auto flags = store::listActiveCallerFlags(sql, org_id, index, now);
  if (!flags) {
    return tl::unexpected(flags.error());
  }
  out.flags = std::move(*flags);
  return out;
}

// One page of flagged callers with their authors' names (one read of the organisation's users
// per page).
Result<std::vector<FlaggedCallerItem>> readFlaggedCallers(soci::session& sql,
                                                          const store::FlaggedCallerQuery& q) {
  auto rows = store::listFlaggedCallers(sql, q);
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::map<std::string, std::string, std::less<>> names;
  if (!rows->empty()) {
    auto users = store::listOrganisationUsers(sql, q.org_id);
    if (!users) {
      return tl::unexpected(users.error());
    }
    for (const store::UserListing& u : *users) {
      names.emplace(u.id, u.name);
    }
  }
  std::vector<FlaggedCallerItem> out;
  out.reserve(rows->size());
  for (auto& row : *rows) {
    auto known = names.find(row.flag.created_by);
    std::optional<std::string> name;
    if (known != names.end()) {
      name = known->second;
    }
    out.push_back(FlaggedCallerItem{std::move(row), std::move(name)});
  }
  return out;
}

// The blind index of `identifier` in `who`'s organisation, for `who` holding `what`.
awaitable<Result<std::string>> indexFor(Context ctx, const policy::Principal& who,
                                        policy::Permission what, std::string identifier) {
  if (auto may = policy::require(who, what); !may) {
    co_return tl::unexpected(may.error());
  }
  co_return co_await identifierIndex(ctx, who.org_id, std::move(identifier));
}

}  // namespace

awaitable<Result<CallerLookup>> lookUpCaller(Context ctx, Actor actor, std::string identifier) {
  const policy::Principal& who = actor.principal;
  auto index =
      co_await indexFor(ctx, who, policy::Permission::kCallerLookup, std::move(identifier));
  if (!index) {
    co_return tl::unexpected(index.error());
  }
  // Earlier contacts are listed only for those who may see the contact list.
  auto job = [org = who.org_id, h = *index, drafts = policy::draftsVisibleOnlyOf(who),
              with_contacts = policy::allows(who, policy::Permission::kContactList),
              now = ctx.clock()](soci::session& sql) {
    return readLookup(sql, org, h, drafts, with_contacts, now);
  };
  auto found = co_await store::awaitRead<Result<CallerLookup>>(ctx.db, std::move(job));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  // The lookup is recorded before any of it is shown.
  auto entry = actor.entry(AuditAction::kCallerLookup, callerAuditId(*index));
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return std::move(*found);
}

awaitable<Result<store::CallerFlag>> flagCaller(Context ctx, Actor actor, std::string identifier,
                                                std::string flag, domain::UnixMillis expires_at) {
  const policy::Principal& who = actor.principal;
  auto index =
      co_await indexFor(ctx, who, policy::Permission::kCallerFlagWrite, std::move(identifier));
  if (!index) {
    co_return tl::unexpected(index.error());
  }
  if (!domain::findCodeList("caller_flag")->contains(flag)) {
    co_return domain::invalidField("flag", "Choose a flag from the list.");
  }
  const domain::UnixMillis now = ctx.clock();
  if (expires_at <= now || expires_at > now + kMaxFlagMs) {
    co_return domain::invalidField("expires_at",
                                   "The flag must expire in the future, within two years.");
  }
  store::CallerFlag f{who.org_id, *index, std::move(flag), expires_at, who.user_id, now};
  auto upsert = [f](store::WriteContext& w) { return store::upsertCallerFlag(w, f); };
  auto entry = actor.entry(AuditAction::kCallerFlag, callerAuditId(*index));
  if (auto written = co_await writeAudited(ctx, std::move(upsert), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return f;
}

awaitable<domain::Status> unflagCaller(Context ctx, Actor actor, CallerName caller,
                                       std::string flag) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kCallerFlagWrite); !may) {
    co_return tl::unexpected(may.error());
  }
  auto index = co_await namedIndex(ctx, who.org_id, std::move(caller));
  if (!index) {
    co_return tl::unexpected(index.error());
  }
  auto remove = [org = who.org_id, h = *index, fl = std::move(flag)](store::WriteContext& w) {
    return store::deleteCallerFlag(w, org, h, fl);
  };
  auto entry = actor.entry(AuditAction::kCallerUnflag, callerAuditId(*index));
  co_return co_await writeAudited(ctx, std::move(remove), std::move(entry));
}

awaitable<Result<FlaggedCallerPage>> listFlaggedCallers(
    Context ctx, Actor actor, std::optional<store::FlaggedCallerCursor> after, std::int32_t limit) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kCallerFlagWrite); !may) {
    co_return tl::unexpected(may.error());
  }
  // One row more than the page tells whether a next page exists.
  store::FlaggedCallerQuery query{who.org_id, ctx.clock(), std::move(after), limit + 1};
  auto job = [q = std::move(query)](soci::session& sql) { return readFlaggedCallers(sql, q); };
  auto rows =
      co_await store::awaitRead<Result<std::vector<FlaggedCallerItem>>>(ctx.db, std::move(job));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  FlaggedCallerPage page{std::move(*rows), false};
  page.more = cutToPage(page.items, static_cast<std::size_t>(limit));
  // Every view of the list is recorded before any of it leaves; the event names only how many
  // rows were shown.
  auto entry =
      actor.entry(AuditAction::kCallerFlagList, "rows:" + std::to_string(page.items.size()));
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return page;
}

}  // namespace strada::hotline
