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

TEST(RequestIdTest, AcceptsOnlyASafeShapeWithALetter) {
  EXPECT_TRUE(isSafeClientRequestId("abcdEF12"));
  EXPECT_TRUE(isSafeClientRequestId("0f6a9b1e-4e8c-4b7a-9d8e-2f1c0a3b4c5d"));
  EXPECT_TRUE(isSafeClientRequestId("trace_01.retry-2"));
  EXPECT_TRUE(isSafeClientRequestId(std::string(64, 'a')));
  EXPECT_FALSE(isSafeClientRequestId(std::string(65, 'a')));
  EXPECT_FALSE(isSafeClientRequestId("short"));
  EXPECT_FALSE(isSafeClientRequestId("has space1"));
  EXPECT_FALSE(isSafeClientRequestId("new\nline12"));
  // Telephone numbers, however written, are refused: they would reach the log.
  for (const char* phone : {"0612345678", "+31612345678", "06-1234-5678", "06.12.34.56.78",
                            "0031_6_1234_5678", "12345678901234567890"}) {
    EXPECT_FALSE(isSafeClientRequestId(phone)) << phone;
  }
}

TEST(PrintableUtf8Test, RefusesInvalidSequencesAndControls) {
  EXPECT_TRUE(isPrintableUtf8(""));
  EXPECT_TRUE(isPrintableUtf8("Zürich – Θεσσαλονίκη 😀"));
  EXPECT_FALSE(isPrintableUtf8("\xFF"));
  EXPECT_FALSE(isPrintableUtf8("caf\xC3"));           // truncated
  EXPECT_FALSE(isPrintableUtf8("\xC0\xAF"));          // overlong "/"
  EXPECT_FALSE(isPrintableUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(isPrintableUtf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(isPrintableUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(isPrintableUtf8("\x80"));              // a lone continuation byte
  EXPECT_FALSE(isPrintableUtf8(std::string_view("a\0b", 3)));
  EXPECT_FALSE(isPrintableUtf8("line\nbreak"));
  EXPECT_FALSE(isPrintableUtf8("tab\there"));
  EXPECT_FALSE(isPrintableUtf8("\x7F"));
  EXPECT_FALSE(isPrintableUtf8("\xC2\x85"));  // U+0085, a C1 control
}

TEST(CheckQueryTextTest, NamesTheParameter) {
  EXPECT_TRUE(checkQueryText({{"q", "Zürich"}, {"city", ""}}).has_value());
  const auto bad_value = checkQueryText({{"q", "ok"}, {"city", "\xFF"}});
  ASSERT_FALSE(bad_value.has_value());
  EXPECT_EQ(bad_value.error().field, "city");
  EXPECT_EQ(bad_value.error().code, domain::ErrorCode::kInvalidArgument);
  const auto bad_name = checkQueryText({{"\xFF", "x"}});
  ASSERT_FALSE(bad_name.has_value());
  EXPECT_EQ(bad_name.error().field, "query");
  EXPECT_EQ(bad_name.error().message.find('\xFF'), std::string::npos);
}

TEST(OriginTest, ParsesOriginsAndHosts) {
  EXPECT_EQ(parseOrigin("https://Strada.Example.org"),
            (Origin{"https", "strada.example.org", 443}));
  EXPECT_EQ(parseOrigin("http://127.0.0.1:8080"), (Origin{"http", "127.0.0.1", 8080}));
  EXPECT_EQ(parseOrigin("http://[::1]:8080"), (Origin{"http", "[::1]", 8080}));
  EXPECT_FALSE(parseOrigin("null").has_value());
  EXPECT_FALSE(parseOrigin("file://").has_value());
  EXPECT_FALSE(parseOrigin("ftp://example.org").has_value());
  EXPECT_FALSE(parseOrigin("https://user@example.org").has_value());
  EXPECT_FALSE(parseOrigin("https://example.org/path").has_value());
  EXPECT_FALSE(parseOrigin("https://example.org:99999").has_value());
  EXPECT_EQ(originOfHost("http", "127.0.0.1:8080"), parseOrigin("http://127.0.0.1:8080"));
  EXPECT_EQ(originOfHost("https", "strada.example.org"),
            parseOrigin("https://strada.example.org:443"));
  EXPECT_NE(originOfHost("http", "strada.example.org"), parseOrigin("https://strada.example.org"));
  EXPECT_FALSE(originOfHost("http", "").has_value());
  EXPECT_FALSE(originOfHost("http", "::1").has_value());
  EXPECT_FALSE(originOfHost("http", "a b").has_value());
}

TEST(JsonMediaTypeTest, AllowsParameters) {
  EXPECT_TRUE(isJsonMediaType("application/json"));
  EXPECT_TRUE(isJsonMediaType("Application/JSON; charset=utf-8"));
  EXPECT_TRUE(isJsonMediaType(" application/json ;charset=UTF-8"));
  EXPECT_FALSE(isJsonMediaType(""));
  EXPECT_FALSE(isJsonMediaType("text/plain"));
  EXPECT_FALSE(isJsonMediaType("application/x-www-form-urlencoded"));
  EXPECT_FALSE(isJsonMediaType("multipart/form-data; boundary=x"));
  EXPECT_FALSE(isJsonMediaType("application/jsonx"));
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

namespace strada::http {
namespace {

TEST(AsciiCaseTest, LowersOnlyAsciiLetters) {
  EXPECT_EQ(lowerAscii("Content-TYPE \xC3\x89"), "content-type \xC3\x89");
  EXPECT_TRUE(equalsIgnoreCase("Application/JSON", "application/json"));
  EXPECT_FALSE(equalsIgnoreCase("gzip", "gzip2"));
  EXPECT_FALSE(equalsIgnoreCase("\xC3\x89", "\xC3\xA9"));
}

}  // namespace
}  // namespace strada::http
