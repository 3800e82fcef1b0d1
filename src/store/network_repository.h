// The network's transport in the store (migration 0027, network/): this instance's place and
// keys, the member registry and the other instances' public keys, seen nonces, the outbox, the
// inbox and the hub's relay metadata.
//
// Key material is opaque here: the secret halves arrive sealed and leave sealed (network/identity
// seals and opens them through the vault). Errors: Internal for any database failure (its text in
// `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct NetworkInstance {
  std::string code, name, country, url;
  std::string role;  // "", "hub", "member"
  std::string hub_url, hub_code;
  std::string membership;  // member side: "", "pending", "active", "revoked"
  domain::UnixMillis updated_at = 0;
};
// The row, or an empty NetworkInstance when there is none yet.
[[nodiscard]] domain::Result<NetworkInstance> loadNetworkInstance(soci::session& sql);
[[nodiscard]] domain::Status saveNetworkInstance(WriteContext& w, const NetworkInstance& instance);

struct OwnNetworkKey {
  std::string key_id;
  std::string signing_public, box_public;                // raw bytes
  std::string signing_secret_sealed, box_secret_sealed;  // opaque sealed bytes
  std::string status;                                    // "current", "retired"
  domain::UnixMillis created_at = 0;
  domain::UnixMillis retired_at = 0;
};
// This instance's keys, the current one first.
[[nodiscard]] domain::Result<std::vector<OwnNetworkKey>> listOwnNetworkKeys(soci::session& sql);
[[nodiscard]] domain::Status insertOwnNetworkKey(WriteContext& w, const OwnNetworkKey& key);
// Marks the current key retired.
[[nodiscard]] domain::Status retireCurrentNetworkKey(WriteContext& w);

struct NetworkMember {
  std::string code, name, country, url;
  std::string key_id;
  std::string status;  // "pending", "active", "revoked"
  bool is_hub = false;
  domain::UnixMillis joined_at = 0, approved_at = 0, revoked_at = 0, last_message_at = 0;
  std::string approved_by, revoked_by, revoke_reason;
  std::int32_t version = 1;
};
[[nodiscard]] domain::Result<std::optional<NetworkMember>> findNetworkMember(
    soci::session& sql, const std::string& code);
// Every member, by code.
[[nodiscard]] domain::Result<std::vector<NetworkMember>> listNetworkMembers(soci::session& sql);
// Inserts the member, or replaces every column of the one with its code.
[[nodiscard]] domain::Status putNetworkMember(WriteContext& w, const NetworkMember& member);
[[nodiscard]] domain::Status touchNetworkMember(WriteContext& w, const std::string& code);

struct PeerKey {
  std::string key_id;
  std::string member_code;
  std::string signing_public, box_public;  // raw bytes
  std::string status;                      // "active", "retired", "revoked"
  domain::UnixMillis added_at = 0;
};
[[nodiscard]] domain::Result<std::optional<PeerKey>> findPeerKey(soci::session& sql,
                                                                 const std::string& key_id);
// Inserts the key or replaces its row.
[[nodiscard]] domain::Status putPeerKey(WriteContext& w, const PeerKey& key);
// Every key of `member_code` gets `status` (a revocation).
[[nodiscard]] domain::Status setPeerKeysStatus(WriteContext& w, const std::string& member_code,
                                               const std::string& status);

// Records a nonce; Conflict when it was seen already. Forgets nonces seen before `forget_before`.
[[nodiscard]] domain::Status recordNonce(WriteContext& w, const std::string& nonce,
                                         domain::UnixMillis forget_before);

struct OutboxMessage {
  std::string message_id;
  std::string destination_code, destination_url;
  std::string kind;
  std::string envelope;  // JSON text
  std::int64_t size_bytes = 0;
  std::int32_t attempts = 0;
  domain::UnixMillis next_attempt_at = 0;
  std::string last_error;
  domain::UnixMillis created_at = 0;
  domain::UnixMillis acknowledged_at = 0;
};
// Inserts the message; nothing when one with its id is queued already.
[[nodiscard]] domain::Status enqueueOutbox(WriteContext& w, const OutboxMessage& message);
// Messages not yet acknowledged whose next attempt is due at `now`, the most overdue first.
[[nodiscard]] domain::Result<std::vector<OutboxMessage>> dueOutbox(soci::session& sql,
                                                                   domain::UnixMillis now,
                                                                   int limit);
// Every message not yet acknowledged (the coordinator's and the tests' view).
[[nodiscard]] domain::Result<std::vector<OutboxMessage>> pendingOutbox(soci::session& sql);
// Acknowledged at w.now(); with `forget_envelope` its envelope is emptied (a relayed message).
[[nodiscard]] domain::Status acknowledgeOutbox(WriteContext& w, const std::string& message_id,
                                               bool forget_envelope);
[[nodiscard]] domain::Status deferOutbox(WriteContext& w, const std::string& message_id,
                                         std::int32_t attempts, domain::UnixMillis next_attempt_at,
                                         const std::string& error_class);

struct InboxMessage {
  std::string message_id, sender_code, kind, body;
  domain::UnixMillis received_at = 0;
};
[[nodiscard]] domain::Result<bool> inboxHas(soci::session& sql, const std::string& message_id);
[[nodiscard]] domain::Status insertInbox(WriteContext& w, const InboxMessage& message);
// Messages received of `kind`, oldest first.
[[nodiscard]] domain::Result<std::vector<InboxMessage>> listInbox(soci::session& sql,
                                                                  const std::string& kind);

struct RelayRecord {
  std::string message_id, sender_code, receiver_code, kind;
  std::int64_t size_bytes = 0;
  domain::UnixMillis received_at = 0;
};
[[nodiscard]] domain::Result<bool> relayHas(soci::session& sql, const std::string& message_id);
[[nodiscard]] domain::Status insertRelay(WriteContext& w, const RelayRecord& relay);

}  // namespace strada::store
