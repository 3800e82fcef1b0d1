// Drafts and changes: finish or correct a contact (full update with optimistic versions), and
// the current user's own drafts.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <limits>

#include "api/async.h"
#include "api/contact_codec.h"
#include "api/encode.h"
#include "domain/codes.h"
#include "domain/ids.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kMaxDrafts = 100;

awaitable<http::Response> updateContact(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, contactNotFound());
  }
  std::int32_t expected = 0;
  auto input = decodeContactInput(req.body, &expected);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto found = co_await findOwnContact(ctx, who, id);
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  const domain::Contact& old = found->contact;
  const domain::UnixMillis now = domain::nowMillis();
  const bool was_final = old.data.status == domain::kStatusFinal;
  const policy::ContactEditFacts facts{old.created_by, was_final, old.finalised_at.value_or(0)};
  if (auto may = policy::requireContactEditable(who, facts, now); !may) {
    // Someone else's draft is not shown to them at all.
    co_return errorResponse(req, was_final ? may.error() : contactNotFound());
  }
  if (was_final && input->status == domain::kStatusDraft) {
    co_return errorResponse(
        req, domain::Error{domain::ErrorCode::kInvalidArgument,
                           "A finished contact cannot become a draft again.", "status", ""});
  }
  if (auto valid = domain::validateContact(*input, now); !valid) {
    co_return errorResponse(req, valid.error());
  }
  if (expected == std::numeric_limits<std::int32_t>::max()) {
    co_return errorResponse(
        req, domain::Error{domain::ErrorCode::kConflict, "This contact cannot be changed any more.",
                           "version", "version at maximum"});
  }
  auto agencies = co_await checkReferralAgencies(ctx, who.org_id, input->referral_agency_ids);
  if (!agencies) {
    co_return errorResponse(req, agencies.error());
  }
  domain::Contact contact = old;
  contact.data = std::move(*input);
  contact.updated_at = now;
  contact.version = expected + 1;
  contact.code_version = std::string(domain::codesVersion());
  const bool finalising = !was_final && contact.data.status == domain::kStatusFinal;
  if (finalising) {
    contact.finalised_at = now;
  }
  const domain::Contact updated = contact;
  store::ContactRow row = sealContact(ctx.keys, std::move(contact));
  store::WriteJob write = [row = std::move(row), expected, finalising, who,
                           rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::updateContact(w, row, expected); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, finalising ? "contact.finalise" : "contact.update",
                    "contact", row.contact.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(write));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  // The contact as stored now, and whether this user may still change it (as a read answers).
  boost::json::object body = encodeContact(updated, true);
  body["may_correct"] = mayChangeContact(who, updated, now);
  co_return http::Response::json(200, std::move(body));
}

awaitable<http::Response> listMyDrafts(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  if (!req.query.empty()) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "This parameter is not known here. Remove it.",
                                               req.query.front().first.substr(0, 64), ""});
  }
  auto list = [org = who.org_id, user = who.user_id](soci::session& sql) {
    return store::listDrafts(sql, org, user, kMaxDrafts);
  };
  auto rows = co_await awaitRead<Result<std::vector<store::ContactRow>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  boost::json::array items;
  items.reserve(rows->size());
  for (const auto& row : *rows) {
    items.emplace_back(encodeContact(row.contact, false));
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
}

}  // namespace

void registerContactDraftRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("GET", "/api/v1/contacts/drafts", policy::Permission::kContactDraftsRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return listMyDrafts(ctx, req, who);
               });
  routes.route("PUT", "/api/v1/contacts/{id}", policy::Permission::kContactUpdate,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return updateContact(ctx, req, who);
               });
}

}  // namespace strada::api
