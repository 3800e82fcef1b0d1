// Safety plans on a contact: write one, change it (optimistic versions), open it. Every field is
// sealed together as one JSON text (associated data "safety_plans:" + id); every read and write
// is audited. Only those who work with the person reach them (policy kSafetyPlanRead/Write).
#include <array>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <limits>

#include "api/async.h"
#include "api/contact_codec.h"
#include "api/json_input.h"
#include "crypto/crypto.h"
#include "domain/ids.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::size_t kMaxPlanFieldBytes = 4000;
constexpr std::array<std::string_view, 7> kPlanFields = {
    "risks", "options", "safe_contacts", "code_word", "documents", "emergency_numbers", "notes"};

const domain::Error& notFound() {
  static const domain::Error kNotFound{domain::ErrorCode::kNotFound,
                                       "No such contact or safety plan.", "", ""};
  return kNotFound;
}

// The plan's fields from a POST or PUT body, as the JSON object that is sealed. With `version`,
// "version" is required too.
Result<boost::json::object> decodePlan(std::string_view body, std::int32_t* version) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  boost::json::object plan;
  for (std::string_view field : kPlanFields) {
    auto v = in->optionalString(field);
    if (!v) {
      return tl::unexpected(v.error());
    }
    const std::string text = v->value_or("");
    if (text.size() > kMaxPlanFieldBytes) {
      return domain::invalidField(std::string(field),
                                  "Keep each part of the plan under 4,000 characters.");
    }
    plan[field] = text;
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
  return plan;
}

boost::json::object encodePlan(const store::SafetyPlanRow& row, const boost::json::object& plan) {
  boost::json::object out{{"id", row.id},
                          {"contact_id", row.contact_id},
                          {"version", row.version},
                          {"created_by", row.created_by},
                          {"created_at", domain::formatRfc3339(row.created_at)},
                          {"updated_by", row.updated_by},
                          {"updated_at", domain::formatRfc3339(row.updated_at)}};
  for (std::string_view field : kPlanFields) {
    const auto* v = plan.if_contains(field);
    out[field] = v != nullptr && v->is_string() ? v->as_string() : boost::json::string();
  }
  return out;
}

struct PlanTarget {
  std::optional<store::ContactRow> contact;  // without its sealed columns' meaning
  std::optional<store::SafetyPlanRow> plan;
};

// The contact `contact_id` of the principal's organisation and its plan; NotFound when the
// contact is missing or belongs to another organisation.
awaitable<Result<PlanTarget>> loadTarget(ApiContext& ctx, const policy::Principal& who,
                                         std::string contact_id) {
  if (!domain::isIdShaped(contact_id)) {
    co_return tl::unexpected(notFound());
  }
  auto job = [org = who.org_id, id = contact_id](soci::session& sql) -> Result<PlanTarget> {
    PlanTarget t;
    auto contact = store::findContact(sql, id);
    if (!contact) {
      return tl::unexpected(contact.error());
    }
    if (!contact->has_value() || (*contact)->contact.org_id != org) {
      return t;
    }
    t.contact = std::move(**contact);
    auto plan = store::findSafetyPlanByContact(sql, org, id);
    if (!plan) {
      return tl::unexpected(plan.error());
    }
    t.plan = std::move(*plan);
    return t;
  };
  auto target = co_await awaitRead<Result<PlanTarget>>(ctx.db, std::move(job));
  if (!target) {
    co_return tl::unexpected(target.error());
  }
  if (!target->contact || !policy::requireSameOrganisation(who, target->contact->contact.org_id)) {
    co_return tl::unexpected(notFound());
  }
  co_return std::move(*target);
}

