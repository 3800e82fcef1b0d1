// Trainings given to partner professionals (issue 11, section 3; docs/trainings.md): the list,
// one training, record, change (optimistic version), delete (the version in the query), and the
// figures per year by audience. Each route decodes, calls its use case in trainings/trainings.h,
// and encodes.
#include "trainings/trainings.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "api/json_input.h"
#include "api/keyset.h"
#include "api/routes.h"
#include "domain/ids.h"

namespace strada::api {
namespace {

using domain::Result;

constexpr std::size_t kIdLength = domain::kIdChars;
constexpr std::size_t kMaxAudiences = 20;
constexpr std::size_t kMaxListItems = 50;
constexpr std::size_t kCodeChars = 64;

// The members a POST and a PUT share, in the order they are checked.
void readTrainingFields(JsonFields& in, trainings::TrainingInput& t) {
  in.required("date", t.date, 10);
  in.optional("end_date", t.end_date, 10);
  in.optional("status", t.status, kCodeChars);
  in.optional("place", t.place, 200);
  for (JsonFields& a : in.objects("audiences", kMaxAudiences)) {
    store::TrainingAudience audience;
    a.required("audience", audience.audience, kCodeChars);
    a.integer("participants", audience.participants, 1, 100000);
    t.audiences.push_back(std::move(audience));
  }
  in.list("topics", t.topics, kMaxListItems, kCodeChars);
  in.list("agencies", t.agencies, kMaxListItems, kCodeChars);
  in.list("trainers", t.trainers, kMaxListItems, kCodeChars);
  in.list("external_trainers", t.external_trainers, 20, 200);
  in.tenths("evaluation_score", t.score_tenths, 1, 5);
  in.optional("evaluation_summary", t.evaluation_summary, 4000);
}

// POST: the training's fields; PUT: the same and the "version" they change.
Result<trainings::TrainingInput> decodeTraining(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  trainings::TrainingInput t;
  readTrainingFields(in, t);
  if (version != nullptr) {
    in.version(*version);
  }
  return in.finish(std::move(t));
}

Result<trainings::TrainingInput> decodeNewTraining(std::string_view body) {
  return decodeTraining(body, nullptr);
}

// A whole number in [min, max] from a query parameter, else InvalidArgument naming `key`.
Result<std::int32_t> queryNumber(std::string_view key, std::string_view value, std::int32_t min,
                                 std::int32_t max, std::string_view message) {
  std::int32_t n = 0;
  const auto* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (value.empty() || ec != std::errc() || ptr != end || n < min || n > max) {
    return domain::invalidField(std::string(key), std::string(message));
  }
  return n;
}

// DELETE /api/v1/trainings/{id}?version=N.
// GET /api/v1/trainings/figures?from=YYYY&to=YYYY.
Arguments<std::int32_t, std::int32_t> decodeFiguresQuery(const http::Request& req) {
  std::optional<std::int32_t> from, to;
  for (const auto& [key, value] : req.query) {
    if (key != "from" && key != "to") {
      return unknownParam(key);
    }
    auto n = queryNumber(key, value, 2000, 2999, "Give a year from 2000 to 2999.");
    if (!n) {
      return tl::unexpected(n.error());
    }
    (key == "from" ? from : to) = *n;
  }
  if (!from) {
    return domain::invalidField("from", "Give the first year.");
  }
  return std::tuple(*from, to.value_or(*from));
}

std::string scoreText(std::int32_t tenths) {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

// {"id","status","date","end_date","place","audiences":[{"audience","participants"}],
//  "participants","topics","agencies","trainers","external_trainers","evaluation_score" (number
//  or null),"evaluation_summary","updated_at","updated_by","version"}
boost::json::object encodeTraining(const trainings::Training& t) {
  const trainings::TrainingInput& d = t.data;
  boost::json::array audiences;
  std::int64_t participants = 0;
  for (const auto& a : d.audiences) {
    audiences.push_back(
        boost::json::object{{"audience", a.audience}, {"participants", a.participants}});
    participants += a.participants;
  }
  boost::json::value score = nullptr;
  if (d.score_tenths != 0) {
    score = std::stod(scoreText(d.score_tenths));
  }
  return boost::json::object{{"id", t.id},
                             {"status", d.status},
                             {"date", d.date},
                             {"end_date", d.end_date},
                             {"place", d.place},
                             {"audiences", std::move(audiences)},
                             {"participants", participants},
                             {"topics", boost::json::array(d.topics.begin(), d.topics.end())},
                             {"agencies", boost::json::array(d.agencies.begin(), d.agencies.end())},
                             {"trainers", boost::json::array(d.trainers.begin(), d.trainers.end())},
                             {"external_trainers", boost::json::array(d.external_trainers.begin(),
                                                                      d.external_trainers.end())},
                             {"evaluation_score", score},
                             {"evaluation_summary", d.evaluation_summary},
                             {"updated_at", domain::formatRfc3339(t.updated_at)},
                             {"updated_by", t.updated_by},
                             {"version", t.version}};
}

// The cursor's key: "<id><date>" (the id is 32 characters).
std::string encodeCursor(const trainings::Training& last) {
  return encodeCursorKey(last.id + last.data.date);
}

Result<store::TrainingCursor> decodeCursor(std::string_view text) {
  auto raw = decodeCursorKey(text);
  if (!raw) {
    return tl::unexpected(raw.error());
  }
  if (raw->size() < kIdLength || !domain::isIdShaped(std::string_view(*raw).substr(0, kIdLength))) {
    return invalidCursor();
  }
  return store::TrainingCursor{raw->substr(kIdLength), raw->substr(0, kIdLength)};
}

// The filters as given: the use case checks them.
Result<store::TrainingQuery> decodeListQuery(const http::Request& req) {
  store::TrainingQuery q;
  q.limit = kDefaultPageSize;
  for (const auto& [key, value] : req.query) {
    if (key == "year") {
      auto n = queryNumber("year", value, 2000, 2999, "Give a year from 2000 to 2999.");
      if (!n) {
        return tl::unexpected(n.error());
      }
      q.year = *n;
    } else if (key == "audience") {
      q.audience = value;
    } else if (key == "topic") {
      q.topic = value;
    } else if (auto s = applyPageParam(key, value, q.limit, q.after, decodeCursor); !s) {
      return tl::unexpected(s.error());
    }
  }
  return q;
}

boost::json::object encodeTrainingPage(const trainings::TrainingPage& page) {
  return keysetPageBody(page.items, page.more, encodeTraining, encodeCursor);
}

http::Response trainingCreated(const trainings::Training& t) {
  return created(encodeTraining(t), "/api/v1/trainings/" + t.id);
}

// {"years": [{"year", "courses", "participants", "by_audience": [{"audience", "courses",
//  "participants"}]}]}: every year of the range and every audience, zero included.
boost::json::object encodeFigures(const std::vector<store::TrainingCount>& counts) {
  boost::json::array years;
  for (const auto& c : counts) {
    if (c.audience.empty()) {
      years.push_back(boost::json::object{{"year", c.year},
                                          {"courses", c.courses},
                                          {"participants", c.participants},
                                          {"by_audience", boost::json::array()}});
    } else if (!years.empty()) {
      years.back().as_object()["by_audience"].as_array().push_back(boost::json::object{
          {"audience", c.audience}, {"courses", c.courses}, {"participants", c.participants}});
    }
  }
  return boost::json::object{{"years", std::move(years)}};
}

}  // namespace

void registerTrainingRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/trainings", Permission::kTrainingsRead, decodeListQuery,
               trainings::listTrainings, encodeTrainingPage);
  routes.route("POST", "/api/v1/trainings", Permission::kTrainingsManage, bodyOf<decodeNewTraining>,
               trainings::createTraining, trainingCreated);
  routes.route("GET", "/api/v1/trainings/figures", Permission::kTrainingsRead, decodeFiguresQuery,
               trainings::trainingFigures, encodeFigures);
  routes.route("GET", "/api/v1/trainings/{id}", Permission::kTrainingsRead, idParam,
               trainings::readTraining, encodeTraining);
  routes.route("PUT", "/api/v1/trainings/{id}", Permission::kTrainingsManage,
               versionedChange<decodeTraining>, trainings::updateTraining, encodeTraining);
  routes.route("DELETE", "/api/v1/trainings/{id}", Permission::kTrainingsManage, idAndVersionQuery,
               trainings::deleteTraining);
}

}  // namespace strada::api
