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

using boost::asio::awaitable;
namespace json = boost::json;

domain::Result<cases::CaseInput> decodeCaseInput(std::string_view body) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  cases::CaseInput input;
  auto client = f.text("client_id", 64, true);
  auto referral = f.object("referral", true);
  auto contacts = f.texts("contact_ids", 50);
  auto assigned = f.text("assigned_to", 64);
  if (!client || !referral || !contacts || !assigned) {
    return tl::unexpected(!client     ? client.error()
                          : !referral ? referral.error()
                          : !contacts ? contacts.error()
                                      : assigned.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  NestedJsonFields r(**referral, "referral");
  auto source = r.text("source_type", 64, true);
  auto agency = r.text("agency_id", 64);
  auto on = r.text("referred_on", 10, true);
  if (!source || !agency || !on) {
    return tl::unexpected(!source ? source.error() : !agency ? agency.error() : on.error());
  }
  if (auto unknown = r.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  input.client_id = std::move(*client);
  input.referral = {std::move(*source), std::move(*agency), std::move(*on)};
  input.contact_ids = std::move(*contacts);
  input.assigned_to = std::move(*assigned);
  return input;
}

domain::Result<std::int32_t> requiredVersion(NestedJsonFields& f) {
  auto version = f.integer("version", 1, 2'147'483'647);
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (!version->has_value()) {
    return domain::invalidField("version", "Send the version you started from.");
  }
  return static_cast<std::int32_t>(**version);
}

domain::Result<cases::StatusChange> decodeStatusChange(std::string_view body,
                                                       std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  cases::StatusChange c;
  for (auto [key, out, required] :
       {std::tuple{"to", &c.to, true}, std::tuple{"reason", &c.reason, false},
        std::tuple{"outcome", &c.outcome, false},
        std::tuple{"reflection_start", &c.reflection_start, false},
        std::tuple{"reflection_end", &c.reflection_end, false}}) {
    auto value = f.text(key, 500, required);
    if (!value) {
      return tl::unexpected(value.error());
    }
    *out = std::move(*value);
  }
  auto version = requiredVersion(f);
  if (!version) {
    return tl::unexpected(version.error());
  }
  c.version = *version;
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return c;
}

awaitable<http::Response> createCase(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  auto input = decodeCaseInput(req.body);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto created =
      co_await cases::createCase(ctx.hotline(), actorOf(who, req.request_id), std::move(*input));
  if (!created) {
    const domain::Error& e = created.error();
    constexpr std::string_view kPrefix = "existing_case_id:";
    if (e.code == domain::ErrorCode::kConflict && e.detail.starts_with(kPrefix)) {
      json::object body = errorBody(e);
      body["existing_case_id"] = e.detail.substr(kPrefix.size());
      co_return http::Response::json(409, body);
    }
    co_return errorResponse(req, e);
  }
  auto response = http::Response::json(201, encodeCaseView(*created));
  response.headers.emplace_back("Location", "/api/v1/cases/" + created->kase.id);
  co_return response;
}

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

// A closure's approval: the case's id and the version approved.
Arguments<std::string, std::int32_t> decodeApproval(const http::Request& req) {
  auto o = parseObject(req.body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  auto version = requiredVersion(f);
  if (!version) {
    return tl::unexpected(version.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return std::tuple(std::string(req.param("id")), *version);
}

domain::Result<cases::Assignment> decodeAssignment(std::string_view body,
                                                   std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  auto assigned = f.text("assigned_to", 64, true);
  auto team = f.texts("team", 20);
  auto version = requiredVersion(f);
  if (!assigned || !team || !version) {
    return tl::unexpected(!assigned ? assigned.error() : !team ? team.error() : version.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return cases::Assignment{std::move(*assigned), std::move(*team), *version};
}

domain::Result<std::string> decodeBreakGlassReason(std::string_view body,
                                                   std::int32_t* /*version*/) {
  auto o = parseObject(body);
  if (!o) {
    return tl::unexpected(o.error());
  }
  NestedJsonFields f(*o, "");
  auto reason = f.text("reason", 500, true);
  if (!reason) {
    return tl::unexpected(reason.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  return reason;
}

awaitable<http::Response> linkContact(ApiContext& ctx, http::Request& req,
                                      const policy::Principal& who) {
  auto o = parseObject(req.body);
  if (!o) {
    co_return errorResponse(req, o.error());
  }
  NestedJsonFields f(*o, "");
  auto contact = f.text("contact_id", 64, true);
  if (!contact) {
    co_return errorResponse(req, contact.error());
  }
  if (auto unknown = f.rejectUnknown(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  const std::string id(req.param("id"));
  auto linked =
      co_await cases::linkContact(ctx.hotline(), actorOf(who, req.request_id), id, *contact);
  if (!linked) {
    co_return errorResponse(req, linked.error());
  }
  co_return http::Response::json(
      200, json::object{{"case_id", id}, {"contact_id", *contact}, {"linked", true}});
}

}  // namespace

void registerCaseRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/cases", Permission::kCaseCreate, &createCase);
  routes.route("GET", "/api/v1/cases", Permission::kCaseList, decodeListQuery, cases::listCases,
               encodeCasePage);
  routes.route("GET", "/api/v1/cases/{id}", Permission::kCaseRead, idParam, cases::readCase,
               encodeCaseView);
  routes.route("POST", "/api/v1/cases/{id}/status", Permission::kCaseUpdate,
               &versionedRecordChange<idAndBody<decodeStatusChange>, cases::changeCaseStatus,
                                      cases::readCase, encodeCaseView>);
  routes.route("POST", "/api/v1/cases/{id}/closure/approval", Permission::kCaseApprove,
               &versionedRecordChange<decodeApproval, cases::approveClosure, cases::readCase,
                                      encodeCaseView>);
  routes.route("PUT", "/api/v1/cases/{id}/assignment", Permission::kCaseUpdate,
               &versionedRecordChange<idAndBody<decodeAssignment>, cases::assignCase,
                                      cases::readCase, encodeCaseView>);
  routes.route("POST", "/api/v1/cases/{id}/break-glass", Permission::kCaseBreakGlass,
               idAndBody<decodeBreakGlassReason>, cases::breakGlass, encodeCaseView);
  routes.route("POST", "/api/v1/cases/{id}/contacts", Permission::kCaseContactLink, &linkContact);
  registerCaseEntryRoutes(routes);
  registerCaseAssessmentRoutes(routes);
}

}  // namespace strada::api
