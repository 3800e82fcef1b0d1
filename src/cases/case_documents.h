// The step the use cases of a case's documents share (identification, needs and plan: each read
// and written whole, with a version): reading one with its entries, the person's key for its
// sealed text, and writing a change with its entries, a timeline entry and its audit event in one
// job. case_assessments.cpp and case_plan.cpp are built on it.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "cases/case_records.h"
#include "cases/context.h"
#include "crypto/crypto.h"
#include "hotline/use_case_steps.h"
#include "store/case_assessment_repository.h"
#include "store/case_repository.h"
#include "vault/vault.h"

namespace strada::cases {

// Who changed a document last, and the version a change must name (0: never written).
struct DocumentMeta {
  std::int32_t version = 0;
  domain::UnixMillis updated_at = 0;
  std::string updated_by;
  std::map<std::string, std::string> names;  // user id -> name, for every user the view names
};

// A document as read: its head (version 0 and nothing else when never written), its entries,
// and the names of the organisation's users.
template <class Entries>
struct CaseDocument {
  store::CaseDocumentHead head;
  Entries entries;
  std::map<std::string, std::string> names;

  [[nodiscard]] DocumentMeta meta() const {
    return {head.version, head.updated_at, head.updated_by, names};
  }
};

// The entries type a reader `Result<Entries>(soci::session&, const std::string& case_id)` gives.
template <class Read>
using EntriesOf =
    typename std::invoke_result_t<Read&, soci::session&, const std::string&>::value_type;

// Reads the document `kind` of case `case_id` of organisation `org_id`, its entries
// (`read(sql, case_id)`) and the organisation's user names, on a reader thread. No policy, no
// audit: the caller's.
template <class Read>
boost::asio::awaitable<domain::Result<CaseDocument<EntriesOf<Read>>>> readCaseDocument(
    Context ctx, std::string org_id, std::string case_id, std::string kind, Read read) {
  using Document = CaseDocument<EntriesOf<Read>>;
  auto job = [org_id = std::move(org_id), case_id = std::move(case_id), kind = std::move(kind),
              read = std::move(read)](soci::session& sql) -> domain::Result<Document> {
    auto head = store::findDocumentHead(sql, case_id, kind);
    auto entries = read(sql, case_id);
    auto names = userNames(sql, org_id);
    if (!head || !entries || !names) {
      return tl::unexpected(!head ? head.error() : !entries ? entries.error() : names.error());
    }
    Document doc{head->value_or(store::CaseDocumentHead{case_id, kind, "", "", "", 0, 0}),
                 std::move(*entries), std::move(*names)};
    return doc;
  };
  co_return co_await store::awaitRead<domain::Result<Document>>(ctx.db, std::move(job));
}

// The case `case_id` as a document's reader may have it: kCaseRead and requireCaseVisible, with
// how much of it they see (a data officer: codes only).
struct ReadableCase {
  LoadedCase loaded;
  policy::CaseAccess access = policy::CaseAccess::kNone;
};
[[nodiscard]] boost::asio::awaitable<domain::Result<ReadableCase>> readableCase(
    Context ctx, const Actor& actor, std::string case_id);

// The case `case_id` as a document's writer needs it: kCaseUpdate and requireCaseWorkable.
[[nodiscard]] boost::asio::awaitable<domain::Result<LoadedCase>> workableCase(Context ctx,
                                                                              const Actor& actor,
                                                                              std::string case_id);

// The key to open the sealed text of `loaded`'s client when `access` is full and the person is not
// erased; nothing otherwise (the text is then not shown).
[[nodiscard]] domain::Result<std::optional<vault::PersonKey>> openingKey(const Context& ctx,
                                                                         const LoadedCase& loaded,
                                                                         policy::CaseAccess access);

// The key to seal text of `loaded`'s client: Conflict (on `field`) when the person was erased.
[[nodiscard]] domain::Result<vault::PersonKey> sealingKey(const Context& ctx,
                                                          const LoadedCase& loaded,
                                                          const std::string& field);

// Opens `sealed` (empty: no text) for `target` with `key`; "" without a key.
[[nodiscard]] domain::Result<std::string> openText(const Context& ctx,
                                                   const std::optional<vault::PersonKey>& key,
                                                   vault::SealTarget target,
                                                   const std::string& sealed);

// A document's read: readableCase, then `view(ctx, readable)` (an awaitable<Result<View>>), then
// the read recorded as `action` on the case before the view is returned.
template <class View, class MakeView>
boost::asio::awaitable<domain::Result<View>> auditedRead(Context ctx, Actor actor,
                                                         std::string case_id,
                                                         audit::AuditAction action, MakeView view) {
  auto readable = co_await readableCase(ctx, actor, std::move(case_id));
  if (!readable) {
    co_return tl::unexpected(readable.error());
  }
  const std::string id = readable->loaded.kase.id;
  auto made = co_await view(ctx, std::move(*readable));
  if (!made) {
    co_return made;
  }
  auto entry = actor.entry(action, id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return made;
}

// What a change to one of a case's documents records beside its entries.
struct DocumentChange {
  std::string kind;  // store::kIdentificationDocument, kNeedsDocument, kPlanDocument
  std::int32_t expected_version = 0;
  std::string assessed_by;       // identification: a user id
  std::string assessed_on;       // identification, needs
  audit::AuditAction action{};   // the audit event, on the case
  std::string timeline_kind;     // the timeline entry's kind (case_status_history.kind)
  std::string timeline_summary;  // a code, never personal data
};

// Writes `change` to the document of `kase` (version expected_version + 1, Conflict on
// "version" when stale), then `entries(w)` (a domain::Status(store::WriteContext&) that replaces
// its entries), a timeline entry and the audit event: all in one job, durable together or not at
// all.
template <class Entries>
boost::asio::awaitable<domain::Status> writeCaseDocument(Context ctx, const Actor& actor,
                                                         const domain::Case& kase,
                                                         DocumentChange change, Entries entries) {
  if (change.expected_version == std::numeric_limits<std::int32_t>::max()) {
    co_return domain::fail(domain::ErrorCode::kConflict, "This record cannot be changed any more.",
                           "version");
  }
  const domain::UnixMillis now = ctx.clock();
  store::CaseDocumentHead head{kase.id,
                               change.kind,
                               change.assessed_by,
                               change.assessed_on,
                               actor.principal.user_id,
                               now,
                               change.expected_version + 1};
  store::CaseHistoryEntry history{crypto::newId(),
                                  kase.id,
                                  kase.status,
                                  kase.status,
                                  change.timeline_kind,
                                  now,
                                  actor.principal.user_id,
                                  change.timeline_summary};
  auto job = [head = std::move(head), expected = change.expected_version,
              history = std::move(history),
              entries = std::move(entries)](store::WriteContext& w) -> domain::Status {
    if (auto s = store::writeDocumentHead(w, head, expected); !s) {
      return s;
    }
    if (auto s = entries(w); !s) {
      return s;
    }
    return store::insertCaseHistory(w, history);
  };
  auto entry = actor.entry(change.action, kase.id);
  co_return co_await hotline::writeAudited(ctx, std::move(job), std::move(entry));
}

}  // namespace strada::cases
