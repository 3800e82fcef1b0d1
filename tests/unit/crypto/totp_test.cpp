#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

// RFC 6238, appendix B: the SHA-1 secret and times, their eight-digit codes cut to six.
constexpr std::string_view kRfcSecret = "12345678901234567890";

TEST(TotpTest, CodesAreThoseOfRfc6238) {
  EXPECT_EQ(totpCode(kRfcSecret, 59), "287082");
  EXPECT_EQ(totpCode(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(totpCode(kRfcSecret, 1111111111), "050471");
  EXPECT_EQ(totpCode(kRfcSecret, 1234567890), "005924");
  EXPECT_EQ(totpCode(kRfcSecret, 2000000000), "279037");
  EXPECT_EQ(totpCode(kRfcSecret, 20000000000), "353130");
}

TEST(TotpTest, AMatchNamesItsStepAndLooksOneStepEitherSide) {
  const std::int64_t t = 1111111111;
  const std::int64_t step = totpStepAt(t);
  EXPECT_EQ(totpMatch(kRfcSecret, t, totpCode(kRfcSecret, t)), step);
  EXPECT_EQ(totpMatch(kRfcSecret, t, totpCode(kRfcSecret, t - 30)), step - 1);
  EXPECT_EQ(totpMatch(kRfcSecret, t, totpCode(kRfcSecret, t + 30)), step + 1);
  EXPECT_EQ(totpMatch(kRfcSecret, t, totpCode(kRfcSecret, t + 90)), std::nullopt);
  EXPECT_EQ(totpMatch(kRfcSecret, t, "12345"), std::nullopt);
  EXPECT_EQ(totpMatch(kRfcSecret, t, "12345a"), std::nullopt);
  EXPECT_EQ(totpMatch(kRfcSecret, t, ""), std::nullopt);
}

TEST(TotpTest, Base32RoundTripsAndIgnoresDashesAndCase) {
  ASSERT_TRUE(initialise().has_value());
  EXPECT_EQ(base32(kRfcSecret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(fromBase32("gezd-gnbv-gy3t-qojq-gezd-gnbv-gy3t-qojq"), std::string(kRfcSecret));
  EXPECT_EQ(fromBase32("not base32!"), std::nullopt);
  const std::string secret = newTotpSecret();
  EXPECT_EQ(secret.size(), 20u);
  EXPECT_EQ(fromBase32(base32(secret)), secret);
  EXPECT_NE(newTotpSecret(), secret);
}

}  // namespace
}  // namespace strada::crypto
