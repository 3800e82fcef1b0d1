// Setting up the network: the hub (initHub) and a member's join request, sent (requestJoin) and
// received at the hub (receiveJoin).
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cstdlib>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/codes.h"
#include "network/membership.h"
#include "network/membership_body.h"

namespace strada::network {

using namespace detail;  // NOLINT(google-build-using-namespace): network/'s own helpers

domain::Result<Identity> initHub(store::Database& db, const vault::Vault& vault,
                                 const InstanceDetails& details) {
  if (auto valid = validateDetails(details); !valid) {
    return tl::unexpected(valid.error());
  }
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    auto current = store::loadNetworkInstance(w.sql());
    if (!current) {
      return tl::unexpected(current.error());
    }
    if (current->role == "member") {
      return domain::fail(domain::ErrorCode::kConflict,
                          "This instance is a member of a network; it cannot be a hub too.",
                          "role");
    }
    store::NetworkInstance instance;
    instance.code = details.code;
    instance.name = details.name;
    instance.country = details.country;
    instance.url = details.url;
    instance.role = "hub";
    instance.hub_url = details.url;
    instance.hub_code = details.code;
    instance.membership = "active";
    return store::saveNetworkInstance(w, instance);
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return loadIdentity(db, vault);
}

domain::Result<store::NetworkInstance> requestJoin(store::Database& db, const vault::Vault& vault,
                                                   const InstanceDetails& details,
                                                   const std::string& hub_url,
                                                   const HttpClientOptions& http) {
  if (auto valid = validateDetails(details); !valid) {
    return tl::unexpected(valid.error());
  }
  auto self = loadIdentity(db, vault);
  if (!self) {
    return tl::unexpected(self.error());
  }
  if (self->instance.role == "hub") {
    return domain::fail(domain::ErrorCode::kConflict, "This instance is the hub of a network.",
                        "role");
  }
  json::object body = keysJson(self->key_id, self->signing_public, self->box_public);
  body["name"] = details.name;
  body["country"] = details.country;
  body["url"] = details.url;
  const domain::UnixMillis now = domain::nowMillis();
  Envelope e{newMessageId(), details.code,          "", "network.join", now,
             self->key_id,   json::serialize(body), {}};
  signEnvelope(e, self->signing_seed);
  Delivery d{newMessageId(), details.code, "", now, self->key_id, {}, std::move(e)};
  signHop(d, self->signing_seed);
  auto reply = postJson(hub_url + "/federation/v1/join", deliveryJson(d), http);
  if (!reply) {
    return tl::unexpected(reply.error());
  }
  boost::system::error_code ec;
  auto answer = json::parse(reply->body, ec);
  if (reply->status != 202 || ec || !answer.is_object() || !answer.as_object().contains("hub")) {
    return domain::fail(domain::ErrorCode::kUnavailable,
                        "The hub refused the join request (HTTP " + std::to_string(reply->status) +
                            "): " + reply->body,
                        {}, "join refused");
  }
  json::object hub = answer.as_object()["hub"].is_object() ? answer.as_object()["hub"].as_object()
                                                           : json::object{};
  hub["url"] = hub_url;
  hub["country"] = "";
  store::NetworkInstance instance{details.code,          details.name, details.country,
                                  details.url,           "member",     hub_url,
                                  stringIn(hub, "code"), "pending",    0};
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    if (auto kept = rememberInstance(w, hub, true); !kept) {
      return kept;
    }
    return store::saveNetworkInstance(w, instance);
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return instance;
}

domain::Result<JoinAnswer> receiveJoin(const NetworkContext& ctx, std::string_view text) {
  auto d = parseDelivery(text);
  if (!d) {
    return tl::unexpected(refusal(d.error().detail));
  }
  auto self = loadIdentity(ctx.db, ctx.vault);
  if (!self) {
    return tl::unexpected(self.error());
  }
  const domain::UnixMillis now = domain::nowMillis();
  if (self->instance.role != "hub" || d->envelope.kind != "network.join") {
    return tl::unexpected(refusal("join request not for a hub"));
  }
  if (std::llabs(now - d->timestamp) > kSkewWindowMs) {
    return tl::unexpected(refusal("stale"));
  }
  auto body = bodyOf(d->envelope);
  auto keys = body ? keysFrom(*body) : tl::unexpected(body.error());
  // Self-signed: the request proves it holds the secret halves of the keys it presents.
  if (!keys || d->key_id != keys->key_id || d->envelope.key_id != keys->key_id ||
      d->sender != d->envelope.sender || !hopSignedBy(*d, keys->signing_public) ||
      !envelopeSignedBy(d->envelope, keys->signing_public)) {
    return tl::unexpected(refusal("join request not signed with its own key"));
  }
  InstanceDetails details{d->sender, stringIn(*body, "name"), stringIn(*body, "country"),
                          stringIn(*body, "url")};
  if (auto valid = validateDetails(details); !valid) {
    return tl::unexpected(valid.error());
  }
  auto status = ctx.db.write([&](store::WriteContext& w) -> domain::Status {
    if (auto fresh = store::recordNonce(w, d->nonce, now - 2 * kSkewWindowMs); !fresh) {
      return tl::unexpected(refusal("replayed"));
    }
    auto existing = store::findNetworkMember(w.sql(), details.code);
    if (!existing) {
      return tl::unexpected(existing.error());
    }
    if (existing->has_value() && (*existing)->status != "pending") {
      return domain::fail(domain::ErrorCode::kConflict,
                          "A member of this network already has this code.", "code");
    }
    store::NetworkMember m;
    m.code = details.code;
    m.name = details.name;
    m.country = details.country;
    m.url = details.url;
    m.key_id = keys->key_id;
    m.status = "pending";
    m.joined_at = w.now();
    if (auto put = store::putNetworkMember(w, m); !put) {
      return put;
    }
    if (auto key = store::putPeerKey(
            w, {keys->key_id, m.code, keys->signing_public, keys->box_public, "active", w.now()});
        !key) {
      return key;
    }
    return w.audit(
        audit::AuditEntry{"", "", audit::AuditAction::kNetworkMemberJoinRequest, m.code, ""});
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return JoinAnswer{self->instance.code, self->key_id, self->signing_public, self->box_public};
}

}  // namespace strada::network
