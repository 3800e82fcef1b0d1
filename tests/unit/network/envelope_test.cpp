#include "network/envelope.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "network/outbox.h"

namespace strada::network {
namespace {

class EnvelopeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(crypto::initialise().has_value()); }

  static Envelope sample() {
    return Envelope{"0123456789abcdef0123456789abcdef",
                    "NL",
                    "RO",
                    "network.ping",
                    1764491990123,
                    "0011223344556677",
                    "{\"a\":1}",
                    {}};
  }
};

TEST_F(EnvelopeTest, CanonicalFormIsTheDocumentedBytes) {
  EXPECT_EQ(canonicalEnvelope(sample()),
            "strada-envelope/1\n0123456789abcdef0123456789abcdef\nNL\nRO\nnetwork.ping\n"
            "1764491990123\n0011223344556677\n{\"a\":1}");
  Delivery d{"fedcba9876543210fedcba9876543210",
             "HUB",
             "RO",
             1764491990999,
             "8899aabbccddeeff",
             {},
             sample()};
  d.envelope.signature = std::string(64, '\x01');
  EXPECT_EQ(canonicalHop(d),
            "strada-hop/1\nfedcba9876543210fedcba9876543210\nHUB\nRO\n"
            "1764491990999\n8899aabbccddeeff\n0123456789abcdef0123456789abcdef\n" +
                crypto::toBase64Url(std::string(64, '\x01')));
}

TEST_F(EnvelopeTest, SignedDeliveryRoundTripsAndVerifies) {
  const crypto::KeyPair key = crypto::generateSigningKeyPair();
  Envelope e = sample();
  e.key_id = keyIdOf(key.public_key);
  signEnvelope(e, key.secret);
  Delivery d{newMessageId(), "NL", "HUB", 1, e.key_id, {}, e};
  signHop(d, key.secret);
  auto parsed = parseDelivery(deliveryJson(d));
  ASSERT_TRUE(parsed.has_value()) << parsed.error().detail;
  EXPECT_TRUE(hopSignedBy(*parsed, key.public_key));
  EXPECT_TRUE(envelopeSignedBy(parsed->envelope, key.public_key));
  EXPECT_EQ(parsed->envelope.body, e.body);
  // Any change of the body breaks the envelope's signature, not the hop's.
  parsed->envelope.body = "{\"a\":2}";
  EXPECT_FALSE(envelopeSignedBy(parsed->envelope, key.public_key));
  EXPECT_TRUE(hopSignedBy(*parsed, key.public_key));
}

TEST_F(EnvelopeTest, MalformedDeliveriesAreRefused) {
  for (const char* text : {"", "[]", "{}", "{\"version\":1,\"hop\":{},\"envelope\":{}}",
                           "{\"version\":2,\"hop\":{},\"envelope\":{}}"}) {
    EXPECT_FALSE(parseDelivery(text).has_value()) << text;
  }
  Envelope e = sample();
  e.signature = std::string(64, 'x');
  std::string json = envelopeJson(e);
  EXPECT_TRUE(parseEnvelope(json).has_value());
  e.sender = "bad code!";
  EXPECT_FALSE(parseEnvelope(envelopeJson(e)).has_value());
  e = sample();
  e.signature = std::string(64, 'x');
  e.body = "not json";
  EXPECT_FALSE(parseEnvelope(envelopeJson(e)).has_value());
  e.body = "{}";
  e.signature = "short";
  EXPECT_FALSE(parseEnvelope(envelopeJson(e)).has_value());
}

TEST_F(EnvelopeTest, KeyIdIsTheHexOfThePublicKeysFirstEightBytes) {
  EXPECT_EQ(keyIdOf(std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x09", 9)), "0102030405060708");
}

TEST_F(EnvelopeTest, BackoffDoublesWithJitterUpToTheCap) {
  DeliveryOptions o;
  o.base_backoff = std::chrono::milliseconds(1000);
  o.max_backoff = std::chrono::milliseconds(8000);
  for (int i = 0; i < 50; ++i) {
    const auto first = backoffAfter(1, o).count();
    EXPECT_GE(first, 500);
    EXPECT_LE(first, 1000);
    const auto third = backoffAfter(3, o).count();
    EXPECT_GE(third, 2000);
    EXPECT_LE(third, 4000);
    const auto late = backoffAfter(40, o).count();
    EXPECT_GE(late, 4000);
    EXPECT_LE(late, 8000);
  }
}

}  // namespace
}  // namespace strada::network
