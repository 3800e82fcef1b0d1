// What is recorded on a case besides its state: consents and notes (the note's text sealed under
// the key of the case's client, opaque bytes here).
//
// Errors: Conflict for a consent withdrawn already; NotFound when a withdrawal names no consent
// of the case; Internal for anything else (the database's text in `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct ConsentRow {
  std::string id;
  std::string case_id;
  std::string kind;             // consent_kind
  std::string share_agency_id;  // kind "share": a directory agency, or ""
  std::string share_kind;       // kind "share": a share_with_kind code, or ""
  std::string given_as;         // consent_given_as
  std::string given_on;         // YYYY-MM-DD
  std::string scope;
  std::string expires_on;  // YYYY-MM-DD or ""
  std::string recorded_by;
  std::int64_t recorded_at = 0;
  std::string withdrawn_on;  // YYYY-MM-DD or ""
  std::string withdrawn_by;
  std::int64_t withdrawn_at = 0;
};

[[nodiscard]] domain::Status insertConsent(WriteContext& w, const ConsentRow& row);
// Newest first.
[[nodiscard]] domain::Result<std::vector<ConsentRow>> listConsents(soci::session& sql,
                                                                   const std::string& case_id);
// Marks the consent withdrawn on `on` by `by` at w.now(). NotFound when the case has no such
// consent; Conflict when it was withdrawn already.
[[nodiscard]] domain::Status withdrawConsent(WriteContext& w, const std::string& case_id,
                                             const std::string& consent_id, const std::string& on,
                                             const std::string& by);

struct NoteRow {
  std::string id;
  std::string case_id;
  std::string author;
  std::int64_t created_at = 0;
  std::string text_sealed;  // opaque bytes
};
[[nodiscard]] domain::Status insertNote(WriteContext& w, const NoteRow& row);
// Whether listNotes reads the sealed text: the timeline needs only who wrote a note, and when.
enum class NoteText { kSealed, kLeftOut };
// Newest first; with NoteText::kLeftOut, text_sealed stays empty.
[[nodiscard]] domain::Result<std::vector<NoteRow>> listNotes(soci::session& sql,
                                                             const std::string& case_id,
                                                             NoteText text = NoteText::kSealed);

struct ServiceRow {
  std::string id;
  std::string case_id;
  std::string type;                    // service_type
  std::string provider_agency_id;      // "" for the own organisation
  std::string started_on;              // YYYY-MM-DD
  std::string ended_on;                // YYYY-MM-DD or ""
  std::int32_t duration_minutes = -1;  // -1 when not given
  std::int32_t amount = -1;            // -1 when not given (whole units of the local currency)
  std::string outcome;                 // service_outcome or ""
  std::string recorded_by;
  std::int64_t recorded_at = 0;
};
[[nodiscard]] domain::Status insertService(WriteContext& w, const ServiceRow& row);
// Newest start first.
[[nodiscard]] domain::Result<std::vector<ServiceRow>> listServices(soci::session& sql,
                                                                   const std::string& case_id);

struct TaskRow {
  std::string id;
  std::string case_id;
  std::string kind;          // task_kind or ""
  std::string title_sealed;  // opaque bytes
  std::string due_on;        // YYYY-MM-DD
  std::string assigned_to;
  bool done = false;
  std::string done_by;  // "" while open
  std::int64_t done_at = 0;
  std::int64_t version = 0;
  std::string created_by;
  std::int64_t created_at = 0;
};
[[nodiscard]] domain::Status insertTask(WriteContext& w, const TaskRow& row);
// The case's tasks, soonest due first.
[[nodiscard]] domain::Result<std::vector<TaskRow>> listTasks(soci::session& sql,
                                                             const std::string& case_id);
// The open tasks of `user_id` on the cases of organisation `org_id`, soonest due first.
[[nodiscard]] domain::Result<std::vector<TaskRow>> listOpenTasksOf(soci::session& sql,
                                                                   const std::string& org_id,
                                                                   const std::string& user_id);
// Writes the task `r` (title, due day, owner, done and by whom) over the stored one when its
// version is `expected_version`; the version goes up by one. NotFound when the case has no such
// task; Conflict on "version" when the version is stale.
[[nodiscard]] domain::Status updateTask(WriteContext& w, const TaskRow& r,
                                        std::int64_t expected_version);

}  // namespace strada::store
