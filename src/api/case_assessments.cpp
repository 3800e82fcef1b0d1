// A case's identification, needs assessment and plan (with its submission and a supervisor's
// decision), and the supervisors' pending approvals. Each route decodes, calls its use case in
// cases/case_assessments.h, and encodes; a stale version answers 409 with the document as
// `current` (versionedRecordChange).
#include "cases/case_assessments.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tuple>

#include "api/case_sections.h"
#include "api/cases_json.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

// Every document's body names the version its change starts from: 0 for one never written.
void readVersion(JsonFields& in, std::int32_t* version) {
  std::int32_t read = 0;
  in.version(read, 0);
  if (version != nullptr) {
    *version = read;
  }
}

domain::Result<domain::Identification> decodeIdentification(std::string_view body,
                                                            std::int32_t* version) {
  JsonFields in(body);
  domain::Identification id;
  in.list("indicators", id.indicators, 60);
  in.optional("assessed_by", id.assessed_by, 64);
  in.required("assessed_on", id.assessed_on, 10);
  in.optional("trafficking_status", id.trafficking_status, 64);
  in.optional("decided_by", id.decided_by, 64);
  readVersion(in, version);
  return in.finish(std::move(id));
}

domain::Result<domain::NeedsAssessment> decodeNeeds(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  domain::NeedsAssessment needs;
  for (JsonFields& each : in.objects("domains", 20)) {
    domain::NeedEntry& need = needs.domains.emplace_back();
    each.required("domain", need.domain, 64);
    each.required("level", need.level, 64);
    each.optional("note", need.note, 2000);
  }
  in.required("assessed_on", needs.assessed_on, 10);
  readVersion(in, version);
  return in.finish(std::move(needs));
}

domain::Result<std::vector<domain::PlanGoal>> decodePlan(std::string_view body,
                                                         std::int32_t* version) {
  JsonFields in(body);
  std::vector<domain::PlanGoal> goals;
  for (JsonFields& each : in.objects("goals", 50)) {
    domain::PlanGoal& goal = goals.emplace_back();
    each.required("domain", goal.domain, 64);
    each.required("goal", goal.goal, 1000);
    each.required("target_date", goal.target_date, 10);
    each.required("owner", goal.owner, 64);
    each.required("status", goal.status, 64);
  }
  readVersion(in, version);
  return in.finish(std::move(goals));
}

// A submission: the case and the plan's version.
Arguments<std::string, std::int32_t> decodeSubmission(const http::Request& req) {
  JsonFields in(req.body);
  std::int32_t version = 0;
  readVersion(in, &version);
  return in.finish(std::tuple(std::string(req.param("id")), version));
}

domain::Result<cases::PlanDecision> decodeDecision(std::string_view body) {
  JsonFields in(body);
  cases::PlanDecision decision;
  in.required("decision", decision.decision, 16);
  in.optional("reason", decision.reason, 500);
  readVersion(in, &decision.version);
  return in.finish(std::move(decision));
}

json::value userRefOrNull(const std::map<std::string, std::string>& names, const std::string& id) {
  if (id.empty()) {
    return nullptr;
  }
  const auto found = names.find(id);
  const std::string_view name = found == names.end() ? std::string_view() : found->second;
  return json::object{{"id", id}, {"name", colleagueName(name, id)}};
}

json::value textOrNull(const std::string& s) {
  return s.empty() ? json::value(nullptr) : json::value(s);
}

// The members every document has: who changed it last, when, and its version.
json::object withMeta(json::object body, const cases::DocumentMeta& meta) {
  body["updated_by"] = userRefOrNull(meta.names, meta.updated_by);
  body["updated_at"] = timeOrNull(meta.updated_at);
  body["version"] = meta.version;
  return body;
}

json::object encodeIdentification(const cases::IdentificationView& v) {
  const domain::Identification& id = v.identification;
  json::array indicators;
  for (const auto& code : id.indicators) {
    indicators.emplace_back(code);
  }
  return withMeta({{"indicators", std::move(indicators)},
                   {"assessed_by", userRefOrNull(v.meta.names, id.assessed_by)},
                   {"assessed_on", textOrNull(id.assessed_on)},
                   {"trafficking_status", textOrNull(id.trafficking_status)},
                   {"decided_by", textOrNull(id.decided_by)}},
                  v.meta);
}

