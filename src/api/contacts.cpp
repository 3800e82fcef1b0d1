// Hotline contacts: log one (draft or final), open one (audited, with the repeat-caller box),
// list the organisation's contacts. Drafts and updates: contact_drafts.cpp; repeat callers:
// callers.cpp; safety plans: safety_plans.cpp.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "api/async.h"
#include "api/contact_codec.h"
#include "api/encode.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

awaitable<http::Response> createContact(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto input = decodeContactInput(req.body, nullptr);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  const domain::UnixMillis now = domain::nowMillis();
  if (auto valid = domain::validateContact(*input, now); !valid) {
    co_return errorResponse(req, valid.error());
  }
  auto agencies = co_await checkReferralAgencies(ctx, who.org_id, input->referral_agency_ids);
  if (!agencies) {
    co_return errorResponse(req, agencies.error());
  }
  domain::Contact contact;
  contact.id = crypto::newId();
  contact.org_id = who.org_id;
  contact.created_by = who.user_id;
  contact.created_at = now;
  contact.updated_at = now;
  contact.version = 1;
  contact.code_version = std::string(domain::codesVersion());
  contact.data = std::move(*input);
  if (contact.data.status == domain::kStatusFinal) {
    contact.finalised_at = now;
  }
  const domain::Contact created = contact;
  store::ContactRow row = sealContact(ctx.keys, std::move(contact));
  store::WriteJob insert = [row = std::move(row), who,
                            rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::insertContact(w, row); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "contact.create", "contact", row.contact.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(insert));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  // The same shape as a read: whether the author may still change it, and no safety plan yet.
  boost::json::object body = encodeContact(created, true);
  body["may_correct"] = mayChangeContact(who, created, now);
  if (policy::allows(who, policy::Permission::kSafetyPlanRead)) {
    body["safety_plan_id"] = nullptr;
  }
  auto response = http::Response::json(201, body);
  response.headers.emplace_back("Location", "/api/v1/contacts/" + created.id);
  co_return response;
}

// What the detail view adds to a contact: the repeat-caller box and the safety plan's id.
struct ContactExtras {
  std::int64_t earlier_contacts = 0;
  std::vector<store::CallerFlag> flags;
  std::optional<std::string> safety_plan_id;
};

Result<ContactExtras> loadExtras(soci::session& sql, const store::ContactRow& row,
                                 domain::UnixMillis now) {
  ContactExtras extras;
  const domain::Contact& c = row.contact;
  if (!row.caller_hash.empty()) {
    auto earlier = store::countContactsByCaller(sql, c.org_id, row.caller_hash,
                                                store::ContactCursor{c.data.started_at, c.id});
    if (!earlier) {
      return tl::unexpected(earlier.error());
    }
    extras.earlier_contacts = *earlier;
    auto flags = store::listActiveCallerFlags(sql, c.org_id, row.caller_hash, now);
    if (!flags) {
      return tl::unexpected(flags.error());
    }
    extras.flags = std::move(*flags);
  }
  auto plan = store::findSafetyPlanByContact(sql, c.org_id, c.id);
  if (!plan) {
    return tl::unexpected(plan.error());
  }
  if (plan->has_value()) {
    extras.safety_plan_id = (*plan)->id;
  }
  return extras;
}

awaitable<http::Response> getContact(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, contactNotFound());
  }
  auto found = co_await findOwnContact(ctx, who, id);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  store::ContactRow& row = *found;
  // A draft is seen only by those who may finish it (its author, a supervisor).
  if (row.contact.data.status == domain::kStatusDraft &&
      !policy::requireContactEditable(who, {row.contact.created_by, false, 0},
                                      domain::nowMillis())) {
    co_return errorResponse(req, contactNotFound());
  }
  const bool with_sealed = policy::allows(who, policy::Permission::kContactReadSealed);
  if (with_sealed) {
    if (auto opened = openContact(ctx.keys, row); !opened) {
      co_return errorResponse(req, opened.error());
    }
  }
  auto extras_job = [row, now = domain::nowMillis()](soci::session& sql) {
    return loadExtras(sql, row, now);
  };
  auto extras = co_await awaitRead<Result<ContactExtras>>(ctx.db, std::move(extras_job));
  if (!extras) {
    co_return errorResponse(req, extras.error());
  }
  // The view is recorded before any of it is shown.
  store::WriteJob record_view = [who, id, rid = req.request_id](store::WriteContext& w) {
    return w.audit({who.user_id, who.org_id, "contact.read", "contact", id, rid});
  };
  auto audited = co_await awaitWrite(ctx.db, std::move(record_view));
  if (!audited) {
    co_return errorResponse(req, audited.error());
  }
  boost::json::object body = encodeContact(row.contact, with_sealed);
  body["may_correct"] = mayChangeContact(who, row.contact, domain::nowMillis());
  if (!row.caller_hash.empty()) {
    boost::json::array flags;
    for (const auto& f : extras->flags) {
      flags.push_back(boost::json::object{{"flag", f.flag},
                                          {"expires_at", domain::formatRfc3339(f.expires_at)}});
    }
    body["repeat_caller"] = boost::json::object{{"earlier_contacts", extras->earlier_contacts},
                                                {"flags", std::move(flags)}};
  }
  if (policy::allows(who, policy::Permission::kSafetyPlanRead)) {
    body["safety_plan_id"] =
        extras->safety_plan_id ? boost::json::value(*extras->safety_plan_id) : nullptr;
  }
  co_return http::Response::json(200, body);
}

// The list (GET /api/v1/contacts) with its filters lives in api/contact_lists.cpp.

}  // namespace

void registerContactRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("POST", "/api/v1/contacts", policy::Permission::kContactCreate,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return createContact(ctx, req, who);
               });
  routes.route("GET", "/api/v1/contacts/{id}", policy::Permission::kContactRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return getContact(ctx, req, who);
               });
  registerContactDraftRoutes(routes);
  registerCallerRoutes(routes);
  registerSafetyPlanRoutes(routes);
}

}  // namespace strada::api
