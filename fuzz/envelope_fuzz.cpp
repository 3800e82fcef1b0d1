// libFuzzer target for federation messages (network/envelope.h): the delivery an instance posts
// to another (parseDelivery) and the envelope it carries (parseEnvelope), then the checks the
// receiver makes: the hop's and the envelope's Ed25519 signatures by a known key, and the member
// codes. A message that parses is written back and must parse to the same fields, so that what
// the hub relays is what it received. Build and run: see fuzz/README.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/public_key.h"
#include "crypto/secret.h"
#include "network/envelope.h"

namespace {

using strada::network::Delivery;
using strada::network::Envelope;

// The signing key of the sending instance: a fixed seed, so that a committed seed input carries
// valid signatures (fuzz/corpus/envelope/signed_*).
const std::string& senderPublicKey() {
  static const std::string kKey = [] {
    auto seed = strada::crypto::SecretKey::fromBytes("strada-fuzz-envelope-seed-32byte");
    if (!seed) {
      __builtin_trap();
    }
    return strada::crypto::signingPublicKey(*seed);
  }();
  return kKey;
}

bool sameEnvelope(const Envelope& a, const Envelope& b) {
  return a.message_id == b.message_id && a.sender == b.sender && a.receiver == b.receiver &&
         a.kind == b.kind && a.timestamp == b.timestamp && a.key_id == b.key_id &&
         a.body == b.body && a.signature == b.signature;
}

void checkError(const strada::domain::Error& error) {
  // One refusal for every reason; the reason goes to `detail`, never the input itself.
  if (error.code != strada::domain::ErrorCode::kInvalidArgument || error.message.empty() ||
      error.detail.size() > 200) {
    __builtin_trap();
  }
}

void checkEnvelope(const Envelope& e) {
  if (!strada::network::isMemberCode(e.sender) ||
      (!e.receiver.empty() && !strada::network::isMemberCode(e.receiver)) ||
      e.message_id.size() != 32 || e.signature.size() != strada::crypto::kSignatureBytes) {
    __builtin_trap();
  }
  (void)strada::network::envelopeSignedBy(e, senderPublicKey());
  auto again = strada::network::parseEnvelope(strada::network::envelopeJson(e));
  if (!again || !sameEnvelope(*again, e)) {
    __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  if (size > strada::network::kMaxDeliveryBytes) {
    return 0;  // the route refuses a larger body before parsing it
  }
  if (auto delivery = strada::network::parseDelivery(json)) {
    const Delivery& d = *delivery;
    if (d.nonce.size() != 32 || !strada::network::isMemberCode(d.sender) ||
        d.signature.size() != strada::crypto::kSignatureBytes) {
      __builtin_trap();
    }
    (void)strada::network::hopSignedBy(d, senderPublicKey());
    checkEnvelope(d.envelope);
    auto again = strada::network::parseDelivery(strada::network::deliveryJson(d));
    if (!again || again->nonce != d.nonce || again->sender != d.sender ||
        again->receiver != d.receiver || again->timestamp != d.timestamp ||
        again->key_id != d.key_id || again->signature != d.signature ||
        !sameEnvelope(again->envelope, d.envelope)) {
      __builtin_trap();
    }
  } else {
    checkError(delivery.error());
  }
  if (auto envelope = strada::network::parseEnvelope(json)) {
    checkEnvelope(*envelope);
  } else {
    checkError(envelope.error());
  }
  return 0;
}
