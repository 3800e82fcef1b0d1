#include "api/qr_svg.h"

#include <gtest/gtest.h>

#include <string>

namespace strada::api {
namespace {

TEST(QrSvgTest, AnOtpauthUriBecomesOneSvgPathOnWhite) {
  const std::string svg = qrSvg(
      "otpauth://totp/Strada%20NL%3Aa%40b.example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
      "&issuer=Strada%20NL&algorithm=SHA1&digits=6&period=30");
  ASSERT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
  EXPECT_TRUE(svg.ends_with("\"/></svg>"));
  EXPECT_NE(svg.find("<rect width="), std::string::npos);
  EXPECT_NE(svg.find("<path fill=\"#000\" d=\"M4 4h1v1h-1z"), std::string::npos)
      << "the finder pattern's corner is dark, inside the quiet zone";
  EXPECT_EQ(svg.find("otpauth"), std::string::npos) << "the URI is drawn, never written";
}

TEST(QrSvgTest, TextTooLongForAQrCodeGivesNothing) { EXPECT_EQ(qrSvg(std::string(8000, 'x')), ""); }

}  // namespace
}  // namespace strada::api
