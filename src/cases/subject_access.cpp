#include "cases/subject_access.h"

#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "hotline/use_case_steps.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

// Keeps a part read into `out`, or the first error in `failed`.
template <class T>
void take(Result<T> read, T& out, std::optional<domain::Error>& failed) {
  if (!read) {
    failed = failed ? failed : read.error();
    return;
  }
  out = std::move(*read);
}

// Every part of the case, each read (and audited) by the reader its screen uses. Every part is
// read even after a failure (the first error is answered): no short-circuit across co_await.
awaitable<Result<CaseRecord>> readCaseRecord(Context ctx, Actor reader, std::string id) {
  CaseRecord r;
  std::optional<domain::Error> failed;
  take(co_await readCase(ctx, reader, id), r.kase, failed);
  take(co_await listConsents(ctx, reader, id), r.consents, failed);
  take(co_await readIdentification(ctx, reader, id), r.identification, failed);
  take(co_await readNeeds(ctx, reader, id), r.needs, failed);
  take(co_await readPlan(ctx, reader, id), r.plan, failed);
  take(co_await listServices(ctx, reader, id), r.services, failed);
  take(co_await listNotes(ctx, reader, id), r.notes, failed);
  take(co_await listTasks(ctx, reader, id), r.tasks, failed);
  take(co_await listProceedings(ctx, reader, id), r.proceedings, failed);
  take(co_await listFollowUps(ctx, reader, id), r.follow_ups, failed);
  take(co_await listDocuments(ctx, reader, id), r.documents, failed);
  take(co_await caseTimeline(ctx, reader, id), r.timeline, failed);
  for (const AttachedDocument& d : r.documents.items) {
    if (d.readable && d.row.withdrawn_at == 0) {
      DocumentContent content;
      take(co_await downloadDocument(ctx, reader, documentRef(id, d.row.id)), content, failed);
      r.document_files.emplace(d.row.id, std::move(content));
    }
  }
  if (failed) {
    co_return tl::unexpected(*failed);
  }
  co_return r;
}

}  // namespace

awaitable<Result<SubjectAccess>> exportSubjectAccess(Context ctx, Actor actor,
                                                     std::string client_id) {
  auto loaded = co_await allowedClient(ctx, actor, client_id, policy::Permission::kClientExport,
                                       CaseUse::kExist);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (loaded->row.client.erased_at != 0 || loaded->row.wrapped_key.empty()) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "This person was erased: nothing of them can be opened or exported "
                           "any more.",
                           "id");
  }
  // The reach of a supervisor of the exporter's own organisation, for this export only.
  Actor reader = actor;
  reader.principal.roles = {domain::Role::kSupervisor};
  SubjectAccess out;
  auto client = co_await readClient(ctx, reader, client_id);
  if (!client) {
    co_return tl::unexpected(client.error());
  }
  out.client = std::move(*client);
  if (loaded->kase) {
    auto record = co_await readCaseRecord(ctx, reader, loaded->kase->id);
    if (!record) {
      co_return tl::unexpected(record.error());
    }
    out.kase = std::move(*record);
  }
  for (const MergedRef& merged : out.client.merges.merged_from) {
    if (merged.case_id) {
      auto record = co_await readCaseRecord(ctx, reader, *merged.case_id);
      if (!record) {
        co_return tl::unexpected(record.error());
      }
      out.merged_cases.emplace_back(merged.client_code, std::move(*record));
    }
  }
  out.exported_at = ctx.clock();
  audit::AuditEntry entry = actor.entry(audit::AuditAction::kClientSubjectAccess, client_id);
  if (auto audited = co_await hotline::recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return out;
}

}  // namespace strada::cases
