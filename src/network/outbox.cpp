#include "network/outbox.h"

#include <algorithm>
#include <random>

#include "network/envelope.h"
#include "network/referrals.h"
#include "observe/log.h"
#include "store/network_repository.h"

namespace strada::network {
namespace {

constexpr int kBatch = 32;

// Where a message from this instance to `receiver` goes first: (code, URL) of the next instance.
domain::Result<std::pair<std::string, std::string>> nextHop(soci::session& sql,
                                                            const Identity& self,
                                                            const std::string& receiver) {
  if (self.instance.role == "member") {
    return std::pair{self.instance.hub_code, self.instance.hub_url};
  }
  auto member = store::findNetworkMember(sql, receiver);
  if (!member) {
    return tl::unexpected(member.error());
  }
  if (!member->has_value() || (*member)->status != "active") {
    return domain::invalidField("receiver", "No active member of the network has this code.");
  }
  return std::pair{(*member)->code, (*member)->url};
}

// What went wrong with an answer, in a word for the log and the outbox row.
std::string errorClassOf(unsigned status) {
  if (status == 401) {
    return "refused";
  }
  return status >= 500 ? "http_5xx" : "http_4xx";
}

// One attempt at one message: true when it was acknowledged.
bool deliverOne(store::Database& db, const vault::Vault& vault, const Identity& current,
                const store::OutboxMessage& message, const DeliveryOptions& options) {
  auto envelope = parseEnvelope(message.envelope);
  std::string error_class;
  // Our own message goes with the key that signed it (the receiver may not know a newer one
  // yet: a key_rotated message is signed with the old key); a relayed one with the current key.
  std::optional<domain::Result<Identity>> signer;
  if (envelope && envelope->sender == current.instance.code && envelope->key_id != current.key_id) {
    signer.emplace(loadIdentity(db, vault, envelope->key_id));
  }
  if (!envelope || (signer && !*signer)) {
    error_class = "malformed";
  } else {
    const Identity& self = signer ? **signer : current;
    Delivery d{newMessageId(),      self.instance.code, message.destination_code,
               domain::nowMillis(), self.key_id,        {},
               std::move(*envelope)};
    signHop(d, self.signing_seed);
    auto reply = postJson(message.destination_url + "/federation/v1/messages", deliveryJson(d),
                          options.http);
    if (reply && reply->status >= 200 && reply->status < 300) {
      const bool relayed = d.envelope.sender != current.instance.code;
      auto acknowledged = db.write([&](store::WriteContext& w) {
        return store::acknowledgeOutbox(w, message.message_id, relayed);
      });
      return acknowledged.has_value();
    }
    error_class = reply ? errorClassOf(reply->status) : reply.error().detail;
  }
  const int attempts = message.attempts + 1;
  const auto wait = backoffAfter(attempts, options);
  observe::logWarn("network delivery deferred", {{"kind", message.kind},
                                                 {"destination", message.destination_code},
                                                 {"attempts", attempts},
                                                 {"error", error_class},
                                                 {"retry_in_ms", wait.count()}});
  auto deferred = db.write([&](store::WriteContext& w) {
    return store::deferOutbox(w, message.message_id, attempts, w.now() + wait.count(), error_class);
  });
  static_cast<void>(deferred);
  return false;
}

}  // namespace

domain::Status sendMessage(store::WriteContext& w, const Identity& self,
                           const std::string& receiver, const std::string& kind,
                           const std::string& body) {
  auto hop = nextHop(w.sql(), self, receiver);
  if (!hop) {
    return tl::unexpected(hop.error());
  }
  Envelope e{newMessageId(), self.instance.code, receiver, kind, w.now(), self.key_id, body, {}};
  signEnvelope(e, self.signing_seed);
  store::OutboxMessage row;
  row.message_id = e.message_id;
  row.destination_code = hop->first;
  row.destination_url = hop->second;
  row.kind = kind;
  row.envelope = envelopeJson(e);
  row.size_bytes = static_cast<std::int64_t>(e.body.size());
  row.next_attempt_at = w.now();
  return store::enqueueOutbox(w, row);
}

domain::Status sendToActiveMembers(store::WriteContext& w, const Identity& self,
                                   const std::string& kind, const std::string& body,
                                   const std::string& except) {
  auto members = store::listNetworkMembers(w.sql());
  if (!members) {
    return tl::unexpected(members.error());
  }
  for (const auto& member : *members) {
    if (member.status != "active" || member.is_hub || member.code == self.instance.code ||
        member.code == except) {
      continue;
    }
    if (auto sent = sendMessage(w, self, member.code, kind, body); !sent) {
      return sent;
    }
  }
  return {};
}

std::chrono::milliseconds backoffAfter(int attempts, const DeliveryOptions& options) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const auto full = std::min<std::chrono::milliseconds::rep>(
      options.max_backoff.count(), options.base_backoff.count() * (std::int64_t{1} << doublings));
  thread_local std::mt19937_64 random{std::random_device{}()};
  std::uniform_int_distribution<std::chrono::milliseconds::rep> jitter(0,
                                                                       std::max<long>(full / 2, 0));
  return std::chrono::milliseconds(full - full / 2 + jitter(random));
}

int deliverDueMessages(store::Database& db, const vault::Vault& vault,
                       const DeliveryOptions& options, DeliveryCounters* counters) {
  domain::Result<std::vector<store::OutboxMessage>> due;
  db.read([&](soci::session& sql) { due = store::dueOutbox(sql, domain::nowMillis(), kBatch); });
  if (!due || due->empty()) {
    return 0;
  }
  auto self = loadIdentity(db, vault);
  if (!self) {
    observe::logWarn("network delivery paused", {{"reason", self.error().detail}});
    return 0;
  }
  int acknowledged = 0;
  for (const auto& message : *due) {
    const bool done = deliverOne(db, vault, *self, message, options);
    acknowledged += done ? 1 : 0;
    if (counters != nullptr) {
      (done ? counters->acknowledged : counters->deferred).fetch_add(1);
    }
  }
  return acknowledged;
}

OutboxWorker::OutboxWorker(store::Database& db, const vault::Vault& vault, DeliveryOptions options)
    : db_(db), vault_(vault), options_(std::move(options)) {}

OutboxWorker::~OutboxWorker() { stop(); }

void OutboxWorker::start() {
  thread_ = std::thread([this] { run(); });
}

void OutboxWorker::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void OutboxWorker::run() {
  std::unique_lock lock(mutex_);
  auto next_sweep = std::chrono::steady_clock::now() + options_.sweep_interval;
  while (!stopping_) {
    lock.unlock();
    if (options_.sweep_interval.count() > 0 && std::chrono::steady_clock::now() >= next_sweep) {
      next_sweep = std::chrono::steady_clock::now() + options_.sweep_interval;
      if (auto swept = sweepReferrals(db_, vault_, domain::nowMillis()); !swept) {
        observe::logWarn("referral sweep failed", {{"reason", swept.error().detail}});
      }
    }
    deliverDueMessages(db_, vault_, options_, &counters_);
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
  }
}

}  // namespace strada::network
