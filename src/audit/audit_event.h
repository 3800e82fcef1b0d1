// The audit trail: an append-only, hash-chained list of who did what to which record.
//
// Each event carries the hash of the event before it, so altering, removing or reordering any
// event breaks the chain from that point on; `strada audit verify` walks it.
//
// The hash is a keyed MAC (HMAC-SHA-256 under the audit MAC key, a data key only the master key
// opens: vault/audit_keys.h), so whoever can write the database but lacks the master key cannot
// chain events again after removing some. The plain SHA-256 chain (no key) is the scheme of
// databases made before the keyed chain; their first start with the key chains every stored event
// again under it (store/audit_repository.h rechainAuditEvents) and then only the keyed chain is
// accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/time.h"

namespace strada::audit {

// What the caller of the store fills in; the store assigns seq, prev_hash and hash.
struct AuditEventInput {
  std::string actor_user_id;  // empty for an anonymous actor (a failed login)
  std::string org_id;         // empty when unknown
  std::string action;         // "contact.create", "contact.read", "session.create", ...
  std::string object_type;    // "contact", "user", "session", ... or empty
  std::string object_id;      // never personal data
  std::string request_id;     // empty outside HTTP (command line)
};

struct AuditEvent {
  std::int64_t seq = 0;  // 1, 2, 3, ... with no gaps
  domain::UnixMillis at = 0;
  AuditEventInput input;
  std::string prev_hash;  // 64 hex; the genesis event's prev_hash is 64 zeros
  std::string hash;       // 64 hex
};

// The genesis prev_hash: 64 '0' characters.
const std::string& genesisHash();

// SHA-256 (hex) over an unambiguous, length-prefixed encoding of every field except `hash`:
// for seq, at (both in decimal), actor_user_id, org_id, action, object_type, object_id,
// request_id and prev_hash, in that order, "<decimal byte length>:<bytes>;". Stored hashes
// depend on this encoding: never change it.
std::string computeHash(const AuditEvent& event);
// HMAC-SHA-256 (hex) under `mac_key` over the same encoding; computeHash when `mac_key` is empty
// (the legacy scheme).
std::string computeMac(std::string_view mac_key, const AuditEvent& event);

// Fills seq, prev_hash and hash of `next` so that it follows `prev` (or starts the chain when
// `prev` is empty), keyed with `mac_key` (empty: the legacy SHA-256 chain).
void chain(const std::optional<AuditEvent>& prev, AuditEvent& next, std::string_view mac_key = {});

// Walks events in seq order. Feed every event once, in the order read from storage (ascending
// seq); finish() reports the result.
class ChainVerifier {
 public:
  // `mac_key` (empty: the legacy SHA-256 chain) must outlive the verifier.
  explicit ChainVerifier(std::string_view mac_key = {}) : mac_key_(mac_key) {}
  // Returns false once the chain is broken; the rest of the events are then ignored.
  bool feed(const AuditEvent& event);
  // Events verified intact so far.
  [[nodiscard]] std::int64_t count() const { return count_; }
  [[nodiscard]] bool intact() const { return !broken_; }
  // "event 17: hash does not match its content" / "event 18: expected seq 18, found 19" / ...
  [[nodiscard]] const std::string& problem() const { return problem_; }
  // The seq at which the chain broke (the seq expected there); 0 while intact.
  [[nodiscard]] std::int64_t firstBrokenSeq() const { return broken_seq_; }

 private:
  std::string_view mac_key_;
  std::int64_t count_ = 0;
  std::int64_t expected_seq_ = 1;
  std::string prev_hash_ = genesisHash();
  bool broken_ = false;
  std::int64_t broken_seq_ = 0;
  std::string problem_;
};

}  // namespace strada::audit
