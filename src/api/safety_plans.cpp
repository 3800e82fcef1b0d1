// Safety plans on a contact: write one, change it (optimistic versions), open it. Each route
// decodes, calls its use case in hotline/safety_plans.h, and encodes.
#include "hotline/safety_plans.h"

#include <boost/json/object.hpp>

#include "api/contact_codec.h"
#include "api/json_input.h"

namespace strada::api {
namespace {

using domain::Result;

// The plan's parts from a POST or PUT body. With `version`, "version" is required too.
Result<hotline::SafetyPlanParts> decodePlan(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  hotline::SafetyPlanParts parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    in.optional(hotline::kSafetyPlanParts[i], parts[i]);
  }
  if (version != nullptr) {
    in.version(*version);
  }
  return in.finish(std::move(parts));
}

// GET /api/v1/contacts/{id}/safety-plan: the contact; no query parameters.
Result<std::string> decodePlanRead(const http::Request& req) {
  if (auto none = noParams(req); !none) {
    return tl::unexpected(none.error());
  }
  return idParam(req);
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

http::Response planCreated(const hotline::SafetyPlan& plan) { return created(encodePlan(plan)); }

}  // namespace

void registerSafetyPlanRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/contacts/{id}/safety-plan", Permission::kSafetyPlanWrite,
               idAndBody<decodePlan>, hotline::createSafetyPlan, planCreated);
  routes.route("PUT", "/api/v1/contacts/{id}/safety-plan", Permission::kSafetyPlanWrite,
               versionedChange<decodePlan>, hotline::updateSafetyPlan, encodePlan);
  routes.route("GET", "/api/v1/contacts/{id}/safety-plan", Permission::kSafetyPlanRead,
               decodePlanRead, hotline::readSafetyPlan, encodePlan);
}

}  // namespace strada::api
