// Hotline contacts: log one (draft or final), open one, finish or correct it, throw a draft away,
// and the current user's drafts. Each route decodes, calls its use case in hotline/contacts.h,
// and encodes. The list: contact_lists.cpp; repeat callers: callers.cpp; safety plans:
// safety_plans.cpp.
#include "hotline/contacts.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/contact_codec.h"
#include "api/encode.h"
#include "api/routes.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;

constexpr std::int32_t kMaxDrafts = 100;

boost::json::object encodeContactView(const hotline::ContactView& view) {
  boost::json::object body = encodeContact(view.contact, view.sealed_visible);
  body["may_correct"] = view.may_correct;
  if (view.repeat_caller) {
    boost::json::array flags;
    for (const auto& f : view.repeat_caller->flags) {
      flags.push_back(boost::json::object{{"flag", f.flag},
                                          {"expires_at", domain::formatRfc3339(f.expires_at)}});
    }
    body["repeat_caller"] = boost::json::object{
        {"earlier_contacts", view.repeat_caller->earlier_contacts}, {"flags", std::move(flags)}};
  }
  if (view.plans_visible) {
    body["safety_plan_id"] =
        view.safety_plan_id ? boost::json::value(*view.safety_plan_id) : nullptr;
  }
  return body;
}

awaitable<http::Response> createContact(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto input = decodeContactInput(req.body, nullptr);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto created =
      co_await hotline::createContact(ctx.hotline(), actorOf(who, req.request_id), *input);
  if (!created) {
    co_return errorResponse(req, created.error());
  }
  auto response = http::Response::json(201, encodeContactView(*created));
  response.headers.emplace_back("Location", "/api/v1/contacts/" + created->contact.id);
  co_return response;
}

awaitable<http::Response> getContact(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  auto read = co_await hotline::readContact(ctx.hotline(), actorOf(who, req.request_id),
                                            std::string(req.param("id")));
  if (!read) {
    co_return errorResponse(req, read.error());
  }
  co_return http::Response::json(200, encodeContactView(*read));
}

awaitable<http::Response> updateContact(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  std::int32_t expected = 0;
  auto input = decodeContactInput(req.body, &expected);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto updated = co_await hotline::updateContact(ctx.hotline(), actorOf(who, req.request_id),
                                                 std::string(req.param("id")), *input, expected);
  if (!updated) {
    co_return errorResponse(req, updated.error());
  }
  co_return http::Response::json(200, encodeContactView(*updated));
}

awaitable<http::Response> discardDraft(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto done = co_await hotline::discardDraft(ctx.hotline(), actorOf(who, req.request_id),
                                             std::string(req.param("id")));
  if (!done) {
    co_return errorResponse(req, done.error());
  }
  co_return http::Response::noContent();
}

awaitable<http::Response> listMyDrafts(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  if (!req.query.empty()) {
    co_return errorResponse(req, domain::invalidField(req.query.front().first.substr(0, 64),
                                                      "This parameter is not known here. Remove "
                                                      "it.")
                                     .value());
  }
  auto drafts =
      co_await hotline::listOwnDrafts(ctx.hotline(), actorOf(who, req.request_id), kMaxDrafts);
  if (!drafts) {
    co_return errorResponse(req, drafts.error());
  }
  boost::json::array items;
  items.reserve(drafts->size());
  for (const auto& contact : *drafts) {
    items.emplace_back(encodeContact(contact, false));
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void registerContactRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  const auto bind = [&ctx](auto handler) {
    return [&ctx, handler](http::Request& req, const policy::Principal& who) {
      return handler(ctx, req, who);
    };
  };
  routes.route("POST", "/api/v1/contacts", policy::Permission::kContactCreate, bind(createContact));
  routes.route("GET", "/api/v1/contacts/drafts", policy::Permission::kContactDraftsRead,
               bind(listMyDrafts));
  routes.route("GET", "/api/v1/contacts/{id}", policy::Permission::kContactRead, bind(getContact));
  routes.route("PUT", "/api/v1/contacts/{id}", policy::Permission::kContactUpdate,
               bind(updateContact));
  routes.route("DELETE", "/api/v1/contacts/{id}", policy::Permission::kContactUpdate,
               bind(discardDraft));
  registerCallerRoutes(routes);
  registerSafetyPlanRoutes(routes);
}

}  // namespace strada::api
