// Use cases of the trainings an organisation gives to partner professionals (issue 11, section
// 3; docs/trainings.md): list them, open one, record one, change one (optimistic version), delete
// one, and their figures per year by audience.
//
// A training holds no person: participants are counts per audience, trainers are staff user ids
// or names of external trainers. Its free text (place, external trainers, evaluation summary) is
// sealed at rest as one JSON text (vault field kTrainingText), as every free-text field is.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "store/training_repository.h"

namespace strada::trainings {

// The same Context and Actor as the hotline's use cases (hotline/context.h).
using boost::asio::awaitable;
using domain::Result;
using hotline::Actor;
using hotline::Context;

// What a person records; the store's row without its bookkeeping, the free text in clear.
struct TrainingInput {
  std::string status = "draft";  // "draft" or "held"
  std::string date;              // first day, YYYY-MM-DD
  std::string end_date;          // last day, YYYY-MM-DD or "" (one day)
  std::string place;             // free text, not personal
  std::vector<store::TrainingAudience> audiences;
  std::vector<std::string> topics;             // training_topic codes
  std::vector<std::string> agencies;           // directory agency ids of the organisation
  std::vector<std::string> trainers;           // user ids of the organisation's staff
  std::vector<std::string> external_trainers;  // names of trainers from outside (free text)
  std::int32_t score_tenths = 0;               // average evaluation, 10..50; 0: none
  std::string evaluation_summary;              // free text
};

struct Training {
  std::string id;
  TrainingInput data;
  domain::UnixMillis updated_at = 0;
  std::string updated_by;
  std::int32_t version = 1;
};

// One page of the list, newest first. `more`: a next page starts after items.back().
struct TrainingPage {
  std::vector<Training> items;
  bool more = false;
};

// The actor's organisation's trainings matching `query` (its org_id is the actor's), at most
// query.limit (1 to 200). InvalidArgument naming "year", "audience", "topic" or "limit".
[[nodiscard]] awaitable<Result<TrainingPage>> listTrainings(Context ctx, Actor actor,
                                                            store::TrainingQuery query);

// The training `id`; NotFound ("No such training.") for another organisation's and for an id of
// the wrong shape.
[[nodiscard]] awaitable<Result<Training>> readTraining(Context ctx, Actor actor, std::string id);

// Validates `input` (InvalidArgument naming the field: an agency or a trainer that is not the
// organisation's names "agencies[i]" / "trainers[i]") and stores it (version 1) with its
// training.create event.
[[nodiscard]] awaitable<Result<Training>> createTraining(Context ctx, Actor actor,
                                                         TrainingInput input);

// Replaces the training's fields if its version is still `expected_version` (Conflict naming
// "version" otherwise), with a training.update event. NotFound as readTraining.
[[nodiscard]] awaitable<Result<Training>> updateTraining(Context ctx, Actor actor, std::string id,
                                                         TrainingInput input,
                                                         std::int32_t expected_version);

// Deletes the training if its version is still `expected_version`, with a training.delete event.
[[nodiscard]] awaitable<domain::Status> deleteTraining(Context ctx, Actor actor, std::string id,
                                                       std::int32_t expected_version);

// The held trainings of the years from `from` to `to` (2000..2999, at most 50 years; from <=
// to; InvalidArgument naming "from" or "to"), by year and audience: every year of the range, a
// total row (audience "") then every audience code of training_audience, zero included.
[[nodiscard]] awaitable<Result<std::vector<store::TrainingCount>>> trainingFigures(
    Context ctx, Actor actor, std::int32_t from, std::int32_t to);

}  // namespace strada::trainings
