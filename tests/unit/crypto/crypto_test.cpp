#include "crypto/crypto.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <thread>

namespace strada::crypto {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(initialise().has_value()); }
};

bool isLowerHex(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

TEST_F(CryptoTest, InitialiseTwiceSucceeds) {
  EXPECT_TRUE(initialise().has_value());
  EXPECT_TRUE(initialise().has_value());
}

TEST_F(CryptoTest, RandomBytesHasRequestedSizeAndDiffers) {
  EXPECT_EQ(randomBytes(0), "");
  const std::string a = randomBytes(32);
  const std::string b = randomBytes(32);
  EXPECT_EQ(a.size(), 32U);
  EXPECT_NE(a, b);
}

TEST_F(CryptoTest, RandomTokenIsUnpaddedBase64UrlOfRequestedBytes) {
  const std::string token = randomToken();
  EXPECT_EQ(token.size(), 43U);  // ceil(32 * 4 / 3) without padding
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  auto raw = fromBase64Url(token);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 32U);
  EXPECT_EQ(randomToken(16).size(), 22U);
  EXPECT_NE(randomToken(), randomToken());
}

TEST_F(CryptoTest, NewIdIsThirtyTwoLowerHexStartingWithTheTime) {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::string id = newId();
  const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
  ASSERT_EQ(id.size(), 32U);
  EXPECT_TRUE(isLowerHex(id)) << id;
  const long long stamp = std::stoll(id.substr(0, 12), nullptr, 16);
  EXPECT_GE(stamp, before);
  EXPECT_LE(stamp, after);
}

TEST_F(CryptoTest, NewIdsAreUniqueAndSortByCreationTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(newId()).second);
  }
  const std::string first = newId();
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  const std::string second = newId();
  std::this_thread::sleep_for(std::chrono::milliseconds(3));
  const std::string third = newId();
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

TEST_F(CryptoTest, Sha256MatchesKnownVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CryptoTest, HmacSha256MatchesRfc4231Vector) {
  // RFC 4231 test case 2: key "Jefe".
  const std::string mac = hmacSha256("Jefe", "what do ya want for nothing?");
  EXPECT_EQ(toHex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_F(CryptoTest, HmacSha256DependsOnKeyAndMessage) {
  const std::string key(32, 'k');
  const std::string other_key(32, 'q');
  const std::string mac = hmacSha256(key, "message");
  EXPECT_EQ(mac.size(), 32U);
  EXPECT_EQ(mac, hmacSha256(key, "message"));
  EXPECT_NE(mac, hmacSha256(other_key, "message"));
  EXPECT_NE(mac, hmacSha256(key, "messagf"));
}

TEST_F(CryptoTest, ConstantTimeEqual) {
  EXPECT_TRUE(constantTimeEqual("", ""));
  EXPECT_TRUE(constantTimeEqual("abc", "abc"));
  EXPECT_FALSE(constantTimeEqual("abc", "abd"));
  EXPECT_FALSE(constantTimeEqual("abc", "abcd"));
  EXPECT_FALSE(constantTimeEqual("", "a"));
}

TEST_F(CryptoTest, HexRoundTrip) {
  EXPECT_EQ(toHex(""), "");
  EXPECT_EQ(toHex(std::string("\x00\x01\xab\xff", 4)), "0001abff");
  for (std::size_t n : {0U, 1U, 31U, 32U, 1000U}) {
    const std::string bytes = randomBytes(n);
    auto back = fromHex(toHex(bytes));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, bytes);
  }
  auto upper = fromHex("ABFF");
  ASSERT_TRUE(upper.has_value());
  EXPECT_EQ(*upper, "\xab\xff");
}

TEST_F(CryptoTest, FromHexRejectsInvalidInput) {
  for (const char* bad : {"a", "abc", "zz", "0g", "ab cd", " abc", "ab\n", "0x12"}) {
    auto r = fromHex(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, domain::ErrorCode::kInvalidArgument);
  }
}

TEST_F(CryptoTest, Base64UrlKnownVectors) {
  EXPECT_EQ(toBase64Url(""), "");
  EXPECT_EQ(toBase64Url("f"), "Zg");
  EXPECT_EQ(toBase64Url("fo"), "Zm8");
  EXPECT_EQ(toBase64Url("foo"), "Zm9v");
  EXPECT_EQ(toBase64Url("\xfb\xff"), "-_8");  // url-safe alphabet
}

TEST_F(CryptoTest, Base64UrlRoundTrip) {
  for (std::size_t n = 0; n < 70; ++n) {
    const std::string bytes = randomBytes(n);
    const std::string text = toBase64Url(bytes);
    EXPECT_EQ(text.find('='), std::string::npos);
    auto back = fromBase64Url(text);
    ASSERT_TRUE(back.has_value()) << n;
    EXPECT_EQ(*back, bytes);
  }
}

TEST_F(CryptoTest, FromBase64UrlRejectsInvalidInput) {
  // Padding, the standard alphabet, whitespace, an impossible length, non-zero trailing bits.
  for (const char* bad :
       {"Zg==", "Zm9v+", "Zm9v/", "Zm 9v", "Zm9v\n", "Z", "Zm9vZ", "Zh", "!!!!"}) {
    auto r = fromBase64Url(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, domain::ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace strada::crypto
