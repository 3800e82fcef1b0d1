// Notes and the timeline of a case (case_entries.h).
#include <algorithm>
#include <chrono>
#include <utility>

#include "cases/case_entries.h"
#include "cases/case_records.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "domain/client.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/case_proceeding_repository.h"
#include "store/case_repository.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxNoteChars = 20000;

struct CaseRecords {
  std::vector<store::NoteRow> notes;
  std::vector<store::ConsentRow> consents;
  std::vector<store::CaseHistoryEntry> history;
  std::vector<store::CaseContactLink> contacts;
  std::vector<store::ServiceRow> services;
  std::vector<store::TaskRow> tasks;
  std::vector<store::ProceedingRow> proceedings;
  std::vector<store::FollowUpRow> follow_ups;
  std::map<std::string, std::string> names;
};

Result<CaseRecords> readRecords(soci::session& sql, const std::string& org_id,
                                const std::string& case_id, bool everything) {
  CaseRecords r;
  // The timeline (everything) shows who wrote a note and when, never its text.
  auto notes = store::listNotes(sql, case_id,
                                everything ? store::NoteText::kLeftOut : store::NoteText::kSealed);
  auto names = userNames(sql, org_id);
  if (!notes || !names) {
    return tl::unexpected(!notes ? notes.error() : names.error());
  }
  r.notes = std::move(*notes);
  r.names = std::move(*names);
  if (everything) {
    auto consents = store::listConsents(sql, case_id);
    auto history = store::listCaseHistory(sql, case_id);
    auto contacts = store::listCaseContacts(sql, case_id);
    if (!consents || !history || !contacts) {
      return tl::unexpected(!consents  ? consents.error()
                            : !history ? history.error()
                                       : contacts.error());
    }
    r.consents = std::move(*consents);
    r.history = std::move(*history);
    r.contacts = std::move(*contacts);
    auto services = store::listServices(sql, case_id);
    auto tasks = store::listTasks(sql, case_id);
    if (!services || !tasks) {
      return tl::unexpected(!services ? services.error() : tasks.error());
    }
    r.services = std::move(*services);
    r.tasks = std::move(*tasks);
    // Court proceedings and follow-ups (case_proceedings.h, case_follow_ups.h).
    if (auto read = store::listProceedings(sql, case_id); read) {
      r.proceedings = std::move(*read);
    } else {
      return tl::unexpected(read.error());
    }
    if (auto read = store::listFollowUps(sql, case_id); read) {
      r.follow_ups = std::move(*read);
    } else {
      return tl::unexpected(read.error());
    }
  }
  return r;
}

// What is recorded on the case `case_id` (everything, or its notes alone), when the actor may read
// it as `use` says; the read is recorded as `action` on the case before any of it is returned.
struct ReadRecords {
  LoadedCase loaded;
  CaseRecords records;
};
awaitable<Result<ReadRecords>> auditedRecords(Context ctx, const Actor& actor, std::string case_id,
                                              CaseUse use, AuditAction action, bool everything) {
  auto loaded =
      co_await allowedCase(ctx, actor, std::move(case_id), policy::Permission::kCaseRead, use);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  auto job = [org_id = loaded->kase.org_id, case_id = loaded->kase.id, everything](
                 soci::session& sql) { return readRecords(sql, org_id, case_id, everything); };
  auto records = co_await store::awaitRead<Result<CaseRecords>>(ctx.db, std::move(job));
  if (!records) {
    co_return tl::unexpected(records.error());
  }
  audit::AuditEntry entry = actor.entry(action, loaded->kase.id);
  if (auto s = co_await hotline::recordAudit(ctx, std::move(entry)); !s) {
    co_return tl::unexpected(s.error());
  }
  co_return ReadRecords{std::move(*loaded), std::move(*records)};
}

