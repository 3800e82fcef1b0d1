#include "network/membership.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/codes.h"
#include "hotline/use_case_steps.h"
#include "network/outbox.h"

namespace strada::network {
namespace {

namespace json = boost::json;
constexpr std::size_t kMaxNameBytes = 200;
constexpr std::size_t kMaxUrlBytes = 500;
constexpr std::size_t kMaxReasonBytes = 500;

domain::Status validateDetails(const InstanceDetails& d) {
  if (!isMemberCode(d.code)) {
    return domain::invalidField("code", "Use 1 to 32 letters, digits, - or _ for the code.");
  }
  if (d.name.empty() || d.name.size() > kMaxNameBytes) {
    return domain::invalidField("name", "Give a name of 1 to 200 characters.");
  }
  if (!domain::countryCodes().contains(d.country)) {
    return domain::invalidField("country", "Use an ISO 3166-1 country code, such as NL.");
  }
  const bool web = d.url.rfind("http://", 0) == 0 || d.url.rfind("https://", 0) == 0;
  if (!web || d.url.size() > kMaxUrlBytes || d.url.back() == '/') {
    return domain::invalidField("url",
                                "Give the address this instance is reached at, such as "
                                "https://strada.example.org (no / at the end).");
  }
  return {};
}

json::object keysJson(const std::string& key_id, const std::string& signing_public,
                      const std::string& box_public) {
  return {{"key_id", key_id},
          {"signing_public", crypto::toBase64Url(signing_public)},
          {"box_public", crypto::toBase64Url(box_public)}};
}

json::object memberJson(const store::NetworkMember& m, const store::PeerKey& key) {
  json::object o = keysJson(m.key_id, key.signing_public, key.box_public);
  o["code"] = m.code;
  o["name"] = m.name;
  o["country"] = m.country;
  o["url"] = m.url;
  return o;
}

// Public keys read from a membership body: key id, signing and box keys, checked to match.
struct PublicKeys {
  std::string key_id, signing_public, box_public;
};

domain::Result<PublicKeys> keysFrom(const json::object& o) {
  const auto text = [&](const char* key) -> std::string {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto signing = crypto::fromBase64Url(text("signing_public"));
  auto box = crypto::fromBase64Url(text("box_public"));
  if (!signing || !box || signing->size() != crypto::kPublicKeyBytes ||
      box->size() != crypto::kPublicKeyBytes || keyIdOf(*signing) != text("key_id")) {
    return domain::invalidField("body", "The public keys are malformed.");
  }
  return PublicKeys{text("key_id"), std::move(*signing), std::move(*box)};
}

std::string stringIn(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

domain::Result<json::object> bodyOf(const Envelope& e) {
  boost::system::error_code ec;
  auto value = json::parse(e.body, ec);
  if (ec || !value.is_object()) {
    return domain::invalidField("body", "The body is not a JSON object.");
  }
  return std::move(value.as_object());
}

// The body of network.member_approved: the hub's keys and every active member's.
domain::Result<std::string> memberListBody(soci::session& sql, const Identity& self) {
  auto members = store::listNetworkMembers(sql);
  if (!members) {
    return tl::unexpected(members.error());
  }
  json::array list;
  for (const auto& m : *members) {
    if (m.status != "active") {
      continue;
    }
    auto key = store::findPeerKey(sql, m.key_id);
    if (!key || !key->has_value()) {
      return domain::internalError("an active member has no key");
    }
    list.push_back(memberJson(m, **key));
  }
  json::object hub = keysJson(self.key_id, self.signing_public, self.box_public);
  hub["code"] = self.instance.code;
  hub["name"] = self.instance.name;
  hub["country"] = self.instance.country;
  hub["url"] = self.instance.url;
  return json::serialize(json::object{{"hub", std::move(hub)}, {"members", std::move(list)}});
}

// Records an instance the hub told us of, and its key (active).
domain::Status rememberInstance(store::WriteContext& w, const json::object& o, bool is_hub) {
  auto keys = keysFrom(o);
  if (!keys) {
    return tl::unexpected(keys.error());
  }
  store::NetworkMember m;
  m.code = stringIn(o, "code");
  if (!isMemberCode(m.code)) {
    return domain::invalidField("body", "A member code is malformed.");
  }
  m.name = stringIn(o, "name");
  m.country = stringIn(o, "country");
  m.url = stringIn(o, "url");
  m.key_id = keys->key_id;
  m.status = "active";
  m.is_hub = is_hub;
  m.joined_at = w.now();
  m.approved_at = w.now();
  if (auto put = store::putNetworkMember(w, m); !put) {
    return put;
  }
  return store::putPeerKey(w, store::PeerKey{keys->key_id, m.code, keys->signing_public,
                                             keys->box_public, "active", w.now()});
}

domain::Status fromHubOnly(const Identity& self, const Envelope& e) {
  if (self.instance.role != "member" || e.sender != self.instance.hub_code) {
    return domain::invalidField("kind", "Only the hub sends membership messages.");
  }
  return {};
}

domain::Status onMemberApproved(store::WriteContext& w, const Identity& self, const Envelope& e) {
  if (auto from_hub = fromHubOnly(self, e); !from_hub) {
    return from_hub;
  }
  auto body = bodyOf(e);
  if (!body) {
    return tl::unexpected(body.error());
  }
  const auto* hub = body->if_contains("hub");
  const auto* members = body->if_contains("members");
  if (hub == nullptr || !hub->is_object() || members == nullptr || !members->is_array()) {
    return domain::invalidField("body", "A member list needs the hub and the members.");
  }
  if (auto kept = rememberInstance(w, hub->get_object(), true); !kept) {
    return kept;
  }
  store::NetworkInstance instance = self.instance;
  for (const auto& member : members->get_array()) {
    if (!member.is_object()) {
      return domain::invalidField("body", "A member is not an object.");
    }
    if (stringIn(member.get_object(), "code") == self.instance.code) {
      instance.membership = "active";
      continue;
    }
    if (auto kept = rememberInstance(w, member.get_object(), false); !kept) {
      return kept;
    }
  }
  return store::saveNetworkInstance(w, instance);
}

domain::Status onKeyRevoked(store::WriteContext& w, const Identity& self, const Envelope& e) {
  if (auto from_hub = fromHubOnly(self, e); !from_hub) {
    return from_hub;
  }
  auto body = bodyOf(e);
  if (!body) {
    return tl::unexpected(body.error());
  }
  const std::string code = stringIn(*body, "code");
  if (code == self.instance.code) {
    store::NetworkInstance instance = self.instance;
    instance.membership = "revoked";
    return store::saveNetworkInstance(w, instance);
  }
  auto member = store::findNetworkMember(w.sql(), code);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (member->has_value()) {
    store::NetworkMember m = **member;
    m.status = "revoked";
    m.revoked_at = w.now();
    if (auto put = store::putNetworkMember(w, m); !put) {
      return put;
    }
  }
  return store::setPeerKeysStatus(w, code, "revoked");
}

// A member's new keys: the old key retired, the new one active and the member's current one.
domain::Status replaceKey(store::WriteContext& w, const std::string& code,
                          const PublicKeys& keys) {
  auto member = store::findNetworkMember(w.sql(), code);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (!member->has_value() || (*member)->status != "active") {
    return domain::invalidField("body", "No active member has this code.");
  }
  if (auto retired = store::setPeerKeysStatus(w, code, "retired"); !retired) {
    return retired;
  }
  store::NetworkMember m = **member;
  m.key_id = keys.key_id;
  if (auto put = store::putNetworkMember(w, m); !put) {
    return put;
  }
  return store::putPeerKey(
      w, store::PeerKey{keys.key_id, code, keys.signing_public, keys.box_public, "active", w.now()});
}

domain::Status onKeyRotated(store::WriteContext& w, const Identity& self, const Envelope& e) {
  auto body = bodyOf(e);
  if (!body) {
    return tl::unexpected(body.error());
  }
  auto keys = keysFrom(*body);
  if (!keys) {
    return tl::unexpected(keys.error());
  }
  if (self.instance.role == "hub") {
    if (auto replaced = replaceKey(w, e.sender, *keys); !replaced) {
      return replaced;
    }
    json::object told = keysJson(keys->key_id, keys->signing_public, keys->box_public);
    told["code"] = e.sender;
    return sendToActiveMembers(w, self, "network.key_rotated", json::serialize(told), e.sender);
  }
  if (auto from_hub = fromHubOnly(self, e); !from_hub) {
    return from_hub;
  }
  const std::string code = stringIn(*body, "code");
  return code == self.instance.code ? domain::Status{} : replaceKey(w, code, *keys);
}

}  // namespace

void addMembershipHandlers(MessageHandlers& handlers) {
  handlers.add("network.member_approved", onMemberApproved);
  handlers.add("network.key_revoked", onKeyRevoked);
  handlers.add("network.key_rotated", onKeyRotated);
}

MessageHandlers transportHandlers() {
  MessageHandlers handlers;
  handlers.add("network.ping",
               [](store::WriteContext&, const Identity&, const Envelope&) -> domain::Status {
                 return {};
               });
  addMembershipHandlers(handlers);
  return handlers;
}

void MessageHandlers::add(std::string kind, MessageHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

const MessageHandler* MessageHandlers::find(const std::string& kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

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
  Envelope e{newMessageId(), details.code, "",           "network.join",
             now,            self->key_id, json::serialize(body), {}};
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
                        "The hub refused the join request (HTTP " +
                            std::to_string(reply->status) + "): " + reply->body,
                        {}, "join refused");
  }
  json::object hub = answer.as_object()["hub"].is_object() ? answer.as_object()["hub"].as_object()
                                                             : json::object{};
  hub["url"] = hub_url;
  hub["country"] = "";
  store::NetworkInstance instance{details.code, details.name,       details.country,
                                  details.url,  "member",           hub_url,
                                  stringIn(hub, "code"), "pending", 0};
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
    if (auto key = store::putPeerKey(w, {keys->key_id, m.code, keys->signing_public,
                                         keys->box_public, "active", w.now()});
        !key) {
      return key;
    }
    return w.audit(audit::AuditEntry{"", "", audit::AuditAction::kNetworkMemberJoinRequest,
                                     m.code, ""});
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return JoinAnswer{self->instance.code, self->key_id, self->signing_public, self->box_public};
}

domain::Result<std::string> rotateKeys(store::Database& db, const vault::Vault& vault) {
  auto old = loadIdentity(db, vault);
  if (!old) {
    return tl::unexpected(old.error());
  }
  std::string new_key_id;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    const store::OwnNetworkKey fresh = newSealedKey(vault, w.now());
    new_key_id = fresh.key_id;
    const std::string body =
        json::serialize(keysJson(fresh.key_id, fresh.signing_public, fresh.box_public));
    // Sent before the switch: signed with the old key, which the hub knows.
    if (old->instance.role == "member") {
      if (auto sent = sendMessage(w, *old, old->instance.hub_code, "network.key_rotated", body);
          !sent) {
        return sent;
      }
    } else if (old->instance.role == "hub") {
      json::object told = json::parse(body).as_object();
      told["code"] = old->instance.code;
      if (auto sent = sendToActiveMembers(w, *old, "network.key_rotated", json::serialize(told));
          !sent) {
        return sent;
      }
    }
    if (auto retired = store::retireCurrentNetworkKey(w); !retired) {
      return retired;
    }
    if (auto inserted = store::insertOwnNetworkKey(w, fresh); !inserted) {
      return inserted;
    }
    return w.audit(
        audit::AuditEntry{"", "", audit::AuditAction::kNetworkKeyRotate, fresh.key_id, ""});
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return new_key_id;
}

domain::Result<std::vector<store::NetworkMember>> listMembers(store::Database& db,
                                                             const hotline::Actor& actor) {
  if (auto may = policy::require(actor.principal, policy::Permission::kNetworkMembersRead); !may) {
    return tl::unexpected(may.error());
  }
  domain::Result<std::vector<store::NetworkMember>> members;
  db.read([&](soci::session& sql) { members = store::listNetworkMembers(sql); });
  if (!members) {
    return members;
  }
  const std::string rows = "rows=" + std::to_string(members->size());
  auto recorded = db.write([&](store::WriteContext& w) {
    return w.audit(actor.entry(audit::AuditAction::kNetworkMemberList, rows));
  });
  if (!recorded) {
    return tl::unexpected(recorded.error());
  }
  return members;
}

namespace {

// Runs `change(w, self, member)` on member `code` of the hub's registry with the audit event
// `action`, and answers the member as changed.
template <class Change>
domain::Result<store::NetworkMember> changeMember(store::Database& db, const vault::Vault& vault,
                                                  const hotline::Actor& actor,
                                                  const std::string& code,
                                                  audit::AuditAction action, Change change) {
  if (auto may = policy::require(actor.principal, policy::Permission::kNetworkMembersManage);
      !may) {
    return tl::unexpected(may.error());
  }
  auto self = loadIdentity(db, vault);
  if (!self) {
    return tl::unexpected(self.error());
  }
  if (self->instance.role != "hub") {
    return domain::fail(domain::ErrorCode::kConflict,
                        "Only the hub's coordinator approves and revokes members.", "code");
  }
  store::NetworkMember changed;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    auto member = store::findNetworkMember(w.sql(), code);
    if (!member) {
      return tl::unexpected(member.error());
    }
    if (!member->has_value() || (*member)->is_hub) {
      return domain::fail(domain::ErrorCode::kNotFound, "No member has this code.", "code");
    }
    changed = std::move(**member);
    if (auto done = change(w, *self, changed); !done) {
      return done;
    }
    return w.audit(actor.entry(action, code));
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return changed;
}

}  // namespace

domain::Result<store::NetworkMember> approveMember(store::Database& db, const vault::Vault& vault,
                                                   const hotline::Actor& actor,
                                                   const std::string& code) {
  const std::string by = actor.principal.user_id;
  return changeMember(
      db, vault, actor, code, audit::AuditAction::kNetworkMemberApprove,
      [&by](store::WriteContext& w, const Identity& self, store::NetworkMember& m) -> domain::Status {
        if (m.status != "pending") {
          return domain::fail(domain::ErrorCode::kConflict,
                              "Only a pending join request can be approved.", "status");
        }
        m.status = "active";
        m.approved_at = w.now();
        m.approved_by = by;
        m.version += 1;
        if (auto put = store::putNetworkMember(w, m); !put) {
          return put;
        }
        auto body = memberListBody(w.sql(), self);
        if (!body) {
          return tl::unexpected(body.error());
        }
        return sendToActiveMembers(w, self, "network.member_approved", *body);
      });
}

domain::Result<store::NetworkMember> revokeMember(store::Database& db, const vault::Vault& vault,
                                                  const hotline::Actor& actor,
                                                  const std::string& code,
                                                  const std::string& reason) {
  if (reason.empty() || reason.size() > kMaxReasonBytes) {
    return domain::invalidField("reason", "Say why the member is revoked (1 to 500 characters).");
  }
  const std::string by = actor.principal.user_id;
  return changeMember(
      db, vault, actor, code, audit::AuditAction::kNetworkMemberRevoke,
      [&](store::WriteContext& w, const Identity& self, store::NetworkMember& m) -> domain::Status {
        if (m.status == "revoked") {
          return domain::fail(domain::ErrorCode::kConflict, "This member is revoked already.",
                              "status");
        }
        const bool was_active = m.status == "active";
        m.status = "revoked";
        m.revoked_at = w.now();
        m.revoked_by = by;
        m.revoke_reason = reason;
        m.version += 1;
        if (auto put = store::putNetworkMember(w, m); !put) {
          return put;
        }
        if (auto keys = store::setPeerKeysStatus(w, m.code, "revoked"); !keys) {
          return keys;
        }
        if (!was_active) {
          return {};
        }
        const std::string body = json::serialize(json::object{{"code", m.code}});
        return sendToActiveMembers(w, self, "network.key_revoked", body);
      });
}

}  // namespace strada::network
