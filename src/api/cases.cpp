// Cases of direct assistance: open one, the list, read one, move it through its stages, approve
// a closure, assign it, break the glass, link a contact. Each route decodes, calls its use case in
// cases/cases.h, and encodes.
#include "cases/cases.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <tuple>

#include "api/cases_json.h"
#include "api/encode.h"
#include "api/keyset.h"
#include "api/routes.h"

namespace strada::api {
namespace {

namespace json = boost::json;

domain::Result<cases::CaseInput> decodeCaseInput(std::string_view body) {
  JsonFields in(body);
  cases::CaseInput input;
  in.required("client_id", input.client_id, 64);
  JsonFields referral = in.object("referral", true);
  in.list("contact_ids", input.contact_ids, 50, kMaxListEntryChars);
  in.optional("assigned_to", input.assigned_to, 64);
  referral.required("source_type", input.referral.source_type, 64);
  referral.optional("agency_id", input.referral.agency_id, 64);
  referral.required("referred_on", input.referral.referred_on, 10);
  return in.finish(std::move(input));
}

domain::Result<cases::StatusChange> decodeStatusChange(std::string_view body) {
  JsonFields in(body);
  cases::StatusChange c;
  in.required("to", c.to, 500);
  for (auto [key, out] : {std::pair{"reason", &c.reason}, std::pair{"outcome", &c.outcome},
                          std::pair{"reflection_start", &c.reflection_start},
                          std::pair{"reflection_end", &c.reflection_end}}) {
    in.optional(key, *out, 500);
  }
  readInclusionOutcomes(in, "inclusion_outcomes", c.inclusion_outcomes);
  in.version(c.version);
  return in.finish(std::move(c));
}

// A new case: 201 with its Location. A second case of the client: 409 naming the case it has.
struct EncodeCreatedCase {
  http::Response operator()(const cases::CaseView& view) const {
    return created(encodeCaseView(view), "/api/v1/cases/" + view.kase.id);
  }
  http::Response operator()(const http::Request& req, const domain::Error& e) const {
    constexpr std::string_view kPrefix = "existing_case_id:";
    if (e.code != domain::ErrorCode::kConflict || !e.detail.starts_with(kPrefix)) {
      return errorResponse(req, e);
    }
    json::object body = errorBody(e);
    body["existing_case_id"] = e.detail.substr(kPrefix.size());
    return http::Response::json(409, body);
  }
};

// A cursor's key: "<updated_at millis>|<case id>".
domain::Result<store::CaseListQuery::Cursor> decodeCaseCursor(std::string_view cursor) {
  auto key = decodeCursorKey(cursor);
  if (!key) {
    return tl::unexpected(key.error());
  }
  const auto bar = key->find('|');
  if (bar == std::string::npos || bar == 0 || bar > 19 ||
      key->find_first_not_of("0123456789") != bar) {
    return invalidCursor();
  }
  return store::CaseListQuery::Cursor{std::stoll(key->substr(0, bar)), key->substr(bar + 1)};
}

domain::Result<cases::CaseListFilter> decodeListQuery(const http::Request& req) {
  cases::CaseListFilter filter;
  for (const auto& [name, value] : req.query) {
    if (name == "assigned_to") {
      filter.assigned_to = value;
    } else if (name == "status") {
      filter.status = value;
    } else if (auto page =
                   applyPageParam(name, value, filter.limit, filter.after, &decodeCaseCursor);
               !page) {
      return tl::unexpected(page.error());
    }
  }
  return filter;
}

json::object encodeCaseRow(const store::CaseListRow& r,
                           const std::map<std::string, std::string>& names) {
  json::value assigned = nullptr;
  if (!r.assigned_to.empty()) {
    const auto it = names.find(r.assigned_to);
    assigned =
        json::object{{"id", r.assigned_to},
                     {"name", colleagueName(it == names.end() ? "" : it->second, r.assigned_to)}};
  }
  return json::object{{"id", r.id},
                      {"case_code", r.case_code},
                      {"client_code", r.client_code},
                      {"status", r.status},
                      {"assigned_to", std::move(assigned)},
                      {"opened_on", r.opened_on},
                      {"updated_at", domain::formatRfc3339(r.updated_at)}};
}

json::object encodeCasePage(const cases::CasePage& page) {
  return keysetPageBody(
      page.rows, page.more,
      [&page](const store::CaseListRow& r) { return encodeCaseRow(r, page.names); },
      [](const store::CaseListRow& last) {
        return encodeCursorKey(std::to_string(last.updated_at) + "|" + last.id);
      });
}

// A closure's approval: the version approved.
domain::Result<std::int32_t> decodeApproval(std::string_view body) {
  JsonFields in(body);
  std::int32_t version = 0;
  in.version(version);
  return in.finish(version);
}

domain::Result<cases::Assignment> decodeAssignment(std::string_view body) {
  JsonFields in(body);
  cases::Assignment a;
  in.required("assigned_to", a.assigned_to, 64);
  in.list("team", a.team, 20, kMaxListEntryChars);
  in.version(a.version);
  return in.finish(std::move(a));
}

constexpr char kReason[] = "reason";
constexpr char kContactId[] = "contact_id";

json::object encodeLinkedContact(const cases::LinkedContact& link) {
  return {{"case_id", link.case_id}, {"contact_id", link.contact_id}, {"linked", true}};
}

}  // namespace

void registerCaseRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/cases", Permission::kCaseCreate, bodyOf<decodeCaseInput>,
               cases::createCase, EncodeCreatedCase{});
  routes.route("GET", "/api/v1/cases", Permission::kCaseList, decodeListQuery, cases::listCases,
               encodeCasePage);
  routes.route("GET", "/api/v1/cases/{id}", Permission::kCaseRead, idParam, cases::readCase,
               encodeCaseView);
  routes.route("POST", "/api/v1/cases/{id}/status", Permission::kCaseUpdate,
               &versionedRecordChange<idAndBody<decodeStatusChange>, cases::changeCaseStatus,
                                      cases::readCase, encodeCaseView>);
  routes.route("POST", "/api/v1/cases/{id}/closure/approval", Permission::kCaseApprove,
               &versionedRecordChange<idAndBody<decodeApproval>, cases::approveClosure,
                                      cases::readCase, encodeCaseView>);
  routes.route("PUT", "/api/v1/cases/{id}/assignment", Permission::kCaseUpdate,
               &versionedRecordChange<idAndBody<decodeAssignment>, cases::assignCase,
                                      cases::readCase, encodeCaseView>);
  routes.route("POST", "/api/v1/cases/{id}/break-glass", Permission::kCaseBreakGlass,
               idAndBody<decodeOneText<kReason, 500>>, cases::breakGlass, encodeCaseView);
  routes.route("POST", "/api/v1/cases/{id}/contacts", Permission::kCaseContactLink,
               idAndBody<decodeOneText<kContactId, 64>>, cases::linkContact, encodeLinkedContact);
  registerCaseEntryRoutes(routes);
  registerCaseTaskRoutes(routes);
  registerCaseTransferRoutes(routes);
  registerCaseAttachmentRoutes(routes);
  registerCaseAssessmentRoutes(routes);
  registerCaseProceedingRoutes(routes);
  registerCaseReferralRoutes(routes);
}

}  // namespace strada::api