std::vector<TimelineEntry> timelineOf(CaseRecords r) {
  std::vector<TimelineEntry> out;
  const auto add = [&](domain::UnixMillis at, std::string kind, const std::string& by,
                       std::string ref, std::string summary) {
    out.push_back({at, std::move(kind), by, r.names[by], std::move(ref), std::move(summary)});
  };
  for (const auto& h : r.history) {
    // A document's change (identification, needs, plan_*) keeps its code in `reason`.
    const bool stage = h.from_status != h.to_status || h.kind.starts_with("status") ||
                       h.kind.starts_with("closure");
    add(h.at, h.kind == "closure_approve" ? "status_change" : h.kind, h.by_user, "",
        h.kind == "assignment" ? "" : (stage ? h.to_status : h.reason));
  }
  for (const auto& c : r.consents) {
    add(c.recorded_at, "consent", c.recorded_by, c.id, c.kind);
    if (!c.withdrawn_on.empty()) {
      add(c.withdrawn_at, "consent_withdrawal", c.withdrawn_by, c.id, c.kind);
    }
  }
  for (const auto& n : r.notes) {
    add(n.created_at, "note", n.author, n.id, "");
  }
  for (const auto& s : r.services) {
    add(s.recorded_at, "service", s.recorded_by, s.id, s.type);
  }
  for (const auto& t : r.tasks) {  // the kind only: the title is sealed
    add(t.created_at, "task", t.created_by, t.id, t.kind);
    if (t.done) {
      add(t.done_at, "task_done", t.done_by, t.id, t.kind);
    }
  }
  for (const auto& l : r.contacts) {
    add(l.linked_at, "contact_link", l.linked_by, l.contact_id, "");
  }
  for (const auto& p : r.proceedings) {  // codes only: the court and the notes are sealed
    add(p.created_at, "proceeding", p.created_by, p.id, p.kind);
    for (const auto& h : p.hearings) {
      auto day = domain::parseCalendarDate(h.held_on, "held_on");
      const auto at =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::days(day.value_or(0)));
      add(day ? at.count() : p.created_at, "hearing", p.updated_by, p.id, h.kind);
    }
  }
  for (const auto& f : r.follow_ups) {  // the closure's outcomes are on its closure_request
    if (f.kind == "follow_up") {
      add(f.recorded_at, "follow_up", f.recorded_by, f.id, "");
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
  return out;
}

}  // namespace

awaitable<Result<std::vector<Note>>> listNotes(Context ctx, Actor actor, std::string case_id) {
  auto read = co_await auditedRecords(ctx, actor, std::move(case_id), CaseUse::kWork,
                                      AuditAction::kCaseNoteList, false);
  if (!read) {
    co_return tl::unexpected(read.error());
  }
  const store::ClientRow& client = read->loaded.client;
  std::optional<vault::PersonKey> key;
  if (!client.wrapped_key.empty()) {
    auto opened = ctx.vault.openPersonKey(client.client.id, client.wrapped_key);
    if (!opened) {
      co_return tl::unexpected(opened.error());
    }
    key.emplace(std::move(*opened));
  }
  std::vector<Note> notes;
  for (const auto& n : read->records.notes) {
    Note note{n.id, std::nullopt, n.author, read->records.names[n.author], n.created_at};
    if (key) {
      auto text = ctx.vault.open(*key, {vault::SealedField::kCaseNote, n.id}, n.text_sealed);
      if (!text) {
        co_return tl::unexpected(text.error());
      }
      note.text = std::move(*text);
    }
    notes.push_back(std::move(note));
  }
  co_return notes;
}

namespace {

// A note with `text` on the loaded case, once the caller has checked who may write it.
awaitable<Result<Note>> noteOn(Context ctx, Actor actor, LoadedCase loaded, std::string text) {
  if (!isTextWithin(text, kMaxNoteChars)) {
    co_return domain::invalidField("text", "Write the note in 1 to 20000 characters.");
  }
  if (loaded.client.wrapped_key.empty()) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "This person's data was erased: no note can be added.", "text");
  }
  auto key = ctx.vault.openPersonKey(loaded.client.client.id, loaded.client.wrapped_key);
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  const domain::UnixMillis now = ctx.clock();
  store::NoteRow row{crypto::newId(), loaded.kase.id, actor.principal.user_id, now, ""};
  row.text_sealed = ctx.vault.seal(*key, {vault::SealedField::kCaseNote, row.id}, text);
  Note note{row.id, std::move(text), row.author, "", now};
  if (auto s = co_await insertOnCase(ctx, actor, AuditAction::kCaseNoteCreate, loaded.kase.id,
                                     store::insertNote, std::move(row));
      !s) {
    co_return tl::unexpected(s.error());
  }
  co_return note;
}

}  // namespace

awaitable<Result<Note>> addNote(Context ctx, Actor actor, std::string case_id, std::string text) {
  auto loaded = co_await allowedCase(ctx, actor, std::move(case_id),
                                     policy::Permission::kCaseUpdate, CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  co_return co_await noteOn(std::move(ctx), std::move(actor), std::move(*loaded), std::move(text));
}

awaitable<Result<Note>> writeNote(Context ctx, Actor actor, std::string case_id, std::string text) {
  auto loaded = co_await loadCase(ctx, actor.principal, std::move(case_id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  co_return co_await noteOn(std::move(ctx), std::move(actor), std::move(*loaded), std::move(text));
}

awaitable<Result<std::vector<TimelineEntry>>> caseTimeline(Context ctx, Actor actor,
                                                           std::string case_id) {
  auto read = co_await auditedRecords(ctx, actor, std::move(case_id), CaseUse::kSee,
                                      AuditAction::kCaseTimelineRead, true);
  if (!read) {
    co_return tl::unexpected(read.error());
  }
  co_return timelineOf(std::move(read->records));
}

}  // namespace strada::cases
