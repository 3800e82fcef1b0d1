// A case's identification, needs assessment and plan (with its submission and a supervisor's
// decision), and the supervisors' pending approvals. Each route decodes, calls its use case in
// cases/case_assessments.h, and encodes; a stale version answers 409 with the document as
// `current` (versionedRecordChange).
#include "cases/case_assessments.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <initializer_list>
#include <tuple>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

// One text member of a body: where it goes, how long it may be, whether it must be there.
struct TextMember {
  std::string_view key;
  std::string* out;
  std::size_t max_chars;
  bool required = false;
};

domain::Status readTexts(NestedJsonFields& f, std::initializer_list<TextMember> members) {
  for (const TextMember& m : members) {
    auto value = f.text(m.key, m.max_chars, m.required);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *m.out = std::move(*value);
  }
  return {};
}

// The version a change starts from (0 for a document never written), which every body names.
domain::Status readVersion(NestedJsonFields& f, std::int32_t* version) {
  auto value = f.integer("version", 0, 2'147'483'647);
  if (!value) {
    return tl::unexpected(value.error());
  }
  if (!value->has_value()) {
    return domain::invalidField("version", "Send the version you started from (0 for the first).");
  }
  if (version != nullptr) {
    *version = static_cast<std::int32_t>(**value);
  }
  return {};
}

// The objects of the list `key` (at most `max_items`), each decoded by `one(fields)` with its
// members named "<key>[i].<member>"; unknown members refused.
template <class One>
auto eachObject(NestedJsonFields& f, std::string_view key, std::size_t max_items, const One& one)
    -> domain::Result<
        std::vector<typename std::invoke_result_t<const One&, NestedJsonFields&>::value_type>> {
  using Item = typename std::invoke_result_t<const One&, NestedJsonFields&>::value_type;
  auto items = f.array(key, max_items);
  if (!items) {
    return tl::unexpected(items.error());
  }
  std::vector<Item> out;
  for (std::size_t i = 0; *items != nullptr && i < (*items)->size(); ++i) {
    const std::string path = f.pathOf(key) + "[" + std::to_string(i) + "]";
    const json::value& item = (**items)[i];
    if (!item.is_object()) {
      return domain::invalidField(path, "Each entry must be an object.");
    }
    NestedJsonFields fields(item.as_object(), path);
    auto decoded = one(fields);
    if (!decoded) {
      return tl::unexpected(decoded.error());
    }
    if (auto unknown = fields.rejectUnknown(); !unknown) {
      return tl::unexpected(unknown.error());
    }
    out.push_back(std::move(*decoded));
  }
  return out;
}

// Parses `body`, runs `members(fields)` and refuses unknown members: the value `members` filled.
template <class Value, class Members>
domain::Result<Value> decodeBody(std::string_view body, std::int32_t* version,
                                 const Members& members) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  Value value;
  if (auto ok = members(f, value); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto ok = readVersion(f, version); !ok) {
    return tl::unexpected(ok.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return value;
}

domain::Result<domain::Identification> decodeIdentification(std::string_view body,
                                                            std::int32_t* version) {
  return decodeBody<domain::Identification>(
      body, version, [](NestedJsonFields& f, domain::Identification& id) -> domain::Status {
        auto indicators = f.texts("indicators", 60);
        if (!indicators) {
          return tl::unexpected(indicators.error());
        }
        id.indicators = std::move(*indicators);
        return readTexts(f, {{"assessed_by", &id.assessed_by, 64},
                             {"assessed_on", &id.assessed_on, 10, true},
                             {"trafficking_status", &id.trafficking_status, 64},
                             {"decided_by", &id.decided_by, 64}});
      });
}

domain::Result<domain::NeedsAssessment> decodeNeeds(std::string_view body, std::int32_t* version) {
  return decodeBody<domain::NeedsAssessment>(
      body, version, [](NestedJsonFields& f, domain::NeedsAssessment& needs) -> domain::Status {
        auto domains = eachObject(f, "domains", 20, [](NestedJsonFields& d) {
          domain::NeedEntry n;
          return readTexts(d, {{"domain", &n.domain, 64, true},
                               {"level", &n.level, 64, true},
                               {"note", &n.note, 2000}})
              .map([&n] { return n; });
        });
        if (!domains) {
          return tl::unexpected(domains.error());
        }
        needs.domains = std::move(*domains);
        return readTexts(f, {{"assessed_on", &needs.assessed_on, 10, true}});
      });
}

domain::Result<std::vector<domain::PlanGoal>> decodePlan(std::string_view body,
                                                         std::int32_t* version) {
  return decodeBody<std::vector<domain::PlanGoal>>(
      body, version,
      [](NestedJsonFields& f, std::vector<domain::PlanGoal>& goals) -> domain::Status {
        auto read = eachObject(f, "goals", 50, [](NestedJsonFields& g) {
          domain::PlanGoal goal;
          return readTexts(g, {{"domain", &goal.domain, 64, true},
                               {"goal", &goal.goal, 1000, true},
                               {"target_date", &goal.target_date, 10, true},
                               {"owner", &goal.owner, 64, true},
                               {"status", &goal.status, 64, true}})
              .map([&goal] { return goal; });
        });
        if (!read) {
          return tl::unexpected(read.error());
        }
        goals = std::move(*read);
        return {};
      });
}

// A submission: the case and the plan's version.
Arguments<std::string, std::int32_t> decodeSubmission(const http::Request& req) {
  std::int32_t version = 0;
  auto none = decodeBody<bool>(req.body, &version,
                               [](NestedJsonFields&, bool&) { return domain::Status{}; });
  if (!none) {
    return tl::unexpected(none.error());
  }
  return std::tuple(std::string(req.param("id")), version);
}

domain::Result<cases::PlanDecision> decodeDecision(std::string_view body,
                                                   std::int32_t* /*version*/) {
  std::int32_t version = 0;
  auto decision = decodeBody<cases::PlanDecision>(
      body, &version, [](NestedJsonFields& f, cases::PlanDecision& d) {
        return readTexts(f, {{"decision", &d.decision, 16, true}, {"reason", &d.reason, 500}});
      });
  if (decision) {
    decision->version = version;
  }
  return decision;
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

json::value timeOrNull(domain::UnixMillis at) {
  return at == 0 ? json::value(nullptr) : json::value(domain::formatRfc3339(at));
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

}  // namespace strada::api
