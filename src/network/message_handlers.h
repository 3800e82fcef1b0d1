// The kinds of message an instance acts on: kind -> the use case that acts on a verified
// envelope addressed to this instance. Later parts of the network register theirs
// ("referral.*", "report.*") beside the membership kinds (network/membership.h) and
// "network.ping".
//
// A handler runs inside the write job that records the message in the inbox: what it changes,
// and any message it sends (network/outbox.h: sendMessage), is durable together with the receipt
// before the sender is acknowledged, and a message received twice is acted on once.
//
// Thread safety: register every handler before the server starts; then read-only.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "domain/error.h"
#include "network/envelope.h"
#include "network/identity.h"
#include "store/database.h"

namespace strada::network {

// What a handler is given: the verified envelope and this instance (with its keys, to send).
using MessageHandler =
    std::function<domain::Status(store::WriteContext&, const Identity& self, const Envelope&)>;

class MessageHandlers {
 public:
  // Registers `handler` for `kind`; a second registration of one kind replaces the first.
  void add(std::string kind, MessageHandler handler);
  // The handler of `kind`, or null.
  [[nodiscard]] const MessageHandler* find(const std::string& kind) const;

 private:
  std::map<std::string, MessageHandler, std::less<>> handlers_;
};

// The kinds of the transport itself: "network.ping" (recorded, nothing else) and the membership
// kinds (network/membership.h).
MessageHandlers transportHandlers();

}  // namespace strada::network
