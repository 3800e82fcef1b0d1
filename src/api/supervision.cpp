// The supervisor's views (today, open follow-ups, stale drafts) and the follow-up "done" mark:
// each route decodes, calls its use case in hotline/supervision.h, and encodes.
#include "hotline/supervision.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/contact_list_query.h"
#include "api/contact_list_routes.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

using domain::Result;

// {"items": [contact + "follow_up_state" when one is open]}
boost::json::object encodeRows(const hotline::SupervisionRows& list) {
  return itemsBody(list.rows, [&list](const domain::Contact& c) {
    boost::json::object o = encodeContact(c, false);
    if (auto state = hotline::followUpState(c, list.now); !state.empty()) {
      o["follow_up_state"] = state;
    }
    return o;
  });
}

// GET /api/v1/supervision/today: the reader's offset from UTC, if given.
Result<std::optional<std::int32_t>> decodeTodayQuery(const http::Request& req) {
  if (auto s = onlyParams(req, {"tz_offset_minutes"}); !s) {
    return tl::unexpected(s.error());
  }
  return optionalWholeParam(req, "tz_offset_minutes",
                            "Use an offset between -840 and 840 minutes.");
}

boost::json::object encodeToday(const hotline::TodayRows& today) {
  boost::json::object body = encodeRows(today.list);
  body["from"] = domain::formatRfc3339(today.from);
  body["to"] = domain::formatRfc3339(today.to);
  return body;
}

// GET /api/v1/supervision/stale-drafts: the age that makes a draft stale, if given.
Result<std::optional<std::int32_t>> decodeStaleQuery(const http::Request& req) {
  if (auto s = onlyParams(req, {"older_than_hours"}); !s) {
    return tl::unexpected(s.error());
  }
  return optionalWholeParam(req, "older_than_hours", "Use a number of hours between 0 and 2160.");
}

boost::json::object encodeStale(const hotline::StaleDraftRows& stale) {
  boost::json::object body = encodeRows(stale.list);
  body["older_than_hours"] = stale.older_than_hours;
  return body;
}

}  // namespace

void registerSupervisionRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/contacts/{id}/follow-up-done", Permission::kSupervise, idParam,
               hotline::markFollowUpDone);
  routes.route("GET", "/api/v1/supervision/today", Permission::kSupervisionRead, decodeTodayQuery,
               hotline::supervisionToday, encodeToday);
  routes.route("GET", "/api/v1/supervision/follow-ups", Permission::kSupervisionRead, noParams,
               hotline::openFollowUps, encodeRows);
  routes.route("GET", "/api/v1/supervision/stale-drafts", Permission::kSupervisionRead,
               decodeStaleQuery, hotline::staleDrafts, encodeStale);
}

}  // namespace strada::api
