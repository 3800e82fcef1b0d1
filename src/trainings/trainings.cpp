#include "trainings/trainings.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>
#include <utility>

#include "crypto/crypto.h"
#include "domain/client.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "hotline/use_case_steps.h"
#include "store/agency_repository.h"
#include "store/user_repository.h"

namespace strada::trainings {

using audit::AuditAction;
using hotline::ChangeById;
using hotline::cutToPage;

namespace {

constexpr std::int32_t kMaxPageSize = 200;
constexpr std::int32_t kMaxFigureYears = 50;

domain::Error trainingNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such training.", "", ""};
}

const domain::CodeList& audienceCodes() {
  static const domain::CodeList* list = domain::findCodeList("training_audience");
  return *list;
}

const domain::CodeList& topicCodes() {
  static const domain::CodeList* list = domain::findCodeList("training_topic");
  return *list;
}

std::size_t audienceOrder(const std::string& code) {
  const auto& codes = audienceCodes().codes;
  return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin());
}

std::string indexed(std::string_view key, std::size_t i) {
  return std::string(key) + "[" + std::to_string(i) + "]";
}

// Every check that needs no store; the audiences come back in list order.
domain::Status validateInput(TrainingInput& in) {
  if (in.status != "draft" && in.status != "held") {
    return domain::invalidField("status", "Choose draft or held.");
  }
  auto first = domain::parseCalendarDate(in.date, "date");
  if (!first) {
    return tl::unexpected(first.error());
  }
  if (in.date < "2000-01-01" || in.date > "2999-12-31") {
    return domain::invalidField("date", "Give a date from the year 2000 on.");
  }
  if (!in.end_date.empty()) {
    auto last = domain::parseCalendarDate(in.end_date, "end_date");
    if (!last) {
      return tl::unexpected(last.error());
    }
    if (*last < *first) {
      return domain::invalidField("end_date", "The last day cannot come before the first.");
    }
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < in.audiences.size(); ++i) {
    const auto& a = in.audiences[i];
    if (!audienceCodes().contains(a.audience)) {
      return domain::invalidField(indexed("audiences", i) + ".audience",
                                  "Choose the audience from the list.");
    }
    if (!seen.insert(a.audience).second) {
      return domain::invalidField(indexed("audiences", i) + ".audience",
                                  "Give each audience once, with all its participants.");
    }
  }
  if (in.status == "held" && in.audiences.empty()) {
    return domain::invalidField("audiences",
                                "A held training has at least one audience with its participants.");
  }
  std::sort(in.audiences.begin(), in.audiences.end(),
            [](const store::TrainingAudience& a, const store::TrainingAudience& b) {
              return audienceOrder(a.audience) < audienceOrder(b.audience);
            });
  seen.clear();
  for (std::size_t i = 0; i < in.topics.size(); ++i) {
    if (!topicCodes().contains(in.topics[i]) || !seen.insert(in.topics[i]).second) {
      return domain::invalidField(indexed("topics", i), "Choose each topic once, from the list.");
    }
  }
  for (const auto& [key, ids] :
       {std::pair<std::string_view, const std::vector<std::string>*>{"agencies", &in.agencies},
        {"trainers", &in.trainers}}) {
    seen.clear();
    for (std::size_t i = 0; i < ids->size(); ++i) {
      if (!domain::isIdShaped((*ids)[i]) || !seen.insert((*ids)[i]).second) {
        return domain::invalidField(indexed(key, i), key == "agencies"
                                                         ? "Choose each agency once, from the "
                                                           "directory."
                                                         : "Choose each trainer once, from the "
                                                           "staff.");
      }
    }
  }
  for (std::size_t i = 0; i < in.external_trainers.size(); ++i) {
    if (in.external_trainers[i].empty()) {
      return domain::invalidField(indexed("external_trainers", i), "Give the trainer's name.");
    }
  }
  if (in.score_tenths != 0 && (in.score_tenths < 10 || in.score_tenths > 50)) {
    return domain::invalidField("evaluation_score", "Give an average score from 1 to 5.");
  }
  return {};
}

// The agencies are the organisation's directory's, the trainers its staff (no partner account).
awaitable<domain::Status> checkReferences(Context ctx, std::string org_id,
                                          std::vector<std::string> agencies,
                                          std::vector<std::string> trainers) {
  auto check = [org_id = std::move(org_id), agencies = std::move(agencies),
                trainers = std::move(trainers)](soci::session& sql) -> domain::Status {
    for (std::size_t i = 0; i < agencies.size(); ++i) {
      auto found = store::findAgency(sql, agencies[i]);
      if (!found) {
        return tl::unexpected(found.error());
      }
      if (!found->has_value() || (*found)->agency.org_id != org_id) {
        return domain::invalidField(indexed("agencies", i),
                                    "This agency is not in your organisation's directory.");
      }
    }
    for (std::size_t i = 0; i < trainers.size(); ++i) {
      auto found = store::findUserById(sql, trainers[i]);
      if (!found) {
        return tl::unexpected(found.error());
      }
      if (!found->has_value() || (*found)->org_id != org_id || !(*found)->agency_id.empty()) {
        return domain::invalidField(indexed("trainers", i),
                                    "This trainer is not one of your organisation's staff.");
      }
    }
    return {};
  };
  co_return co_await store::awaitRead<domain::Status>(ctx.db, std::move(check));
}

