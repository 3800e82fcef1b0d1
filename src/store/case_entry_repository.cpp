#include "store/case_entry_repository.h"

#include <soci/soci.h>

#include "store/case_stats_facts.h"
#include "store/guarded.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using domain::ErrorCode;

domain::Status insertConsent(WriteContext& w, const ConsentRow& r) {
  return guarded("insert consent", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_consents",
                      "id, case_id, kind, share_agency_id, share_kind, given_as, given_on, scope, "
                      "expires_on, recorded_by, recorded_at",
                      r.id, r.case_id, r.kind, r.share_agency_id, r.share_kind, r.given_as,
                      r.given_on, r.scope, r.expires_on, r.recorded_by, r.recorded_at);
    return refreshCaseStats(w, r.case_id);
  });
}

domain::Result<std::vector<ConsentRow>> listConsents(soci::session& sql,
                                                     const std::string& case_id) {
  return guarded("list consents", [&]() -> domain::Result<std::vector<ConsentRow>> {
    ConsentRow r;
    long long recorded_at = 0, withdrawn_at = 0;
    soci::statement st(sql);
    detail::intoEach(st, r.id, r.kind, r.share_agency_id, r.share_kind, r.given_as, r.given_on,
                     r.scope, r.expires_on, r.recorded_by, r.withdrawn_on, r.withdrawn_by,
                     recorded_at, withdrawn_at);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(
        st,
        "SELECT id, kind, share_agency_id, share_kind, given_as, given_on, scope, expires_on, "
        "recorded_by, withdrawn_on, withdrawn_by, recorded_at, withdrawn_at FROM "
        "case_consents WHERE case_id = :c ORDER BY recorded_at DESC, id DESC");
    return detail::collectRows(st, [&] {
      r.case_id = case_id;
      r.recorded_at = recorded_at;
      r.withdrawn_at = withdrawn_at;
      return r;
    });
  });
}

domain::Status withdrawConsent(WriteContext& w, const std::string& case_id,
                               const std::string& consent_id, const std::string& on,
                               const std::string& by) {
  return guarded("withdraw consent", [&]() -> domain::Status {
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM case_consents WHERE id = :id AND case_id = :c", soci::into(n),
        soci::use(consent_id), soci::use(case_id);
    if (n == 0) {
      return domain::fail(ErrorCode::kNotFound, "No such record.");
    }
    const long long at = w.now();
    soci::statement st(w.sql());
    detail::useEach(st, on, by, at, consent_id);
    if (auto changed = detail::runOnOneRow(
            st,
            "UPDATE case_consents SET withdrawn_on = :o, withdrawn_by = :b, "
            "withdrawn_at = :at WHERE id = :id AND withdrawn_on = ''",
            {ErrorCode::kConflict, "This consent was withdrawn already.", "consent_id"});
        !changed) {
      return changed;
    }
    // A withdrawal takes effect at once: the figures drop the person in this transaction.
    return refreshCaseStats(w, case_id);
  });
}

domain::Status insertNote(WriteContext& w, const NoteRow& r) {
  return guarded("insert note", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_notes", "id, case_id, author, created_at, text_sealed", r.id,
                      r.case_id, r.author, r.created_at, detail::toHex(r.text_sealed));
    return {};
  });
}

domain::Result<std::vector<NoteRow>> listNotes(soci::session& sql, const std::string& case_id,
                                               NoteText text) {
  return guarded("list notes", [&]() -> domain::Result<std::vector<NoteRow>> {
    NoteRow r;
    std::string hex;
    long long at = 0;
    // The busiest cases have hundreds of notes: their sealed text is most of the bytes read.
    const std::string text_column = text == NoteText::kSealed ? "text_sealed" : "''";
    soci::statement st =
        (sql.prepare << "SELECT id, author, created_at, " + text_column +
                            " FROM case_notes WHERE case_id = :c ORDER BY created_at DESC, id DESC",
         soci::into(r.id), soci::into(r.author), soci::into(at), soci::into(hex),
         soci::use(case_id));
    st.execute();
    return detail::collectCheckedRows(st, [&]() -> domain::Result<NoteRow> {
      auto sealed = detail::fromHex(hex);
      if (!sealed) {
        return domain::internalError("case_notes.text_sealed is not hex");
      }
      r.case_id = case_id;
      r.created_at = at;
      r.text_sealed = std::move(*sealed);
      return r;
    });
  });
}

domain::Status insertService(WriteContext& w, const ServiceRow& r) {
  return guarded("insert service", [&]() -> domain::Status {
    detail::insertRow(w.sql(), "case_services",
                      "id, case_id, type, provider_agency_id, started_on, ended_on, "
                      "duration_minutes, amount, outcome, recorded_by, recorded_at",
                      r.id, r.case_id, r.type, r.provider_agency_id, r.started_on, r.ended_on,
                      r.duration_minutes, r.amount, r.outcome, r.recorded_by, r.recorded_at);
    return countCaseService(w, r.case_id, r.type, r.started_on);
  });
}

