#include "audit/audit_event.h"

#include <utility>

#include "crypto/crypto.h"

namespace strada::audit {

namespace {

// "<decimal length>:<bytes>;" — a field can hold any byte, ':' and ';' included, and no two
// different events encode to the same text.
void appendField(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out += field;
  out += ';';
}

std::string eventLabel(std::int64_t seq) { return "event " + std::to_string(seq) + ": "; }

std::string encode(const AuditEvent& event) {
  std::string encoded;
  encoded.reserve(256);
  appendField(encoded, std::to_string(event.seq));
  appendField(encoded, std::to_string(event.at));
  appendField(encoded, event.input.actor_user_id);
  appendField(encoded, event.input.org_id);
  appendField(encoded, event.input.action);
  appendField(encoded, event.input.object_type);
  appendField(encoded, event.input.object_id);
  appendField(encoded, event.input.request_id);
  appendField(encoded, event.prev_hash);
  return encoded;
}

}  // namespace

const std::string& genesisHash() {
  static const std::string kGenesis(64, '0');
  return kGenesis;
}

std::string computeHash(const AuditEvent& event) { return crypto::sha256Hex(encode(event)); }

std::string computeMac(std::string_view mac_key, const AuditEvent& event) {
  if (mac_key.empty()) {
    return computeHash(event);
  }
  return crypto::toHex(crypto::hmacSha256(mac_key, encode(event)));
}

void chain(const std::optional<AuditEvent>& prev, AuditEvent& next, std::string_view mac_key) {
  if (prev) {
    next.seq = prev->seq + 1;
    next.prev_hash = prev->hash;
  } else {
    next.seq = 1;
    next.prev_hash = genesisHash();
  }
  next.hash = computeMac(mac_key, next);
}

bool ChainVerifier::feed(const AuditEvent& event) {
  if (broken_) {
    return false;
  }
  std::string problem;
  if (event.seq != expected_seq_) {
    problem = eventLabel(expected_seq_) + "expected seq " + std::to_string(expected_seq_) +
              ", found " + std::to_string(event.seq) + " (an event was removed or reordered)";
  } else if (event.prev_hash != prev_hash_) {
    problem = expected_seq_ == 1
                  ? eventLabel(expected_seq_) + "prev_hash is not the genesis hash (altered)"
                  : eventLabel(expected_seq_) + "prev_hash does not match event " +
                        std::to_string(expected_seq_ - 1) + " (reordered or altered)";
  } else if (computeMac(mac_key_, event) != event.hash) {
    problem = eventLabel(expected_seq_) +
              (mac_key_.empty() ? "its hash does not match its content (altered)"
                                : "its MAC does not match its content (altered, or chained "
                                  "again without the audit key)");
  }
  if (!problem.empty()) {
    broken_ = true;
    broken_seq_ = expected_seq_;
    problem_ = std::move(problem);
    return false;
  }
  ++count_;
  ++expected_seq_;
  prev_hash_ = event.hash;
  return true;
}

}  // namespace strada::audit
