// The signed envelope of every instance-to-instance message, and the signed hop that carries it
// over one HTTP request (docs/network.md, "The envelope").
//
// An Envelope is what its originator says: message id (16 random bytes, hex: also the key of the
// receiver's inbox), sender and receiver codes, kind, creation time, the id of the originator's
// key, and the body (JSON text, opaque here), signed with the originator's Ed25519 key over
// canonicalEnvelope(). The hub relays an envelope unchanged.
//
// A Delivery is one attempt to hand an envelope to the next instance: a fresh nonce, the hop's
// sender and receiver, the time of sending and the sending instance's key id, signed over
// canonicalHop(), which binds the envelope's message id and signature. The receiver refuses a
// delivery that is stale, replayed (its nonce seen), unsigned or badly signed; because each retry
// is a new delivery, a message retried after a week offline still arrives, and a retried message
// already received is acknowledged without acting twice (its message id is in the inbox).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/secret.h"
#include "domain/error.h"
#include "domain/time.h"

namespace strada::network {

inline constexpr int kProtocolVersion = 1;
// A delivery older or newer than this (the clock skew window) is refused as stale.
inline constexpr domain::UnixMillis kSkewWindowMs = 5LL * 60 * 1000;
// The largest delivery accepted (the JSON request body).
inline constexpr std::size_t kMaxDeliveryBytes = std::size_t{1} << 20;

struct Envelope {
  std::string message_id;  // 32 lower-case hex
  std::string sender;      // a member code
  std::string receiver;    // a member code; "" only for network.join
  std::string kind;        // "network.ping", "referral.send", ...
  domain::UnixMillis timestamp = 0;
  std::string key_id;     // the originator's signing key
  std::string body;       // JSON text
  std::string signature;  // 64 raw bytes
};

struct Delivery {
  std::string nonce;     // 32 lower-case hex, fresh for every attempt
  std::string sender;    // the sending instance's code
  std::string receiver;  // the receiving instance's code; "" only for a join request
  domain::UnixMillis timestamp = 0;
  std::string key_id;
  std::string signature;  // 64 raw bytes
  Envelope envelope;
};

// 16 random bytes as 32 lower-case hex: a message id or a nonce.
std::string newMessageId();
// The id of a signing public key: the lower-case hex of its first 8 bytes.
std::string keyIdOf(std::string_view signing_public);

// The bytes an envelope's signature covers (docs/network.md):
// "strada-envelope/1\n" message_id "\n" sender "\n" receiver "\n" kind "\n" timestamp "\n"
// key_id "\n" body — the timestamp in decimal, the body's bytes as sent, to the end.
std::string canonicalEnvelope(const Envelope& e);
// "strada-hop/1\n" nonce "\n" sender "\n" receiver "\n" timestamp "\n" key_id "\n"
// envelope.message_id "\n" base64url(envelope.signature).
std::string canonicalHop(const Delivery& d);

// Fills e.signature / d.signature with the Ed25519 signature by `seed`.
void signEnvelope(Envelope& e, const crypto::SecretKey& seed);
void signHop(Delivery& d, const crypto::SecretKey& seed);
[[nodiscard]] bool envelopeSignedBy(const Envelope& e, std::string_view signing_public);
[[nodiscard]] bool hopSignedBy(const Delivery& d, std::string_view signing_public);

// JSON text of an envelope, and of a delivery ({"version", "hop": {...}, "envelope": {...}}).
std::string envelopeJson(const Envelope& e);
std::string deliveryJson(const Delivery& d);
// Strict parsing: every field present, of its shape (codes, hex ids, kind names, a JSON object
// as body). InvalidArgument with the reason in `detail` only: the caller answers the one refusal.
[[nodiscard]] domain::Result<Envelope> parseEnvelope(std::string_view json);
[[nodiscard]] domain::Result<Delivery> parseDelivery(std::string_view json);

// A member code: 1 to 32 of A-Z a-z 0-9 - _.
[[nodiscard]] bool isMemberCode(std::string_view code);

}  // namespace strada::network
