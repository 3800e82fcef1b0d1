#include "network/receive.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <cstdlib>

#include "crypto/crypto.h"
#include "network/outbox.h"
#include "store/network_repository.h"

namespace strada::network {
namespace {

tl::unexpected<domain::Error> refuse(std::string reason) {
  return tl::unexpected(refusal(std::move(reason)));
}

bool isStale(domain::UnixMillis timestamp, domain::UnixMillis now) {
  return std::llabs(now - timestamp) > kSkewWindowMs;
}

// The public signing key of `key_id` when it belongs to `code` and is not revoked; a refusal
// naming why otherwise.
domain::Result<std::string> signingKeyOf(soci::session& sql, const std::string& key_id,
                                         const std::string& code) {
  auto key = store::findPeerKey(sql, key_id);
  if (!key) {
    return tl::unexpected(key.error());
  }
  if (!key->has_value()) {
    return refuse("unknown key");
  }
  if ((*key)->member_code != code) {
    return refuse("key of another instance");
  }
  if ((*key)->status == "revoked") {
    return refuse("revoked key");
  }
  return (*key)->signing_public;
}

// Whether `code` may hand this instance a delivery: at the hub an active member, at a member the
// hub alone.
domain::Status checkHopSender(soci::session& sql, const store::NetworkInstance& self,
                              const std::string& code) {
  if (self.role == "member") {
    return code == self.hub_code ? domain::Status{} : refuse("hop not from the hub");
  }
  auto member = store::findNetworkMember(sql, code);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (!member->has_value() || (*member)->status != "active") {
    return refuse((*member).has_value() ? "member not active" : "unknown member");
  }
  return {};
}

// Every check that needs the database's reading: the hop's sender and both signatures.
domain::Status checkSignatures(soci::session& sql, const store::NetworkInstance& self,
                               const Delivery& d) {
  if (auto sender = checkHopSender(sql, self, d.sender); !sender) {
    return sender;
  }
  auto hop_key = signingKeyOf(sql, d.key_id, d.sender);
  if (!hop_key) {
    return tl::unexpected(hop_key.error());
  }
  if (!hopSignedBy(d, *hop_key)) {
    return refuse("bad hop signature");
  }
  if (self.role == "hub" && d.envelope.sender != d.sender) {
    return refuse("a member relaying another's message");
  }
  auto envelope_key = signingKeyOf(sql, d.envelope.key_id, d.envelope.sender);
  if (!envelope_key) {
    return tl::unexpected(envelope_key.error());
  }
  if (!envelopeSignedBy(d.envelope, *envelope_key)) {
    return refuse("bad envelope signature");
  }
  return {};
}

domain::Status takeIntoInbox(store::WriteContext& w, const NetworkContext& ctx,
                             const Identity& self, const Envelope& e, Receipt& receipt) {
  auto seen = store::inboxHas(w.sql(), e.message_id);
  if (!seen) {
    return tl::unexpected(seen.error());
  }
  if (*seen) {
    receipt = Receipt::kDuplicate;
    return {};
  }
  const MessageHandler* handler = ctx.handlers.find(e.kind);
  if (handler == nullptr) {
    return domain::invalidField("kind", "This instance does not act on messages of this kind.");
  }
  store::InboxMessage row{e.message_id, e.sender, e.kind, e.body, 0};
  if (auto inserted = store::insertInbox(w, row); !inserted) {
    return inserted;
  }
  if (auto acted = (*handler)(w, self, e); !acted) {
    return acted;
  }
  receipt = Receipt::kAccepted;
  return store::touchNetworkMember(w, e.sender);
}

domain::Status relay(store::WriteContext& w, const Envelope& e, Receipt& receipt) {
  receipt = Receipt::kRelayed;
  auto seen = store::relayHas(w.sql(), e.message_id);
  if (!seen) {
    return tl::unexpected(seen.error());
  }
  if (*seen) {
    return {};
  }
  auto member = store::findNetworkMember(w.sql(), e.receiver);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (!member->has_value() || (*member)->status != "active" || (*member)->is_hub) {
    return domain::invalidField("receiver", "No active member of the network has this code.");
  }
  const auto size = static_cast<std::int64_t>(e.body.size());
  store::RelayRecord record{e.message_id, e.sender, e.receiver, e.kind, size, 0};
  if (auto inserted = store::insertRelay(w, record); !inserted) {
    return inserted;
  }
  store::OutboxMessage row;
  row.message_id = e.message_id;
  row.destination_code = (*member)->code;
  row.destination_url = (*member)->url;
  row.kind = e.kind;
  row.envelope = envelopeJson(e);
  row.size_bytes = size;
  row.next_attempt_at = w.now();
  if (auto queued = store::enqueueOutbox(w, row); !queued) {
    return queued;
  }
  return store::touchNetworkMember(w, e.sender);
}

}  // namespace

domain::Error refusal(std::string reason) {
  return domain::Error{domain::ErrorCode::kUnauthenticated,
                       "This message is not signed correctly by a member of this network.", "",
                       std::move(reason)};
}

domain::Result<Receipt> receiveDelivery(const NetworkContext& ctx, std::string_view json) {
  auto d = parseDelivery(json);
  if (!d) {
    return refuse(d.error().detail);
  }
  auto self = loadIdentity(ctx.db, ctx.vault);
  if (!self) {
    return tl::unexpected(self.error());
  }
  if (self->instance.role.empty() || d->receiver != self->instance.code) {
    return refuse("not for this instance");
  }
  const domain::UnixMillis now = domain::nowMillis();
  if (isStale(d->timestamp, now)) {
    return refuse("stale");
  }
  domain::Status checked;
  ctx.db.read([&](soci::session& sql) { checked = checkSignatures(sql, self->instance, *d); });
  if (!checked) {
    return tl::unexpected(checked.error());
  }
  Receipt receipt = Receipt::kAccepted;
  auto stored = ctx.db.write([&](store::WriteContext& w) -> domain::Status {
    if (auto fresh = store::recordNonce(w, d->nonce, now - 2 * kSkewWindowMs); !fresh) {
      return refuse("replayed");
    }
    if (d->envelope.receiver == self->instance.code) {
      return takeIntoInbox(w, ctx, *self, d->envelope, receipt);
    }
    if (self->instance.role != "hub") {
      return refuse("envelope not for this instance");
    }
    return relay(w, d->envelope, receipt);
  });
  if (!stored) {
    return tl::unexpected(stored.error());
  }
  return receipt;
}

}  // namespace strada::network
