// The network (issue 9, section 1): the instance-to-instance routes under /federation/v1/
// (authenticated by signature, never by session: network/receive.h) and the coordinator's member
// registry under /api/v1/network/.
//
// Every refusal of a delivery or a join request answers the same 401 with one fixed body, so a
// sender cannot learn which check failed; the reason goes to the log with the request id (never
// the body, never a member's personal data).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/json_input.h"
#include "api/network_routes.h"
#include "crypto/crypto.h"
#include "network/membership.h"
#include "network/receive.h"
#include "observe/log.h"
#include "store/async.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

http::Response refuse(const http::Request& req, const domain::Error& error) {
  observe::logWarn("network message refused",
                   {{"request_id", req.request_id}, {"reason", error.detail}});
  return errorResponse(req, network::refusal(""));
}

// The answer to a federation route's error: the one 401 for a refusal, the error otherwise.
http::Response federationError(const http::Request& req, const domain::Error& error) {
  if (error.code == domain::ErrorCode::kUnauthenticated) {
    return refuse(req, error);
  }
  return errorResponse(req, error);
}

std::optional<http::Response> tooLarge(const http::Request& req) {
  if (req.body.size() <= network::kMaxDeliveryBytes) {
    return std::nullopt;
  }
  return errorResponse(req, domain::Error{domain::ErrorCode::kPayloadTooLarge,
                                          "A network message is at most 1 MiB.", "", ""});
}

awaitable<http::Response> receiveMessage(ApiContext& ctx, const network::MessageHandlers& handlers,
                                         http::Request& req) {
  if (auto large = tooLarge(req)) {
    co_return std::move(*large);
  }
  const network::NetworkContext net{ctx.db, ctx.vault, handlers};
  auto work = [net, body = req.body] { return network::receiveDelivery(net, body); };
  auto receipt = co_await store::awaitOnPool<Result<network::Receipt>>(ctx.cpu, std::move(work));
  if (!receipt) {
    co_return federationError(req, receipt.error());
  }
  const char* status = *receipt == network::Receipt::kDuplicate ? "duplicate"
                       : *receipt == network::Receipt::kRelayed ? "relayed"
                                                                : "accepted";
  co_return http::Response::json(200, boost::json::object{{"status", status}});
}

awaitable<http::Response> receiveJoin(ApiContext& ctx, const network::MessageHandlers& handlers,
                                      http::Request& req) {
  if (auto large = tooLarge(req)) {
    co_return std::move(*large);
  }
  const network::NetworkContext net{ctx.db, ctx.vault, handlers};
  auto work = [net, body = req.body] { return network::receiveJoin(net, body); };
  auto answer = co_await store::awaitOnPool<Result<network::JoinAnswer>>(ctx.cpu, std::move(work));
  if (!answer) {
    co_return federationError(req, answer.error());
  }
  boost::json::object hub{{"code", answer->hub_code},
                          {"key_id", answer->key_id},
                          {"signing_public", crypto::toBase64Url(answer->signing_public)},
                          {"box_public", crypto::toBase64Url(answer->box_public)}};
  co_return http::Response::json(
      202, boost::json::object{{"status", "pending"}, {"hub", std::move(hub)}});
}

boost::json::object encodeMember(const store::NetworkMember& m) {
  return {
      {"code", m.code},
      {"name", m.name},
      {"country", m.country},
      {"url", m.url},
      {"key_id", m.key_id},
      {"status", m.status},
      {"is_hub", m.is_hub},
      {"joined_at", domain::formatRfc3339(m.joined_at)},
      {"approved_at", m.approved_at > 0 ? boost::json::value(domain::formatRfc3339(m.approved_at))
                                        : boost::json::value(nullptr)},
      {"revoked_at", m.revoked_at > 0 ? boost::json::value(domain::formatRfc3339(m.revoked_at))
                                      : boost::json::value(nullptr)},
      {"revoke_reason", m.revoke_reason},
      {"last_message_at", m.last_message_at > 0
                              ? boost::json::value(domain::formatRfc3339(m.last_message_at))
                              : boost::json::value(nullptr)},
      {"version", m.version}};
}

awaitable<http::Response> listMembers(ApiContext& ctx, http::Request& req,
                                      const policy::Principal& who) {
  if (!req.query.empty()) {
    co_return errorResponse(req, unknownParam(req.query.front().first).value());
  }
  auto work = [&db = ctx.db, actor = actorOf(who, req.request_id)] {
    return network::listMembers(db, actor);
  };
  auto members = co_await store::awaitOnPool<Result<std::vector<store::NetworkMember>>>(
      ctx.cpu, std::move(work));
  if (!members) {
    co_return errorResponse(req, members.error());
  }
  boost::json::array items;
  for (const auto& m : *members) {
    items.push_back(encodeMember(m));
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
}

awaitable<http::Response> approveMember(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto in = JsonInput::parse(req.body.empty() ? std::string_view("{}") : req.body);
  if (!in) {
    co_return errorResponse(req, in.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  auto work = [&ctx, actor = actorOf(who, req.request_id), code = std::string(req.param("code"))] {
    return network::approveMember(ctx.db, ctx.vault, actor, code);
  };
  auto member = co_await store::awaitOnPool<Result<store::NetworkMember>>(ctx.cpu, std::move(work));
  if (!member) {
    co_return errorResponse(req, member.error());
  }
  co_return http::Response::json(200, encodeMember(*member));
}

awaitable<http::Response> revokeMember(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto in = JsonInput::parse(req.body);
  if (!in) {
    co_return errorResponse(req, in.error());
  }
  auto reason = in->requiredString("reason");
  if (!reason) {
    co_return errorResponse(req, reason.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    co_return errorResponse(req, unknown.error());
  }
  auto work = [&ctx, actor = actorOf(who, req.request_id), code = std::string(req.param("code")),
               reason = std::move(*reason)] {
    return network::revokeMember(ctx.db, ctx.vault, actor, code, reason);
  };
  auto member = co_await store::awaitOnPool<Result<store::NetworkMember>>(ctx.cpu, std::move(work));
  if (!member) {
    co_return errorResponse(req, member.error());
  }
  co_return http::Response::json(200, encodeMember(*member));
}

}  // namespace

void registerNetworkRoutes(RouteTable& routes, const network::MessageHandlers& handlers) {
  ApiContext& ctx = routes.context();
  // Public in the RouteTable sense (no session, no CSRF): authenticated by signature.
  routes.publicRoute("POST", "/federation/v1/messages", [&ctx, &handlers](http::Request& req) {
    return receiveMessage(ctx, handlers, req);
  });
  routes.publicRoute("POST", "/federation/v1/join", [&ctx, &handlers](http::Request& req) {
    return receiveJoin(ctx, handlers, req);
  });
  routes.route("GET", "/api/v1/network/members", policy::Permission::kNetworkMembersRead,
               &listMembers);
  routes.route("POST", "/api/v1/network/members/{code}/approve",
               policy::Permission::kNetworkMembersManage, &approveMember);
  routes.route("POST", "/api/v1/network/members/{code}/revoke",
               policy::Permission::kNetworkMembersManage, &revokeMember);
}

}  // namespace strada::api
