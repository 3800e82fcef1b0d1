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

using boost::asio::awaitable;

// {"items": [contact + "follow_up_state" when one is open]}
boost::json::object itemsBody(const hotline::SupervisionRows& list) {
  boost::json::array items;
  items.reserve(list.rows.size());
  for (const auto& c : list.rows) {
    boost::json::object o = encodeContact(c, false);
    if (auto state = hotline::followUpState(c, list.now); !state.empty()) {
      o["follow_up_state"] = state;
    }
    items.emplace_back(std::move(o));
  }
  return {{"items", std::move(items)}};
}

awaitable<http::Response> supervisionToday(ApiContext& ctx, http::Request& req,
                                           const policy::Principal& who) {
  if (auto s = onlyParams(req, {"tz_offset_minutes"}); !s) {
    co_return errorResponse(req, s.error());
  }
  auto offset =
      optionalWholeParam(req, "tz_offset_minutes", "Use an offset between -840 and 840 minutes.");
  if (!offset) {
    co_return errorResponse(req, offset.error());
  }
  auto today =
      co_await hotline::supervisionToday(ctx.hotline(), actorOf(who, req.request_id), *offset);
  if (!today) {
    co_return errorResponse(req, today.error());
  }
  boost::json::object body = itemsBody(today->list);
  body["from"] = domain::formatRfc3339(today->from);
  body["to"] = domain::formatRfc3339(today->to);
  co_return http::Response::json(200, body);
}

awaitable<http::Response> supervisionFollowUps(ApiContext& ctx, http::Request& req,
                                               const policy::Principal& who) {
  if (auto s = onlyParams(req, {}); !s) {
    co_return errorResponse(req, s.error());
  }
  auto list = co_await hotline::openFollowUps(ctx.hotline(), actorOf(who, req.request_id));
  if (!list) {
    co_return errorResponse(req, list.error());
  }
  co_return http::Response::json(200, itemsBody(*list));
}

awaitable<http::Response> supervisionStaleDrafts(ApiContext& ctx, http::Request& req,
                                                 const policy::Principal& who) {
  if (auto s = onlyParams(req, {"older_than_hours"}); !s) {
    co_return errorResponse(req, s.error());
  }
  auto hours =
      optionalWholeParam(req, "older_than_hours", "Use a number of hours between 0 and 2160.");
  if (!hours) {
    co_return errorResponse(req, hours.error());
  }
  auto stale = co_await hotline::staleDrafts(ctx.hotline(), actorOf(who, req.request_id), *hours);
  if (!stale) {
    co_return errorResponse(req, stale.error());
  }
  boost::json::object body = itemsBody(stale->list);
  body["older_than_hours"] = stale->older_than_hours;
  co_return http::Response::json(200, body);
}

awaitable<http::Response> followUpDone(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto done = co_await hotline::markFollowUpDone(ctx.hotline(), actorOf(who, req.request_id),
                                                 std::string(req.param("id")));
  if (!done) {
    co_return errorResponse(req, done.error());
  }
  co_return http::Response::noContent();
}

}  // namespace

void registerSupervisionRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  const auto bind = [&ctx](auto handler) {
    return [&ctx, handler](http::Request& req, const policy::Principal& who) {
      return handler(ctx, req, who);
    };
  };
  routes.route("POST", "/api/v1/contacts/{id}/follow-up-done", policy::Permission::kSupervise,
               bind(followUpDone));
  routes.route("GET", "/api/v1/supervision/today", policy::Permission::kSupervisionRead,
               bind(supervisionToday));
  routes.route("GET", "/api/v1/supervision/follow-ups", policy::Permission::kSupervisionRead,
               bind(supervisionFollowUps));
  routes.route("GET", "/api/v1/supervision/stale-drafts", policy::Permission::kSupervisionRead,
               bind(supervisionStaleDrafts));
}

}  // namespace strada::api
