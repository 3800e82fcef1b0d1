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

using domain::Result;

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

http::Response contactCreated(const hotline::ContactView& view) {
  return created(encodeContactView(view), "/api/v1/contacts/" + view.contact.id);
}

// GET /api/v1/contacts/drafts: no parameters; at most kMaxDrafts.
Result<std::int32_t> decodeDraftsQuery(const http::Request& req) {
  if (auto none = noParams(req); !none) {
    return tl::unexpected(none.error());
  }
  return kMaxDrafts;
}

boost::json::object encodeDrafts(const std::vector<domain::Contact>& drafts) {
  return itemsBody(drafts, [](const domain::Contact& c) { return encodeContact(c, false); });
}

}  // namespace

void registerContactRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("POST", "/api/v1/contacts", Permission::kContactCreate, bodyOf<decodeContactInput>,
               hotline::createContact, contactCreated);
  routes.route("GET", "/api/v1/contacts/drafts", Permission::kContactDraftsRead, decodeDraftsQuery,
               hotline::listOwnDrafts, encodeDrafts);
  routes.route("GET", "/api/v1/contacts/{id}", Permission::kContactRead, idParam,
               hotline::readContact, encodeContactView);
  routes.route("PUT", "/api/v1/contacts/{id}", Permission::kContactUpdate,
               versionedChange<decodeContactInput>, hotline::updateContact, encodeContactView);
  routes.route("DELETE", "/api/v1/contacts/{id}", Permission::kContactUpdate, idParam,
               hotline::discardDraft);
  registerCallerRoutes(routes);
  registerSafetyPlanRoutes(routes);
}

}  // namespace strada::api
