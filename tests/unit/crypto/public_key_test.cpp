#include "crypto/public_key.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

class PublicKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initialise().has_value()); }
};

TEST_F(PublicKeyTest, SignatureVerifiesWithItsPublicKeyOnly) {
  const KeyPair signer = generateSigningKeyPair();
  const KeyPair other = generateSigningKeyPair();
  ASSERT_EQ(signer.public_key.size(), kPublicKeyBytes);
  EXPECT_EQ(signingPublicKey(signer.secret), signer.public_key);
  const std::string signature = signDetached(signer.secret, "message");
  ASSERT_EQ(signature.size(), kSignatureBytes);
  EXPECT_TRUE(verifyDetached(signer.public_key, "message", signature));
  EXPECT_FALSE(verifyDetached(other.public_key, "message", signature));
  EXPECT_FALSE(verifyDetached(signer.public_key, "messagE", signature));
}

TEST_F(PublicKeyTest, TamperedOrMisSizedSignatureIsRefused) {
  const KeyPair signer = generateSigningKeyPair();
  std::string signature = signDetached(signer.secret, "message");
  signature[10] = static_cast<char>(signature[10] ^ 0x01);
  EXPECT_FALSE(verifyDetached(signer.public_key, "message", signature));
  EXPECT_FALSE(verifyDetached(signer.public_key, "message", ""));
  EXPECT_FALSE(verifyDetached("short", "message", signDetached(signer.secret, "message")));
}

TEST_F(PublicKeyTest, SignatureIsDeterministicForOneSeed) {
  auto seed = SecretKey::fromBytes(std::string(32, 'k'));
  ASSERT_TRUE(seed.has_value());
  EXPECT_EQ(signDetached(*seed, "m"), signDetached(*seed, "m"));
}

TEST_F(PublicKeyTest, SealedBoxOpensOnlyForItsReceiver) {
  const KeyPair receiver = generateBoxKeyPair();
  const KeyPair other = generateBoxKeyPair();
  EXPECT_EQ(boxPublicKey(receiver.secret), receiver.public_key);
  auto sealed = sealTo(receiver.public_key, "secret address");
  ASSERT_TRUE(sealed.has_value());
  EXPECT_EQ(sealed->find("secret address"), std::string::npos);
  auto opened = openSealed(receiver.public_key, receiver.secret, *sealed);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, "secret address");
  auto wrong = openSealed(other.public_key, other.secret, *sealed);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, domain::ErrorCode::kUnauthenticated);
}

TEST_F(PublicKeyTest, TamperedSealedBoxDoesNotOpen) {
  const KeyPair receiver = generateBoxKeyPair();
  auto sealed = sealTo(receiver.public_key, "x");
  ASSERT_TRUE(sealed.has_value());
  (*sealed)[sealed->size() - 1] = static_cast<char>((*sealed)[sealed->size() - 1] ^ 0x01);
  EXPECT_FALSE(openSealed(receiver.public_key, receiver.secret, *sealed).has_value());
  EXPECT_FALSE(openSealed(receiver.public_key, receiver.secret, "short").has_value());
  EXPECT_FALSE(sealTo("short", "x").has_value());
}

}  // namespace
}  // namespace strada::crypto
