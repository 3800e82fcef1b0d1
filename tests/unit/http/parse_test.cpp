#include "http/parse.h"

#include <gtest/gtest.h>

namespace strada::http {
namespace {

TEST(ParseTargetTest, DecodesPathAndQuery) {
  const auto target = parseTarget("/api/v1/directory/caf%C3%A9?q=a+b%26c&flag&empty=&page=2");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/api/v1/directory/caf\xC3\xA9");
  using Pair = std::pair<std::string, std::string>;
  EXPECT_EQ(target->query,
            (std::vector<Pair>{{"q", "a b&c"}, {"flag", ""}, {"empty", ""}, {"page", "2"}}));
}

TEST(ParseTargetTest, RootAndNoQuery) {
  const auto target = parseTarget("/");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/");
  EXPECT_TRUE(target->query.empty());
}

TEST(ParseTargetTest, RejectsWhatIsNotOriginForm) {
  EXPECT_FALSE(parseTarget("").has_value());
  EXPECT_FALSE(parseTarget("*").has_value());
  EXPECT_FALSE(parseTarget("http://example.org/x").has_value());
  EXPECT_FALSE(parseTarget("relative/path").has_value());
  EXPECT_FALSE(parseTarget("/bad%zzescape").has_value());
  EXPECT_FALSE(parseTarget("/x#fragment").has_value());
  const auto nul = parseTarget("/a%00b");
  ASSERT_FALSE(nul.has_value());
  EXPECT_EQ(nul.error().code, domain::ErrorCode::kInvalidArgument);
}

TEST(ParseTargetTest, KeepsDotSegmentsForTheCallerToRefuse) {
  const auto target = parseTarget("/assets/%2e%2e/secret");
  ASSERT_TRUE(target.has_value());
  EXPECT_EQ(target->path, "/assets/../secret");
}

TEST(FindCookieTest, FindsByExactName) {
  EXPECT_EQ(findCookie("a=1; b=2", "b"), "2");
  EXPECT_EQ(findCookie("a=1;b=2", "a"), "1");
  EXPECT_EQ(findCookie("ab=1; b=2", "b"), "2");
  EXPECT_EQ(findCookie("a=1; a=2", "a"), "1");
  EXPECT_EQ(findCookie("a=\"quoted\"", "a"), "quoted");
  EXPECT_EQ(findCookie("a=x=y", "a"), "x=y");
  EXPECT_EQ(findCookie("a=", "a"), "");
  EXPECT_FALSE(findCookie("a=1", "A").has_value());
  EXPECT_FALSE(findCookie("", "a").has_value());
  EXPECT_FALSE(findCookie(";;;", "a").has_value());
  EXPECT_FALSE(findCookie("a", "a").has_value());
}

TEST(RequestIdTest, AcceptsOnlyTheSafeAlphabet) {
  EXPECT_TRUE(isValidRequestId("abcdEF12"));
  EXPECT_TRUE(isValidRequestId("0f6a9b1e-4e8c-4b7a-9d8e-2f1c0a3b4c5d"));
  EXPECT_TRUE(isValidRequestId(std::string(64, 'a')));
  EXPECT_FALSE(isValidRequestId(std::string(65, 'a')));
  EXPECT_FALSE(isValidRequestId("short"));
  EXPECT_FALSE(isValidRequestId("has space1"));
  EXPECT_FALSE(isValidRequestId("new\nline12"));
  EXPECT_FALSE(isValidRequestId("under_score"));
}

TEST(AcceptsGzipTest, HonoursQualityValues) {
  EXPECT_TRUE(acceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(acceptsGzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(acceptsGzip("*"));
  EXPECT_FALSE(acceptsGzip(""));
  EXPECT_FALSE(acceptsGzip("br, deflate"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0"));
  EXPECT_FALSE(acceptsGzip("gzip;q=0.000, *"));
  EXPECT_FALSE(acceptsGzip("*;q=0"));
  EXPECT_FALSE(acceptsGzip("gzipx"));
}

}  // namespace
}  // namespace strada::http
