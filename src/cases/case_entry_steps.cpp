// The use cases of entries recorded on a case, for every kind (case_entries.h).
#include "cases/case_entry_steps.h"

#include <utility>

#include "cases/case_attachments.h"
#include "cases/case_proceedings.h"
#include "cases/case_tasks.h"
#include "crypto/crypto.h"
#include "store/async.h"

namespace strada::cases {

using boost::asio::awaitable;
using domain::Result;

// The case's entries of `Kind`. Not in an anonymous namespace: its frame holds a lambda, which
// must have linkage in the frames of the templates below.
template <class Kind>
awaitable<Result<EntryList<Kind>>> readEntries(Context ctx, std::string org_id,
                                               std::string case_id) {
  auto job = [org_id, case_id](soci::session& sql) -> Result<EntryList<Kind>> {
    auto rows = Kind::kKind.list(sql, case_id);
    auto names = userNames(sql, org_id);
    if (!rows || !names) {
      return tl::unexpected(!rows ? rows.error() : names.error());
    }
    return EntryList<Kind>{std::move(*rows), std::move(*names), ""};
  };
  auto list = co_await store::awaitRead<Result<EntryList<Kind>>>(ctx.db, std::move(job));
  if (list) {
    list->today = calendarDate(ctx.clock());
  }
  co_return list;
}

template <class Kind>
awaitable<Result<EntryList<Kind>>> listEntries(Context ctx, Actor actor, std::string case_id) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead,
                                     CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  co_return co_await readEntries<Kind>(ctx, loaded->kase.org_id, loaded->kase.id);
}

template <class Kind>
awaitable<Result<EntryList<Kind>>> writeEntry(Context ctx, const Actor& actor,
                                              const LoadedCase& loaded, store::WriteJob change,
                                              audit::AuditAction action, std::string entry_id) {
  audit::AuditEntry entry = actor.entry(action, loaded.kase.id);
  if (auto s = co_await hotline::writeAudited(ctx, std::move(change), std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  auto list = co_await readEntries<Kind>(ctx, loaded.kase.org_id, loaded.kase.id);
  if (!list) {
    co_return tl::unexpected(list.error());
  }
  if (auto kept = keepOnly(list->rows, entry_id, Kind::kKind.name); !kept) {
    co_return tl::unexpected(kept.error());
  }
  co_return list;
}

template <class Kind>
awaitable<Result<EntryList<Kind>>> recordEntry(Context ctx, Actor actor, std::string case_id,
                                               typename Kind::Input input) {
  const EntryKind<Kind>& kind = Kind::kKind;
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = kind.validate(input, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  if (auto ok = co_await checkAgency(ctx, loaded->kase.org_id, input.*kind.agency_id,
                                     std::string(kind.agency_field));
      !ok) {
    co_return tl::unexpected(ok.error());
  }
  const std::string id = crypto::newId();
  auto row = kind.row(std::move(input), id, loaded->kase.id, actor.principal.user_id, now);
  store::WriteJob insert = [insert = kind.insert, row = std::move(row)](store::WriteContext& w) {
    return insert(w, row);
  };
  co_return co_await writeEntry<Kind>(ctx, actor, *loaded, std::move(insert), kind.created, id);
}

template awaitable<Result<ConsentList>> listEntries<Consents>(Context, Actor, std::string);
template awaitable<Result<ConsentList>> recordEntry<Consents>(Context, Actor, std::string,
                                                              ConsentInput);
template awaitable<Result<ConsentList>> writeEntry<Consents>(Context, const Actor&,
                                                             const LoadedCase&, store::WriteJob,
                                                             audit::AuditAction, std::string);
template awaitable<Result<ServiceList>> listEntries<Services>(Context, Actor, std::string);
template awaitable<Result<ServiceList>> recordEntry<Services>(Context, Actor, std::string,
                                                              ServiceInput);

template awaitable<Result<EntryList<Tasks>>> readEntries<Tasks>(Context, std::string, std::string);
template awaitable<Result<EntryList<Tasks>>> writeEntry<Tasks>(Context, const Actor&,
                                                               const LoadedCase&, store::WriteJob,
                                                               audit::AuditAction, std::string);
template awaitable<Result<EntryList<Proceedings>>> readEntries<Proceedings>(Context, std::string,
                                                                            std::string);
template awaitable<Result<EntryList<Proceedings>>> writeEntry<Proceedings>(
    Context, const Actor&, const LoadedCase&, store::WriteJob, audit::AuditAction, std::string);

template awaitable<Result<EntryList<Attachments>>> readEntries<Attachments>(Context, std::string,
                                                                            std::string);
template awaitable<Result<EntryList<Attachments>>> writeEntry<Attachments>(
    Context, const Actor&, const LoadedCase&, store::WriteJob, audit::AuditAction, std::string);

}  // namespace strada::cases