json::object encodeNeeds(const cases::NeedsView& v) {
  return withMeta({{"domains", encodeEach(v.needs.domains,
                                          [&v](const domain::NeedEntry& n) {
                                            return json::object{
                                                {"domain", n.domain},
                                                {"level", n.level},
                                                {"note", v.notes_visible ? json::value(n.note)
                                                                         : json::value(nullptr)}};
                                          })},
                   {"assessed_on", textOrNull(v.needs.assessed_on)}},
                  v.meta);
}

json::object encodePlan(const cases::PlanView& v) {
  json::object body{{"goals", encodeEach(v.goals,
                                         [&v](const domain::PlanGoal& g) {
                                           return json::object{
                                               {"domain", g.domain},
                                               {"goal", v.text_visible ? json::value(g.goal)
                                                                       : json::value(nullptr)},
                                               {"target_date", g.target_date},
                                               {"owner", g.owner},
                                               {"status", g.status}};
                                         })},
                    {"status", v.plan_status}};
  const store::PlanReview review = v.review.value_or(store::PlanReview{});
  body["submitted_by"] = userRefOrNull(v.meta.names, review.submitted_by);
  body["submitted_at"] = timeOrNull(review.submitted_at);
  body["decided_by"] = userRefOrNull(v.meta.names, review.decided_by);
  body["decided_at"] = timeOrNull(review.decided_at);
  body["decision"] = textOrNull(review.decision);
  body["return_reason"] = v.text_visible ? textOrNull(v.return_reason) : json::value(nullptr);
  return withMeta(std::move(body), v.meta);
}

domain::Result<std::string> decodeApprovalQuery(const http::Request& req) {
  std::string kind;
  for (const auto& [name, value] : req.query) {
    if (name != "kind") {
      return unknownParam(name);
    }
    kind = value;
  }
  return kind;
}

json::object encodePendingApprovals(const cases::PendingApprovals& p) {
  return itemsBody(p.rows, [&p](const store::PendingApprovalRow& r) {
    return json::object{{"case_id", r.case_id},
                        {"case_code", r.case_code},
                        {"client_code", r.client_code},
                        {"status", r.status},
                        {"kind", r.kind},
                        {"requested_by", userRefOrNull(p.names, r.requested_by)},
                        {"requested_at", domain::formatRfc3339(r.requested_at)},
                        {"assigned_to", userRefOrNull(p.names, r.assigned_to)}};
  });
}

}  // namespace

void registerCaseAssessmentRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/cases/{id}/identification", Permission::kCaseRead, idParam,
               cases::readIdentification, encodeIdentification);
  routes.route(
      "PUT", "/api/v1/cases/{id}/identification", Permission::kCaseUpdate,
      &versionedRecordChange<versionedChange<decodeIdentification>, cases::changeIdentification,
                             cases::readIdentification, encodeIdentification>);
  routes.route("GET", "/api/v1/cases/{id}/needs", Permission::kCaseRead, idParam, cases::readNeeds,
               encodeNeeds);
  routes.route("PUT", "/api/v1/cases/{id}/needs", Permission::kCaseUpdate,
               &versionedRecordChange<versionedChange<decodeNeeds>, cases::changeNeeds,
                                      cases::readNeeds, encodeNeeds>);
  routes.route("GET", "/api/v1/cases/{id}/plan", Permission::kCaseRead, idParam, cases::readPlan,
               encodePlan);
  routes.route("PUT", "/api/v1/cases/{id}/plan", Permission::kCaseUpdate,
               &versionedRecordChange<versionedChange<decodePlan>, cases::changePlan,
                                      cases::readPlan, encodePlan>);
  routes.route(
      "POST", "/api/v1/cases/{id}/plan/submission", Permission::kCaseUpdate,
      &versionedRecordChange<decodeSubmission, cases::submitPlan, cases::readPlan, encodePlan>);
  routes.route("POST", "/api/v1/cases/{id}/plan/approval", Permission::kCaseApprove,
               &versionedRecordChange<idAndBody<decodeDecision>, cases::decidePlan, cases::readPlan,
                                      encodePlan>);
  routes.route("GET", "/api/v1/approvals", Permission::kCaseApprove, decodeApprovalQuery,
               cases::listPendingApprovals, encodePendingApprovals);
}

json::object sections::identification(const cases::IdentificationView& view) {
  return encodeIdentification(view);
}
json::object sections::needs(const cases::NeedsView& view) { return encodeNeeds(view); }
json::object sections::plan(const cases::PlanView& view) { return encodePlan(view); }

}  // namespace strada::api
