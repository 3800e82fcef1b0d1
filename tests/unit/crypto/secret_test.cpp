#include "crypto/secret.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

class SecretKeyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initialise().has_value()); }
};

TEST_F(SecretKeyTest, GenerateGivesDistinctKeysOfKSize) {
  const SecretKey a = SecretKey::generate();
  const SecretKey b = SecretKey::generate();
  EXPECT_EQ(a.bytes().size(), SecretKey::kSize);
  EXPECT_EQ(b.bytes().size(), SecretKey::kSize);
  EXPECT_NE(a.bytes(), b.bytes());
}

TEST_F(SecretKeyTest, FromBytesCopiesExactly) {
  const std::string raw = randomBytes(SecretKey::kSize);
  auto key = SecretKey::fromBytes(raw);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->bytes(), raw);
  EXPECT_NE(static_cast<const void*>(key->bytes().data()), static_cast<const void*>(raw.data()));
}

TEST_F(SecretKeyTest, FromBytesRejectsWrongSizes) {
  for (std::size_t n : {0U, 1U, 31U, 33U, 64U}) {
    auto key = SecretKey::fromBytes(std::string(n, 'k'));
    ASSERT_FALSE(key.has_value()) << n;
    EXPECT_EQ(key.error().code, domain::ErrorCode::kInvalidArgument);
  }
}

TEST_F(SecretKeyTest, MoveConstructionTransfersAndEmptiesTheSource) {
  SecretKey a = SecretKey::generate();
  const std::string copy(a.bytes());
  SecretKey b(std::move(a));
  EXPECT_EQ(b.bytes(), copy);
  EXPECT_TRUE(a.bytes().empty());  // NOLINT(bugprone-use-after-move): the contract under test
}

TEST_F(SecretKeyTest, MoveAssignmentReplacesAndEmptiesTheSource) {
  SecretKey a = SecretKey::generate();
  SecretKey b = SecretKey::generate();
  const std::string copy(a.bytes());
  b = std::move(a);
  EXPECT_EQ(b.bytes(), copy);
  EXPECT_TRUE(a.bytes().empty());  // NOLINT(bugprone-use-after-move)
  // Assigning a moved-from key and destroying both must not touch freed memory (ASan checks).
  a = std::move(b);
  EXPECT_EQ(a.bytes(), copy);
  EXPECT_TRUE(b.bytes().empty());  // NOLINT(bugprone-use-after-move)
}

TEST_F(SecretKeyTest, SelfMoveAssignmentKeepsTheKey) {
  SecretKey a = SecretKey::generate();
  const std::string copy(a.bytes());
  SecretKey& alias = a;
  a = std::move(alias);
  EXPECT_EQ(a.bytes(), copy);
}

}  // namespace
}  // namespace strada::crypto
