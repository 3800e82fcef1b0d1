#include "crypto/password.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

// The smallest Argon2id cost libsodium accepts keeps the round-trip tests fast; one test uses
// the real interactive cost.
constexpr PasswordCost kCheapCost{1, 8192};

class PasswordTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initialise().has_value()); }
};

TEST_F(PasswordTest, InteractiveCostIsLibsodiumsArgon2idInteractiveLimits) {
  const PasswordCost cost = interactiveCost();
  EXPECT_EQ(cost.ops, 2U);
  EXPECT_EQ(cost.mem, 64U * 1024U * 1024U);
}

TEST_F(PasswordTest, HashIsArgon2idAndVerifiesOnlyTheRightPassword) {
  auto hash = hashPassword("correct horse battery staple", kCheapCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_EQ(hash->rfind("$argon2id$v=19$", 0), 0U) << *hash;
  EXPECT_TRUE(verifyPassword(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verifyPassword(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(verifyPassword(*hash, "Correct horse battery staple"));
  EXPECT_FALSE(verifyPassword(*hash, ""));
}

TEST_F(PasswordTest, InteractiveCostHashVerifies) {
  auto hash = hashPassword("a long enough passphrase");
  ASSERT_TRUE(hash.has_value());
  EXPECT_NE(hash->find("m=65536,t=2,p=1"), std::string::npos) << *hash;
  EXPECT_TRUE(verifyPassword(*hash, "a long enough passphrase"));
  EXPECT_FALSE(verifyPassword(*hash, "a long enough passphrasE"));
}

TEST_F(PasswordTest, SamePasswordHashesDifferently) {
  auto a = hashPassword("same password here", kCheapCost);
  auto b = hashPassword("same password here", kCheapCost);
  ASSERT_TRUE(a.has_value() && b.has_value());
  EXPECT_NE(*a, *b);  // a fresh salt each time
  EXPECT_TRUE(verifyPassword(*a, "same password here"));
  EXPECT_TRUE(verifyPassword(*b, "same password here"));
}

TEST_F(PasswordTest, EmptyAndBinaryPasswordsRoundTrip) {
  auto empty = hashPassword("", kCheapCost);
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(verifyPassword(*empty, ""));
  EXPECT_FALSE(verifyPassword(*empty, "x"));

  const std::string binary("pass\0word", 9);
  auto hash = hashPassword(binary, kCheapCost);
  ASSERT_TRUE(hash.has_value());
  EXPECT_TRUE(verifyPassword(*hash, binary));
  EXPECT_FALSE(verifyPassword(*hash, "pass"));
}

TEST_F(PasswordTest, MalformedEncodedHashNeverVerifies) {
  auto hash = hashPassword("password for test", kCheapCost);
  ASSERT_TRUE(hash.has_value());
  for (const std::string& bad :
       {std::string(""), std::string("password for test"), std::string("$argon2i$v=19$junk"),
        std::string("$argon2id$"), hash->substr(0, hash->size() - 4),
        *hash + std::string(200, 'A')}) {
    EXPECT_FALSE(verifyPassword(bad, "password for test")) << bad;
  }
}

TEST_F(PasswordTest, OutOfRangeCostIsInternal) {
  auto hash = hashPassword("whatever it is", PasswordCost{0, 8192});
  ASSERT_FALSE(hash.has_value());
  EXPECT_EQ(hash.error().code, domain::ErrorCode::kInternal);
}

TEST_F(PasswordTest, DecoyHashIsOneInteractiveArgon2idHashSharedByAllThreads) {
  std::vector<const std::string*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = &decoyPasswordHash(); });
  }
  for (auto& t : threads) {
    t.join();
  }
  for (const std::string* s : seen) {
    EXPECT_EQ(s, seen.front());
  }
  const std::string& decoy = decoyPasswordHash();
  EXPECT_EQ(decoy.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0U) << decoy;
  EXPECT_FALSE(verifyPassword(decoy, ""));
  EXPECT_FALSE(verifyPassword(decoy, "password1234"));
}

// --- strength ---

void expectWeak(std::string_view password, std::string_view email, std::string_view name,
                std::string_view message_part) {
  auto status = checkPasswordStrength(password, email, name);
  ASSERT_FALSE(status.has_value()) << password;
  EXPECT_EQ(status.error().code, domain::ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().field, "password");
  EXPECT_NE(status.error().message.find(message_part), std::string::npos) << status.error().message;
  // The message must never repeat the password.
  if (!password.empty()) {
    EXPECT_EQ(status.error().message.find(password), std::string::npos);
  }
}

void expectStrong(std::string_view password, std::string_view email, std::string_view name) {
  auto status = checkPasswordStrength(password, email, name);
  EXPECT_TRUE(status.has_value()) << password << ": " << status.error().message;
}

constexpr std::string_view kEmail = "maria.lopez@example.org";
constexpr std::string_view kName = "Maria Lopez";

TEST(PasswordStrengthTest, AcceptsReasonablePasswords) {
  expectStrong("violet kettle harbour", kEmail, kName);
  expectStrong("Tr4in-Station-Nine", kEmail, kName);
  expectStrong("abcdefghijkm", kEmail, kName);  // exactly 12, not on the list
  expectStrong(std::string(256, 'a').replace(0, 1, "b"), kEmail, kName);  // exactly 256 bytes
  expectStrong("violet kettle harbour", "", "");
}

TEST(PasswordStrengthTest, LengthCountsCharactersNotBytes) {
  // 11 two-byte characters: 22 bytes but too short.
  expectWeak("ééééééééééé", kEmail, kName, "at least 12 characters");
  expectWeak("short", kEmail, kName, "at least 12 characters");
  expectWeak("elevenchars", kEmail, kName, "at least 12 characters");
  expectWeak("", kEmail, kName, "at least 12 characters");
  // 12 characters of which some are multi-byte.
  expectStrong("ñandú-kiwi-é", kEmail, kName);
}

TEST(PasswordStrengthTest, RefusesMoreThan256Bytes) {
  expectWeak(std::string(257, 'a').replace(0, 1, "b"), kEmail, kName, "at most 256 bytes");
  // 129 two-byte characters are 258 bytes.
  std::string wide;
  for (int i = 0; i < 129; ++i) {
    wide += (i % 2 == 0) ? "é" : "ü";
  }
  expectWeak(wide, kEmail, kName, "at most 256 bytes");
}

TEST(PasswordStrengthTest, RefusesOneCharacterRepeated) {
  expectWeak("aaaaaaaaaaaaaaaa", kEmail, kName, "one character repeated");
  expectWeak("111111111111", kEmail, kName, "one character repeated");
  expectWeak("éééééééééééé", kEmail, kName, "one character repeated");
}

TEST(PasswordStrengthTest, RefusesCommonPasswordsCaseInsensitively) {
  for (const char* common : {"password1234", "PASSWORD1234", "qwertyuiop12", "QwErTyUiOp12",
                             "123456789012", "iloveyou1234", "correcthorsebatterystaple"}) {
    expectWeak(common, kEmail, kName, "less common");
  }
}

TEST(PasswordStrengthTest, RefusesTheEmailLocalPart) {
  expectWeak("my-maria.lopez-pass", kEmail, kName, "e-mail");
  expectWeak("xxMARIA.LOPEZxx", kEmail, kName, "e-mail");
  // A local part shorter than 3 characters is not checked.
  expectStrong("violet kettle harbour jo", "jo@example.org", "");
  expectWeak("violet kettle harbour joe", "joe@example.org", "", "e-mail");
}

TEST(PasswordStrengthTest, RefusesTheNameOrAWordOfIt) {
  expectWeak("i am maria lopez!", "x@example.org", kName, "name");
  expectWeak("Lopez-was-here-2026", "x@example.org", kName, "name");
  expectWeak("MARIA-on-the-hotline", "x@example.org", kName, "name");
  // Whole names from three characters; single words of a name from four.
  expectWeak("banana-ana-kettle", "x@example.org", "Ana", "name");
  expectStrong("bananas in the kettle", "x@example.org", "Ana Lopes");
}

TEST(PasswordStrengthTest, ChecksRunInAUsefulOrder) {
  // Too short wins over everything else, so the user fixes the length first.
  expectWeak("maria", kEmail, kName, "at least 12 characters");
}

}  // namespace
}  // namespace strada::crypto
