// The durable outbox: every message this instance sends (or relays, at the hub) is a row of
// network_outbox, written in the transaction of the change that sends it, and delivered by the
// OutboxWorker until the receiver acknowledges it with a 2xx. Nothing acknowledged is lost across
// restarts; a message may arrive twice (the receiver's inbox makes that harmless).
//
// Back-off: attempt n waits min(max_backoff, base_backoff * 2^(n-1)), of which a random half is
// jitter (so members coming back together do not all retry at once).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "domain/error.h"
#include "network/http_client.h"
#include "network/identity.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::network {

// Builds an envelope from this instance to `receiver` (signed with the current key) and queues
// it. A hub sends to the member's URL; a member sends everything to the hub, which relays.
// InvalidArgument (field "receiver") when the receiver is not an instance this one can reach.
[[nodiscard]] domain::Status sendMessage(store::WriteContext& w, const Identity& self,
                                         const std::string& receiver, const std::string& kind,
                                         const std::string& body);
// The same to every active member but this instance and `except`.
[[nodiscard]] domain::Status sendToActiveMembers(store::WriteContext& w, const Identity& self,
                                                 const std::string& kind, const std::string& body,
                                                 const std::string& except = {});

struct DeliveryOptions {
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds base_backoff{2000};
  std::chrono::milliseconds max_backoff{std::chrono::hours(1)};
  HttpClientOptions http;
  // How often the worker runs the referrals' deadline sweep (network/referrals.h); 0 never.
  std::chrono::milliseconds sweep_interval{std::chrono::minutes(1)};
};

// What the worker did, for the metrics (strada_network_outbox_*_total).
struct DeliveryCounters {
  std::atomic<std::uint64_t> acknowledged{0};
  std::atomic<std::uint64_t> deferred{0};
};

// The wait before attempt `attempts` + 1, jittered.
std::chrono::milliseconds backoffAfter(int attempts, const DeliveryOptions& options);

// Sends every due message once, counting in `counters` (may be null); the number acknowledged.
int deliverDueMessages(store::Database& db, const vault::Vault& vault,
                       const DeliveryOptions& options, DeliveryCounters* counters = nullptr);

// Delivers due messages on a thread of its own until stopped (or destroyed), and runs the
// referrals' deadline sweep every options.sweep_interval.
class OutboxWorker {
 public:
  OutboxWorker(store::Database& db, const vault::Vault& vault, DeliveryOptions options);
  ~OutboxWorker();
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;
  void start();
  // Finishes the delivery in progress (bounded by the HTTP timeout) and joins the thread.
  void stop();
  [[nodiscard]] const DeliveryCounters& counters() const { return counters_; }

 private:
  void run();
  store::Database& db_;
  const vault::Vault& vault_;
  DeliveryOptions options_;
  DeliveryCounters counters_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace strada::network
