#include "network/membership.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "domain/codes.h"
#include "hotline/use_case_steps.h"
#include "network/membership_body.h"
#include "network/outbox.h"

namespace strada::network {

using namespace detail;  // NOLINT(google-build-using-namespace): network/'s own helpers

namespace {

constexpr std::size_t kMaxReasonBytes = 500;

domain::Status fromHubOnly(const Identity& self, const Envelope& e) {
  if (self.instance.role != "member" || e.sender != self.instance.hub_code) {
    return domain::invalidField("kind", "Only the hub sends membership messages.");
  }
  return {};
}

// The body of a membership message, which only the hub may send to a member.
domain::Result<json::object> hubMessageBody(const Identity& self, const Envelope& e) {
  if (auto from_hub = fromHubOnly(self, e); !from_hub) {
    return tl::unexpected(from_hub.error());
  }
  return bodyOf(e);
}

domain::Status onMemberApproved(store::WriteContext& w, const Identity& self, const Envelope& e) {
  auto body = hubMessageBody(self, e);
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
  auto body = hubMessageBody(self, e);
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
domain::Status replaceKey(store::WriteContext& w, const std::string& code, const PublicKeys& keys) {
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
  return store::putPeerKey(w, store::PeerKey{keys.key_id, code, keys.signing_public,
                                             keys.box_public, "active", w.now()});
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
  handlers.add(
      "network.ping",
      [](store::WriteContext&, const Identity&, const Envelope&) -> domain::Status { return {}; });
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
  return changeMember(db, vault, actor, code, audit::AuditAction::kNetworkMemberApprove,
                      [&by](store::WriteContext& w, const Identity& self,
                            store::NetworkMember& m) -> domain::Status {
                        if (m.status != "pending") {
                          return domain::fail(domain::ErrorCode::kConflict,
                                              "Only a pending join request can be approved.",
                                              "status");
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
