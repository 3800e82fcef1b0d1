// Receiving a delivery (POST /federation/v1/messages) and a join request (POST
// /federation/v1/join): every check of docs/network.md, "What the receiver refuses".
//
// A refusal is Unauthenticated with one message for every reason and the reason in `detail`
// (stale, replayed, unsigned, bad signature, unknown key, revoked key, ...): the route answers
// the same 401 to all of them and logs the detail. A delivery that passes is acknowledged only
// once what it carries is durable: in this instance's inbox (acted on by its handler in the same
// transaction) or, at the hub, queued for the receiver with its routing metadata.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "network/message_handlers.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::network {

struct NetworkContext {
  store::Database& db;
  const vault::Vault& vault;
  const MessageHandlers& handlers;
};

enum class Receipt {
  kAccepted,   // new: in the inbox and acted on
  kDuplicate,  // received before: acknowledged, not acted on again
  kRelayed,    // the hub queued it for its receiver
};

// InvalidArgument naming "kind" or "receiver" for a well-signed delivery this instance cannot
// act on; Unauthenticated for every refusal.
[[nodiscard]] domain::Result<Receipt> receiveDelivery(const NetworkContext& ctx,
                                                      std::string_view json);

// A join request accepted at the hub (stored pending): the hub's code and public keys.
struct JoinAnswer {
  std::string hub_code, key_id;
  std::string signing_public, box_public;  // raw bytes
};
// Conflict (field "code") when another instance holds the code; Unauthenticated for a refusal.
[[nodiscard]] domain::Result<JoinAnswer> receiveJoin(const NetworkContext& ctx,
                                                     std::string_view json);

// The one answer to every refusal.
domain::Error refusal(std::string reason);

}  // namespace strada::network
