// Safety plans on a contact: write one, change it (optimistic versions), open it. Each route
// decodes, calls its use case in hotline/safety_plans.h, and encodes.
#include "hotline/safety_plans.h"

#include <boost/json/object.hpp>
#include <limits>

#include "api/contact_codec.h"
#include "api/json_input.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

// The plan's parts from a POST or PUT body. With `version`, "version" is required too.
Result<hotline::SafetyPlanParts> decodePlan(std::string_view body, std::int32_t* version) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  hotline::SafetyPlanParts parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    auto v = in->optionalString(hotline::kSafetyPlanParts[i]);
    if (!v) {
      return tl::unexpected(v.error());
    }
    parts[i] = v->value_or("");
  }
  if (version != nullptr) {
    auto v = in->requiredInteger("version", 1, std::numeric_limits<std::int32_t>::max());
    if (!v) {
      return tl::unexpected(v.error());
    }
    *version = static_cast<std::int32_t>(*v);
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return parts;
}

boost::json::object encodePlan(const hotline::SafetyPlan& plan) {
  const store::SafetyPlanRow& row = plan.record;
  boost::json::object out{{"id", row.id},
                          {"contact_id", row.contact_id},
                          {"version", row.version},
                          {"created_by", row.created_by},
                          {"created_at", domain::formatRfc3339(row.created_at)},
                          {"updated_by", row.updated_by},
                          {"updated_at", domain::formatRfc3339(row.updated_at)}};
  for (std::size_t i = 0; i < plan.parts.size(); ++i) {
    out[hotline::kSafetyPlanParts[i]] = plan.parts[i];
  }
  return out;
}

awaitable<http::Response> createPlan(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  auto parts = decodePlan(req.body, nullptr);
  if (!parts) {
    co_return errorResponse(req, parts.error());
  }
  auto plan = co_await hotline::createSafetyPlan(ctx.hotline(), actorOf(who, req.request_id),
                                                 std::string(req.param("id")), std::move(*parts));
  if (!plan) {
    co_return errorResponse(req, plan.error());
  }
  co_return http::Response::json(201, encodePlan(*plan));
}

awaitable<http::Response> updatePlan(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  std::int32_t expected = 0;
  auto parts = decodePlan(req.body, &expected);
  if (!parts) {
    co_return errorResponse(req, parts.error());
  }
  auto plan =
      co_await hotline::updateSafetyPlan(ctx.hotline(), actorOf(who, req.request_id),
                                         std::string(req.param("id")), std::move(*parts), expected);
  if (!plan) {
    co_return errorResponse(req, plan.error());
  }
  co_return http::Response::json(200, encodePlan(*plan));
}

awaitable<http::Response> getPlan(ApiContext& ctx, http::Request& req,
                                  const policy::Principal& who) {
  if (!req.query.empty()) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "This parameter is not known here. Remove it.",
                                               req.query.front().first.substr(0, 64), ""});
  }
  auto plan = co_await hotline::readSafetyPlan(ctx.hotline(), actorOf(who, req.request_id),
                                               std::string(req.param("id")));
  if (!plan) {
    co_return errorResponse(req, plan.error());
  }
  co_return http::Response::json(200, encodePlan(*plan));
}

}  // namespace

void registerSafetyPlanRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("POST", "/api/v1/contacts/{id}/safety-plan", policy::Permission::kSafetyPlanWrite,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return createPlan(ctx, req, who);
               });
  routes.route("PUT", "/api/v1/contacts/{id}/safety-plan", policy::Permission::kSafetyPlanWrite,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return updatePlan(ctx, req, who);
               });
  routes.route(
      "GET", "/api/v1/contacts/{id}/safety-plan", policy::Permission::kSafetyPlanRead,
      [&ctx](http::Request& req, const policy::Principal& who) { return getPlan(ctx, req, who); });
}

}  // namespace strada::api
