// Trainings given to partner professionals in the store (issue 11, section 3; migration 0034).
// The free text arrives and leaves sealed (opaque bytes): sealing and opening live above the
// store. Participants are counts per audience, never names.
//
// Errors: Conflict for a duplicate id or a stale version; NotFound when a change names no
// training of the organisation; Internal for anything else (the database's text in `detail`).
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

struct TrainingAudience {
  std::string audience;  // a code of training_audience
  std::int32_t participants = 0;
};

struct TrainingRow {
  std::string id;
  std::string org_id;
  std::string status;                       // "draft" or "held"
  std::string start_date;                   // "YYYY-MM-DD"
  std::string end_date;                     // "YYYY-MM-DD" or ""
  std::vector<TrainingAudience> audiences;  // in training_audience list order
  std::vector<std::string> topics;
  std::vector<std::string> agencies;  // directory agency ids of the organisation
  std::vector<std::string> trainers;  // user ids of the organisation's staff
  std::int32_t score_tenths = 0;      // 10..50; 0 when not evaluated
  std::string text_sealed;            // opaque bytes (the sealed JSON text)
  std::int64_t updated_at = 0;
  std::string updated_by;
  std::int32_t version = 1;
};

// Inserts the training (with its version, 1 for a new one) and its audiences.
[[nodiscard]] domain::Status insertTraining(WriteContext& w, const TrainingRow& row);

// Replaces every field and the audiences of the training (id, org_id) if its stored version is
// `expected_version`; the stored version becomes expected_version + 1. Conflict when stale.
[[nodiscard]] domain::Status updateTraining(WriteContext& w, const TrainingRow& row,
                                            std::int32_t expected_version);

// Deletes the training (id, org_id) and its audiences if its version is `expected_version`.
[[nodiscard]] domain::Status deleteTraining(WriteContext& w, const std::string& org_id,
                                            const std::string& id, std::int32_t expected_version);

// By id, any organisation (the caller checks the organisation); with its audiences.
[[nodiscard]] domain::Result<std::optional<TrainingRow>> findTraining(soci::session& sql,
                                                                      const std::string& id);

struct TrainingCursor {
  std::string start_date;
  std::string id;
};

struct TrainingQuery {
  std::string org_id;
  std::int32_t year = 0;                // 0 for any
  std::string audience;                 // a training with participants of this audience; "" for any
  std::string topic;                    // a training of this topic; "" for any
  std::optional<TrainingCursor> after;  // keyset: rows strictly after this one
  std::int32_t limit = 50;
};

// Newest first (start_date, then id, descending), with their audiences.
[[nodiscard]] domain::Result<std::vector<TrainingRow>> listTrainings(soci::session& sql,
                                                                     const TrainingQuery& query);

// The held trainings of one year and audience: how many courses had participants of the audience,
// and how many participants they had. audience "" is the year's total: every held course, and
// every participant.
struct TrainingCount {
  std::int32_t year = 0;
  std::string audience;
  std::int64_t courses = 0;
  std::int64_t participants = 0;
};

// The held trainings of the organisation whose first day is in [first_date, last_date]
// ("YYYY-MM-DD"), by year and audience (the totals first for each year), years ascending.
[[nodiscard]] domain::Result<std::vector<TrainingCount>> countHeldTrainings(
    soci::session& sql, const std::string& org_id, const std::string& first_date,
    const std::string& last_date);

}  // namespace strada::store