// The free text, sealed together as one JSON object.
std::string sealText(const vault::Vault& vault, const std::string& id, const TrainingInput& in) {
  boost::json::object text{{"place", in.place},
                           {"external_trainers", boost::json::array(in.external_trainers.begin(),
                                                                    in.external_trainers.end())},
                           {"evaluation_summary", in.evaluation_summary}};
  return vault.seal({vault::SealedField::kTrainingText, id}, boost::json::serialize(text));
}

// The training as its reader sees it: the row with its text opened.
Result<Training> openTraining(const vault::Vault& vault, const store::TrainingRow& row) {
  Training t;
  t.id = row.id;
  t.updated_at = row.updated_at;
  t.updated_by = row.updated_by;
  t.version = row.version;
  TrainingInput& d = t.data;
  d.status = row.status;
  d.date = row.start_date;
  d.end_date = row.end_date;
  d.audiences = row.audiences;
  d.topics = row.topics;
  d.agencies = row.agencies;
  d.trainers = row.trainers;
  d.score_tenths = row.score_tenths;
  if (row.text_sealed.empty()) {
    return t;
  }
  auto opened = vault.open({vault::SealedField::kTrainingText, row.id}, row.text_sealed);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  boost::system::error_code ec;
  boost::json::value text = boost::json::parse(*opened, ec);
  if (ec || !text.is_object()) {
    return domain::internalError("training text is not a JSON object");
  }
  const auto& o = text.as_object();
  if (const auto* v = o.if_contains("place"); v != nullptr && v->is_string()) {
    d.place = std::string(v->as_string());
  }
  if (const auto* v = o.if_contains("evaluation_summary"); v != nullptr && v->is_string()) {
    d.evaluation_summary = std::string(v->as_string());
  }
  if (const auto* v = o.if_contains("external_trainers"); v != nullptr && v->is_array()) {
    for (const auto& name : v->as_array()) {
      if (name.is_string()) {
        d.external_trainers.emplace_back(name.as_string());
      }
    }
  }
  return t;
}

store::TrainingRow rowOf(const vault::Vault& vault, const Training& t, const std::string& org_id) {
  store::TrainingRow row;
  row.id = t.id;
  row.org_id = org_id;
  row.status = t.data.status;
  row.start_date = t.data.date;
  row.end_date = t.data.end_date;
  row.audiences = t.data.audiences;
  row.topics = t.data.topics;
  row.agencies = t.data.agencies;
  row.trainers = t.data.trainers;
  row.score_tenths = t.data.score_tenths;
  row.text_sealed = sealText(vault, t.id, t.data);
  row.updated_at = t.updated_at;
  row.updated_by = t.updated_by;
  row.version = t.version;
  return row;
}

// The training `id` of `who`'s organisation; trainingNotFound() otherwise.
awaitable<Result<store::TrainingRow>> findOwnTraining(Context ctx, const policy::Principal& who,
                                                      std::string id) {
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(trainingNotFound());
  }
  auto lookup = [id = std::move(id)](soci::session& sql) { return store::findTraining(sql, id); };
  domain::Error missing = trainingNotFound();
  auto found = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (found && !policy::requireSameOrganisation(who, found->org_id)) {
    co_return tl::unexpected(trainingNotFound());
  }
  co_return found;
}

// Validation with the store's checks: the input as it is stored.
awaitable<domain::Status> checkInput(Context ctx, const policy::Principal& who,
                                     TrainingInput& input) {
  if (auto valid = validateInput(input); !valid) {
    co_return valid;
  }
  std::string org_id = who.org_id;
  std::vector<std::string> agencies = input.agencies;
  std::vector<std::string> trainers = input.trainers;
  co_return co_await checkReferences(ctx, std::move(org_id), std::move(agencies),
                                     std::move(trainers));
}

}  // namespace

