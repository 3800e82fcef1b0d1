// The steps most use cases share: reading the one record a key names, writing a change together
// with its audit event, and recording a read before any of it is shown.
//
// GCC 12 (store/async.h) miscompiles temporaries created in the same full-expression as a
// co_await (bitwise copies: bad frees of small strings). Build every argument that holds a
// string (a lookup or job lambda, an audit entry, an error) as a named local, then pass it with
// std::move.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/ids.h"
#include "hotline/context.h"
#include "store/async.h"

namespace strada::hotline {

// The row type a lookup `Result<std::optional<Row>>(soci::session&)` finds.
template <class Lookup>
using FoundRow = typename std::invoke_result_t<Lookup&, soci::session&>::value_type::value_type;

// Runs `lookup` on a reader thread: the row it finds, `missing` when it finds none, or the
// read's own error.
template <class Lookup>
awaitable<Result<FoundRow<Lookup>>> readOne(Context ctx, Lookup lookup, domain::Error missing) {
  auto found =
      co_await store::awaitRead<Result<std::optional<FoundRow<Lookup>>>>(ctx.db, std::move(lookup));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  if (!found->has_value()) {
    co_return tl::unexpected(std::move(missing));
  }
  co_return std::move(**found);
}

// Runs `change` (a `domain::Status(store::WriteContext&)` job) and appends `entry` to the audit
// trail in the same transaction: both are durable, or neither is.
template <class Change>
awaitable<domain::Status> writeAudited(Context ctx, Change change, audit::AuditEntry entry) {
  store::WriteJob job = [change = std::move(change),
                         entry = std::move(entry)](store::WriteContext& w) -> domain::Status {
    if (auto changed = change(w); !changed) {
      return changed;
    }
    return w.audit(entry);
  };
  co_return co_await store::awaitWrite(ctx.db, std::move(job));
}

// What a use case that changes one record by its id states: the permission it needs, the audit
// action it records on the id, and its answer for an id that cannot name a record.
struct ChangeById {
  policy::Permission permission;
  AuditAction action;
  domain::Error missing;
};

// The use cases that change one record of the actor's organisation and answer nothing: the actor
// must hold `how.permission`, an id not shaped as one is `how.missing`, and then
// `change(w, org_id, id)` (a `domain::Status`, such as a store function) runs with the audit
// event `how.action` on `id`.
template <class Change>
awaitable<domain::Status> changeById(Context ctx, Actor actor, ChangeById how, std::string id,
                                     Change change) {
  if (auto may = policy::require(actor.principal, how.permission); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(std::move(how.missing));
  }
  auto job = [change = std::move(change), org_id = actor.principal.org_id,
              id](store::WriteContext& w) { return change(w, org_id, id); };
  auto entry = actor.entry(how.action, id);
  co_return co_await writeAudited(ctx, std::move(job), std::move(entry));
}

// Cuts `rows`, read with one row more than `page_size` asks for, to the page: true when a next
// page exists (the extra row came back).
template <class Row>
bool cutToPage(std::vector<Row>& rows, std::size_t page_size) {
  if (rows.size() <= page_size) {
    return false;
  }
  rows.resize(page_size);
  return !rows.empty();
}

// Appends `entry` alone, in its own transaction: a read is recorded, and durable, before any of
// it is shown.
awaitable<domain::Status> recordAudit(Context ctx, audit::AuditEntry entry);

}  // namespace strada::hotline