domain::Result<std::vector<ServiceRow>> listServices(soci::session& sql,
                                                     const std::string& case_id) {
  return guarded("list services", [&]() -> domain::Result<std::vector<ServiceRow>> {
    ServiceRow r;
    int minutes = 0, amount = 0;
    long long at = 0;
    soci::statement st(sql);
    detail::intoEach(st, r.id, r.type, r.provider_agency_id, r.started_on, r.ended_on, r.outcome,
                     r.recorded_by, minutes, amount, at);
    st.exchange(soci::use(case_id));
    detail::prepareAndExecute(
        st,
        "SELECT id, type, provider_agency_id, started_on, ended_on, outcome, recorded_by, "
        "duration_minutes, amount, recorded_at FROM case_services WHERE case_id = :c ORDER BY "
        "started_on DESC, recorded_at DESC, id DESC");
    return detail::collectRows(st, [&] {
      r.case_id = case_id;
      r.duration_minutes = minutes;
      r.amount = amount;
      r.recorded_at = at;
      return r;
    });
  });
}

domain::Status insertTask(WriteContext& w, const TaskRow& r) {
  return guarded("insert task", [&]() -> domain::Status {
    detail::insertRow(
        w.sql(), "case_tasks",
        "id, case_id, kind, title_sealed, due_on, assigned_to, created_by, created_at", r.id,
        r.case_id, r.kind, detail::toHex(r.title_sealed), r.due_on, r.assigned_to, r.created_by,
        r.created_at);
    return {};
  });
}

namespace {

constexpr const char* kTaskColumns =
    "t.id, t.case_id, t.kind, t.title_sealed, t.due_on, t.assigned_to, t.done_by, t.created_by, "
    "t.done, t.done_at, t.version, t.created_at FROM case_tasks t ";

// The tasks `where` selects (its placeholders bound to `params`, in order), soonest due first.
template <class... Params>
domain::Result<std::vector<TaskRow>> selectTasks(soci::session& sql, const std::string& where,
                                                 const Params&... params) {
  return guarded("list tasks", [&]() -> domain::Result<std::vector<TaskRow>> {
    TaskRow r;
    std::string hex;
    int done = 0;
    long long done_at = 0, version = 0, created_at = 0;
    soci::statement st(sql);
    detail::intoEach(st, r.id, r.case_id, r.kind, hex, r.due_on, r.assigned_to, r.done_by,
                     r.created_by, done, done_at, version, created_at);
    detail::useEach(st, params...);
    detail::prepareAndExecute(st, std::string("SELECT ") + kTaskColumns + where +
                                      " ORDER BY t.due_on, t.created_at, t.id");
    return detail::collectCheckedRows(st, [&]() -> domain::Result<TaskRow> {
      auto sealed = detail::fromHex(hex);
      if (!sealed) {
        return domain::internalError("case_tasks.title_sealed is not hex");
      }
      r.title_sealed = std::move(*sealed);
      r.done = done != 0;
      r.done_at = done_at;
      r.version = version;
      r.created_at = created_at;
      return r;
    });
  });
}

}  // namespace

domain::Result<std::vector<TaskRow>> listTasks(soci::session& sql, const std::string& case_id) {
  return selectTasks(sql, "WHERE t.case_id = :c", case_id);
}

domain::Result<std::vector<TaskRow>> listOpenTasksOf(soci::session& sql, const std::string& org_id,
                                                     const std::string& user_id) {
  return selectTasks(sql,
                     "JOIN cases c ON c.id = t.case_id WHERE c.org_id = :a AND t.assigned_to = :b "
                     "AND t.done = 0",
                     org_id, user_id);
}

domain::Status updateTask(WriteContext& w, const TaskRow& r, std::int64_t expected_version) {
  return guarded("update task", [&]() -> domain::Status {
    long long n = 0;
    w.sql() << "SELECT COUNT(*) FROM case_tasks WHERE id = :id AND case_id = :c", soci::into(n),
        soci::use(r.id), soci::use(r.case_id);
    if (n == 0) {
      return domain::fail(ErrorCode::kNotFound, "No such record.");
    }
    const std::string title_hex = detail::toHex(r.title_sealed);
    const int flag = r.done ? 1 : 0;
    const long long at = r.done_at;
    const long long expected = expected_version;
    soci::statement st(w.sql());
    detail::useEach(st, title_hex, r.due_on, r.assigned_to, flag, r.done_by, at, r.id, expected);
    return detail::runOnOneRow(
        st,
        "UPDATE case_tasks SET title_sealed = :t, due_on = :d, assigned_to = :a, done = :f, "
        "done_by = :b, done_at = :at, version = version + 1 WHERE id = :id AND version = :v",
        {ErrorCode::kConflict,
         "Someone changed this task since you opened it: reload it and try again.", "version"});
  });
}

}  // namespace strada::store