awaitable<Result<TrainingPage>> listTrainings(Context ctx, Actor actor,
                                              store::TrainingQuery query) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kTrainingsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (query.year != 0 && (query.year < 2000 || query.year > 2999)) {
    co_return domain::invalidField("year", "Give a year from 2000 to 2999.");
  }
  if (!query.audience.empty() && !audienceCodes().contains(query.audience)) {
    co_return domain::invalidField("audience", "Choose the audience from the list.");
  }
  if (!query.topic.empty() && !topicCodes().contains(query.topic)) {
    co_return domain::invalidField("topic", "Choose the topic from the list.");
  }
  if (query.limit < 1 || query.limit > kMaxPageSize) {
    co_return domain::invalidField("limit", "Use a page size between 1 and 200.");
  }
  query.org_id = who.org_id;
  const auto page = static_cast<std::size_t>(query.limit);
  query.limit += 1;  // the row after the page tells whether there is a next one
  auto list = [q = std::move(query)](soci::session& sql) { return store::listTrainings(sql, q); };
  auto rows =
      co_await store::awaitRead<Result<std::vector<store::TrainingRow>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  TrainingPage out;
  out.more = cutToPage(*rows, page);
  out.items.reserve(rows->size());
  for (const auto& row : *rows) {
    auto opened = openTraining(ctx.vault, row);
    if (!opened) {
      co_return tl::unexpected(opened.error());
    }
    out.items.push_back(std::move(*opened));
  }
  co_return out;
}

awaitable<Result<Training>> readTraining(Context ctx, Actor actor, std::string id) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kTrainingsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  auto found = co_await findOwnTraining(ctx, who, std::move(id));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  co_return openTraining(ctx.vault, *found);
}

awaitable<Result<Training>> createTraining(Context ctx, Actor actor, TrainingInput input) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kTrainingsManage); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = co_await checkInput(ctx, who, input); !valid) {
    co_return tl::unexpected(valid.error());
  }
  Training t;
  t.id = crypto::newId();
  t.data = std::move(input);
  t.updated_at = ctx.clock();
  t.updated_by = who.user_id;
  t.version = 1;
  auto insert = [row = rowOf(ctx.vault, t, who.org_id)](store::WriteContext& w) {
    return store::insertTraining(w, row);
  };
  auto entry = actor.entry(AuditAction::kTrainingCreate, t.id);
  if (auto written = co_await writeAudited(ctx, std::move(insert), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return t;
}

awaitable<Result<Training>> updateTraining(Context ctx, Actor actor, std::string id,
                                           TrainingInput input, std::int32_t expected_version) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kTrainingsManage); !may) {
    co_return tl::unexpected(may.error());
  }
  auto found = co_await findOwnTraining(ctx, who, id);
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  if (auto valid = co_await checkInput(ctx, who, input); !valid) {
    co_return tl::unexpected(valid.error());
  }
  Training t;
  t.id = id;
  t.data = std::move(input);
  t.updated_at = ctx.clock();
  t.updated_by = who.user_id;
  t.version = expected_version + 1;
  auto update = [row = rowOf(ctx.vault, t, who.org_id), expected_version](store::WriteContext& w) {
    return store::updateTraining(w, row, expected_version);
  };
  auto entry = actor.entry(AuditAction::kTrainingUpdate, id);
  if (auto written = co_await writeAudited(ctx, std::move(update), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return t;
}

awaitable<domain::Status> deleteTraining(Context ctx, Actor actor, std::string id,
                                         std::int32_t expected_version) {
  auto remove = [expected_version](store::WriteContext& w, const std::string& org_id,
                                   const std::string& training_id) {
    return store::deleteTraining(w, org_id, training_id, expected_version);
  };
  ChangeById how{policy::Permission::kTrainingsManage, AuditAction::kTrainingDelete,
                 trainingNotFound()};
  co_return co_await changeById(ctx, std::move(actor), std::move(how), std::move(id),
                                std::move(remove));
}

awaitable<Result<std::vector<store::TrainingCount>>> trainingFigures(Context ctx, Actor actor,
                                                                     std::int32_t from,
                                                                     std::int32_t to) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kTrainingsRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (from < 2000 || from > 2999) {
    co_return domain::invalidField("from", "Give a year from 2000 to 2999.");
  }
  if (to < from || to > 2999 || to - from >= kMaxFigureYears) {
    co_return domain::invalidField("to", "Give a year from the first one on, at most 50 years.");
  }
  auto count = [org_id = who.org_id, from, to](soci::session& sql) {
    return store::countHeldTrainings(sql, org_id, std::to_string(from) + "-01-01",
                                     std::to_string(to) + "-12-31");
  };
  auto counted = co_await store::awaitRead<Result<std::vector<store::TrainingCount>>>(
      ctx.db, std::move(count));
  if (!counted) {
    co_return tl::unexpected(counted.error());
  }
  // Every year and audience, zero included.
  std::vector<store::TrainingCount> out;
  for (std::int32_t year = from; year <= to; ++year) {
    const auto cell = [&](const std::string& audience) {
      for (const auto& c : *counted) {
        if (c.year == year && c.audience == audience) {
          return c;
        }
      }
      return store::TrainingCount{year, audience, 0, 0};
    };
    out.push_back(cell(""));
    for (std::string_view code : audienceCodes().codes) {
      out.push_back(cell(std::string(code)));
    }
  }
  co_return out;
}

}  // namespace strada::trainings
