// The network (issue 9, section 1): the instance-to-instance routes under /federation/v1/
// (authenticated by signature, never by session: network/receive.h) and the coordinator's member
// registry under /api/v1/network/.
//
// Every refusal of a delivery or a join request answers the same 401 with one fixed body, so a
// sender cannot learn which check failed; the reason goes to the log with the request id (never
// the body, never a member's personal data).
#include <atomic>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <memory>

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

// Refusals counted for strada_network_messages_refused_total (one counter per registration).
using RefusalCount = std::shared_ptr<std::atomic<std::uint64_t>>;

http::Response refuse(const http::Request& req, const domain::Error& error,
                      const RefusalCount& refusals) {
  refusals->fetch_add(1);
  observe::logWarn("network message refused",
                   {{"request_id", req.request_id}, {"reason", error.detail}});
  return errorResponse(req, network::refusal(""));
}

// The answer to a federation route's error: the one 401 for a refusal, the error otherwise.
http::Response federationError(const http::Request& req, const domain::Error& error,
                               const RefusalCount& refusals) {
  if (error.code == domain::ErrorCode::kUnauthenticated) {
    return refuse(req, error, refusals);
  }
  return errorResponse(req, error);
}

// Runs `receive(net, body)` (a blocking network use case) on the CPU pool, answers its refusal
// with the one 401, and its result with `encode`.
template <class T, class Receive, class Encode>
awaitable<http::Response> receiveSigned(ApiContext& ctx, const network::MessageHandlers& handlers,
                                        RefusalCount refusals, http::Request& req, Receive receive,
                                        Encode encode) {
  if (req.body.size() > network::kMaxDeliveryBytes) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kPayloadTooLarge,
                                               "A network message is at most 1 MiB.", "", ""});
  }
  const network::NetworkContext net{ctx.db, ctx.vault, handlers};
  auto work = [net, body = req.body, receive] { return receive(net, body); };
  auto result = co_await store::awaitOnPool<Result<T>>(ctx.cpu, std::move(work));
  if (!result) {
    co_return federationError(req, result.error(), refusals);
  }
  co_return encode(*result);
}

http::Response encodeReceipt(network::Receipt receipt) {
  const char* status = receipt == network::Receipt::kDuplicate ? "duplicate"
                       : receipt == network::Receipt::kRelayed ? "relayed"
                                                               : "accepted";
  return http::Response::json(200, boost::json::object{{"status", status}});
}

http::Response encodeJoinAnswer(const network::JoinAnswer& answer) {
  boost::json::object hub{{"code", answer.hub_code},
                          {"key_id", answer.key_id},
                          {"signing_public", crypto::toBase64Url(answer.signing_public)},
                          {"box_public", crypto::toBase64Url(answer.box_public)}};
  return http::Response::json(202,
                              boost::json::object{{"status", "pending"}, {"hub", std::move(hub)}});
}

boost::json::object encodeMember(const store::NetworkMember& m);

// Runs `work` (approve or revoke: a blocking use case) on the CPU pool; the member as changed.
template <class Work>
awaitable<http::Response> answerMember(ApiContext& ctx, http::Request& req, Work work) {
  auto member = co_await store::awaitOnPool<Result<store::NetworkMember>>(ctx.cpu, std::move(work));
  if (!member) {
    co_return errorResponse(req, member.error());
  }
  co_return http::Response::json(200, encodeMember(*member));
}

boost::json::object encodeMember(const store::NetworkMember& m) {
  boost::json::object o{
      {"code", m.code},     {"name", m.name},       {"country", m.country},
      {"url", m.url},       {"key_id", m.key_id},   {"status", m.status},
      {"is_hub", m.is_hub}, {"version", m.version}, {"revoke_reason", m.revoke_reason}};
  o["joined_at"] = domain::formatRfc3339(m.joined_at);
  // Times not reached yet are null.
  for (const auto& [name, at] :
       {std::pair{"approved_at", m.approved_at}, std::pair{"revoked_at", m.revoked_at},
        std::pair{"last_message_at", m.last_message_at}}) {
    o[name] = at > 0 ? boost::json::value(domain::formatRfc3339(at)) : boost::json::value(nullptr);
  }
  return o;
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
  co_return co_await answerMember(ctx, req, std::move(work));
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
  co_return co_await answerMember(ctx, req, std::move(work));
}

}  // namespace

void registerNetworkRoutes(RouteTable& routes, const network::MessageHandlers& handlers) {
  ApiContext& ctx = routes.context();
  auto refusals = std::make_shared<std::atomic<std::uint64_t>>(0);
  ctx.metrics.addCounter("strada_network_messages_refused_total",
                         "Network messages and join requests refused (the reasons are logged)",
                         [refusals] { return static_cast<double>(refusals->load()); });
  // Public in the RouteTable sense (no session, no CSRF): authenticated by signature.
  routes.publicRoute("POST", "/federation/v1/messages",
                     [&ctx, &handlers, refusals](http::Request& req) {
                       return receiveSigned<network::Receipt>(
                           ctx, handlers, refusals, req, network::receiveDelivery, encodeReceipt);
                     });
  routes.publicRoute("POST", "/federation/v1/join",
                     [&ctx, &handlers, refusals](http::Request& req) {
                       return receiveSigned<network::JoinAnswer>(
                           ctx, handlers, refusals, req, network::receiveJoin, encodeJoinAnswer);
                     });
  routes.route("GET", "/api/v1/network/members", policy::Permission::kNetworkMembersRead,
               &listMembers);
  routes.route("POST", "/api/v1/network/members/{code}/approve",
               policy::Permission::kNetworkMembersManage, &approveMember);
  routes.route("POST", "/api/v1/network/members/{code}/revoke",
               policy::Permission::kNetworkMembersManage, &revokeMember);
  registerNetworkFigureRoutes(routes);
  registerReferralRoutes(routes);
}

}  // namespace strada::api
