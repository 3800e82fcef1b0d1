#include "network/envelope.h"

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

#include "crypto/crypto.h"
#include "crypto/public_key.h"

namespace strada::network {
namespace {

constexpr std::size_t kIdHexChars = 32;
constexpr std::size_t kKeyIdHexChars = 16;
constexpr std::size_t kMaxCodeChars = 32;
constexpr std::size_t kMaxKindChars = 64;

tl::unexpected<domain::Error> malformed(std::string reason) {
  return domain::fail(domain::ErrorCode::kInvalidArgument, "This message is malformed.", {},
                      std::move(reason));
}

bool isLowerHex(std::string_view s, std::size_t size) {
  return s.size() == size && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

bool isKind(std::string_view s) {
  return !s.empty() && s.size() <= kMaxKindChars && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

// The string member `key` of `o`; nullopt when absent or not a string.
std::optional<std::string> stringOf(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) {
    return std::nullopt;
  }
  return std::string(v->get_string());
}

std::optional<std::int64_t> integerOf(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64()) {
    return std::nullopt;
  }
  return v->get_int64();
}

domain::Result<std::string> signatureOf(const boost::json::object& o) {
  auto text = stringOf(o, "signature");
  if (!text) {
    return malformed("unsigned");
  }
  auto raw = crypto::fromBase64Url(*text);
  if (!raw || raw->size() != crypto::kSignatureBytes) {
    return malformed("unsigned");
  }
  return std::move(*raw);
}

boost::json::object envelopeObject(const Envelope& e) {
  boost::json::object o{{"version", kProtocolVersion}, {"timestamp", e.timestamp}};
  for (const auto& [name, text] :
       {std::pair<const char*, const std::string*>{"message_id", &e.message_id},
        {"sender", &e.sender},
        {"receiver", &e.receiver},
        {"kind", &e.kind},
        {"key_id", &e.key_id},
        {"body", &e.body}}) {
    o[name] = *text;
  }
  o["signature"] = crypto::toBase64Url(e.signature);
  return o;
}

domain::Result<Envelope> envelopeFrom(const boost::json::object& o) {
  if (integerOf(o, "version") != kProtocolVersion) {
    return malformed("unknown envelope version");
  }
  auto id = stringOf(o, "message_id");
  auto sender = stringOf(o, "sender");
  auto receiver = stringOf(o, "receiver");
  auto kind = stringOf(o, "kind");
  auto timestamp = integerOf(o, "timestamp");
  auto key_id = stringOf(o, "key_id");
  auto body = stringOf(o, "body");
  if (!id || !sender || !receiver || !kind || !timestamp || !key_id || !body || o.size() != 9) {
    return malformed("envelope fields");
  }
  if (!isLowerHex(*id, kIdHexChars) || !isMemberCode(*sender) ||
      (!receiver->empty() && !isMemberCode(*receiver)) || !isKind(*kind) ||
      !isLowerHex(*key_id, kKeyIdHexChars)) {
    return malformed("envelope field shapes");
  }
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(*body, ec);
  if (ec || !parsed.is_object()) {
    return malformed("envelope body is not a JSON object");
  }
  auto signature = signatureOf(o);
  if (!signature) {
    return tl::unexpected(signature.error());
  }
  return Envelope{std::move(*id), std::move(*sender), std::move(*receiver), std::move(*kind),
                  *timestamp,     std::move(*key_id), std::move(*body),     std::move(*signature)};
}

// `parts` joined by "\n" (none after the last): the canonical forms.
std::string joinedByLineFeeds(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) {
    if (!out.empty()) {
      out += '\n';
    }
    out += part;
  }
  return out;
}

domain::Result<boost::json::object> objectOf(std::string_view json) {
  boost::system::error_code ec;
  auto value = boost::json::parse(json, ec);
  if (ec || !value.is_object()) {
    return malformed("not a JSON object");
  }
  return std::move(value.as_object());
}

}  // namespace

std::string newMessageId() { return crypto::toHex(crypto::randomBytes(16)); }