awaitable<http::Response> createPlan(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  auto plan = decodePlan(req.body, nullptr);
  if (!plan) {
    co_return errorResponse(req, plan.error());
  }
  auto target = co_await loadTarget(ctx, who, std::string(req.param("id")));
  if (!target) {
    co_return errorResponse(req, target.error());
  }
  if (target->contact->contact.data.kind == domain::kKindNonData) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "A non-data contact has no safety plan.", "", ""});
  }
  if (target->plan) {
    co_return errorResponse(
        req, domain::Error{domain::ErrorCode::kConflict,
                           "This contact has a safety plan already. Open it and change it.",
                           "contact_id", ""});
  }
  const domain::UnixMillis now = domain::nowMillis();
  store::SafetyPlanRow row;
  row.id = crypto::newId();
  row.org_id = who.org_id;
  row.contact_id = target->contact->contact.id;
  row.created_by = who.user_id;
  row.created_at = now;
  row.updated_by = who.user_id;
  row.updated_at = now;
  row.version = 1;
  row.sealed = ctx.vault.seal({vault::SealedField::kSafetyPlan, row.id}, boost::json::serialize(*plan));
  const boost::json::object body = encodePlan(row, *plan);
  store::WriteJob write = [row = std::move(row), who,
                           rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::insertSafetyPlan(w, row); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "safety_plan.create", "safety_plan", row.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::json(201, body);
}

awaitable<http::Response> updatePlan(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  std::int32_t expected = 0;
  auto plan = decodePlan(req.body, &expected);
  if (!plan) {
    co_return errorResponse(req, plan.error());
  }
  auto target = co_await loadTarget(ctx, who, std::string(req.param("id")));
  if (!target) {
    co_return errorResponse(req, target.error());
  }
  if (!target->plan) {
    co_return errorResponse(req, notFound());
  }
  if (expected == std::numeric_limits<std::int32_t>::max()) {
    co_return errorResponse(
        req, domain::Error{domain::ErrorCode::kConflict, "This plan cannot be changed any more.",
                           "version", "version at maximum"});
  }
  store::SafetyPlanRow row = *target->plan;
  row.updated_by = who.user_id;
  row.updated_at = domain::nowMillis();
  row.version = expected + 1;
  row.sealed = ctx.vault.seal({vault::SealedField::kSafetyPlan, row.id}, boost::json::serialize(*plan));
  const boost::json::object body = encodePlan(row, *plan);
  store::WriteJob write = [row = std::move(row), expected, who,
                           rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::updateSafetyPlan(w, row, expected); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "safety_plan.update", "safety_plan", row.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::json(200, body);
}

awaitable<http::Response> getPlan(ApiContext& ctx, http::Request& req,
                                  const policy::Principal& who) {
  if (!req.query.empty()) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "This parameter is not known here. Remove it.",
                                               req.query.front().first.substr(0, 64), ""});
  }
  auto target = co_await loadTarget(ctx, who, std::string(req.param("id")));
  if (!target) {
    co_return errorResponse(req, target.error());
  }
  if (!target->plan) {
    co_return errorResponse(req, notFound());
  }
  const store::SafetyPlanRow& row = *target->plan;
  auto opened = ctx.vault.open({vault::SealedField::kSafetyPlan, row.id}, row.sealed);
  if (!opened) {
    co_return errorResponse(req, opened.error());
  }
  boost::system::error_code ec;
  boost::json::value plan = boost::json::parse(*opened, ec);
  if (ec || !plan.is_object()) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInternal,
                                               "Something went wrong on the server. Please try "
                                               "again.",
                                               "", "safety plan content is not a JSON object"});
  }
  // The read is recorded before any of it is shown.
  store::WriteJob record = [who, id = row.id, rid = req.request_id](store::WriteContext& w) {
    return w.audit({who.user_id, who.org_id, "safety_plan.read", "safety_plan", id, rid});
  };
  auto audited = co_await awaitWrite(ctx.db, std::move(record));
  if (!audited) {
    co_return errorResponse(req, audited.error());
  }
  co_return http::Response::json(200, encodePlan(row, plan.as_object()));
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