std::string keyIdOf(std::string_view signing_public) {
  return crypto::toHex(signing_public.substr(0, 8));
}

bool isMemberCode(std::string_view code) {
  return !code.empty() && code.size() <= kMaxCodeChars &&
         std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

std::string canonicalEnvelope(const Envelope& e) {
  const std::string timestamp = std::to_string(e.timestamp);
  return joinedByLineFeeds({"strada-envelope/1", e.message_id, e.sender, e.receiver, e.kind,
                            timestamp, e.key_id, e.body});
}

std::string canonicalHop(const Delivery& d) {
  const std::string timestamp = std::to_string(d.timestamp);
  const std::string envelope_signature = crypto::toBase64Url(d.envelope.signature);
  return joinedByLineFeeds({"strada-hop/1", d.nonce, d.sender, d.receiver, timestamp, d.key_id,
                            d.envelope.message_id, envelope_signature});
}

void signEnvelope(Envelope& e, const crypto::SecretKey& seed) {
  e.signature = crypto::signDetached(seed, canonicalEnvelope(e));
}

void signHop(Delivery& d, const crypto::SecretKey& seed) {
  d.signature = crypto::signDetached(seed, canonicalHop(d));
}

bool envelopeSignedBy(const Envelope& e, std::string_view signing_public) {
  return crypto::verifyDetached(signing_public, canonicalEnvelope(e), e.signature);
}

bool hopSignedBy(const Delivery& d, std::string_view signing_public) {
  return crypto::verifyDetached(signing_public, canonicalHop(d), d.signature);
}

std::string envelopeJson(const Envelope& e) { return boost::json::serialize(envelopeObject(e)); }

std::string deliveryJson(const Delivery& d) {
  boost::json::object hop{
      {"nonce", d.nonce},       {"sender", d.sender},
      {"receiver", d.receiver}, {"timestamp", d.timestamp},
      {"key_id", d.key_id},     {"signature", crypto::toBase64Url(d.signature)}};
  boost::json::object out{{"version", kProtocolVersion},
                          {"hop", std::move(hop)},
                          {"envelope", envelopeObject(d.envelope)}};
  return boost::json::serialize(out);
}

domain::Result<Envelope> parseEnvelope(std::string_view json) {
  auto o = objectOf(json);
  if (!o) {
    return tl::unexpected(o.error());
  }
  return envelopeFrom(*o);
}

domain::Result<Delivery> parseDelivery(std::string_view json) {
  auto o = objectOf(json);
  if (!o) {
    return tl::unexpected(o.error());
  }
  const auto* hop = o->if_contains("hop");
  const auto* envelope = o->if_contains("envelope");
  if (integerOf(*o, "version") != kProtocolVersion || hop == nullptr || !hop->is_object() ||
      envelope == nullptr || !envelope->is_object() || o->size() != 3) {
    return malformed("delivery fields");
  }
  const auto& h = hop->get_object();
  auto nonce = stringOf(h, "nonce");
  auto sender = stringOf(h, "sender");
  auto receiver = stringOf(h, "receiver");
  auto timestamp = integerOf(h, "timestamp");
  auto key_id = stringOf(h, "key_id");
  if (!nonce || !sender || !receiver || !timestamp || !key_id || h.size() != 6 ||
      !isLowerHex(*nonce, kIdHexChars) || !isMemberCode(*sender) ||
      (!receiver->empty() && !isMemberCode(*receiver)) || !isLowerHex(*key_id, kKeyIdHexChars)) {
    return malformed("hop fields");
  }
  auto signature = signatureOf(h);
  if (!signature) {
    return tl::unexpected(signature.error());
  }
  auto env = envelopeFrom(envelope->get_object());
  if (!env) {
    return tl::unexpected(env.error());
  }
  return Delivery{std::move(*nonce),  std::move(*sender),    std::move(*receiver), *timestamp,
                  std::move(*key_id), std::move(*signature), std::move(*env)};
}

}  // namespace strada::network
