#include "observe/log.h"

#include <limits>
#include <string>

// observe_tests links no Boost.JSON library: compile its sources into this test (header-only
// mode) to check that every line parses as JSON.
#include <gtest/gtest.h>

#include <boost/json/src.hpp>

#include "support/stderr_capture.h"

namespace strada::observe {
namespace {

using testing::StderrCapture;

TEST(JsonEscapeTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(jsonEscape("plain"), "plain");
  EXPECT_EQ(jsonEscape("a\"b\\c"), "a\\\"b\\\\c");
  EXPECT_EQ(jsonEscape("\n\r\t\b\f"), "\\n\\r\\t\\b\\f");
  EXPECT_EQ(jsonEscape(std::string_view("\x01\x1f\x7f", 3)), "\\u0001\\u001f\\u007f");
  EXPECT_EQ(jsonEscape(std::string_view("a\0b", 3)), "a\\u0000b");
}

TEST(JsonEscapeTest, KeepsValidUtf8AndReplacesInvalidBytes) {
  EXPECT_EQ(jsonEscape("Gr\xC3\xBC\xC3\x9F"
                       "e \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "Gr\xC3\xBC\xC3\x9F"
            "e \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(jsonEscape("\xFF"), "\\ufffd");
  EXPECT_EQ(jsonEscape("\xC3"), "\\ufffd");                        // truncated sequence
  EXPECT_EQ(jsonEscape("\xC0\xAF"), "\\ufffd\\ufffd");             // overlong "/"
  EXPECT_EQ(jsonEscape("\xED\xA0\x80"), "\\ufffd\\ufffd\\ufffd");  // surrogate
}

TEST(LogTest, WritesOneParseableJsonObjectPerLine) {
  setLogLevel(Level::kInfo);
  StderrCapture capture;
  logInfo("request", {{"request_id", "abc\"def"},
                      {"status", 200},
                      {"ms", 1.5},
                      {"cached", false},
                      {"note", std::string("line\nbreak")}});
  const std::string text = capture.text();
  ASSERT_FALSE(text.empty());
  ASSERT_EQ(text.back(), '\n');
  ASSERT_EQ(text.find('\n'), text.size() - 1) << text;
  boost::system::error_code ec;
  const auto value = boost::json::parse(text, ec);
  ASSERT_FALSE(ec) << text;
  const auto& object = value.as_object();
  EXPECT_EQ(object.at("level").as_string(), "info");
  EXPECT_EQ(object.at("msg").as_string(), "request");
  EXPECT_EQ(object.at("request_id").as_string(), "abc\"def");
  EXPECT_EQ(object.at("status").as_int64(), 200);
  EXPECT_DOUBLE_EQ(object.at("ms").as_double(), 1.5);
  EXPECT_EQ(object.at("cached").as_bool(), false);
  EXPECT_EQ(object.at("note").as_string(), "line\nbreak");
  // ts, level and msg come first, in that order.
  EXPECT_EQ(text.rfind("{\"ts\":\"", 0), 0U);
  EXPECT_LT(text.find("\"level\""), text.find("\"msg\""));
}

TEST(LogTest, TimestampIsRfc3339UtcWithMilliseconds) {
  StderrCapture capture;
  logWarn("x");
  const std::string text = capture.text();
  const auto value = boost::json::parse(text);
  const std::string ts(value.as_object().at("ts").as_string());
  ASSERT_EQ(ts.size(), 24U) << ts;  // 2026-11-30T08:15:00.000Z
  EXPECT_EQ(ts[4], '-');
  EXPECT_EQ(ts[10], 'T');
  EXPECT_EQ(ts[19], '.');
  EXPECT_EQ(ts.back(), 'Z');
  EXPECT_EQ(value.as_object().at("level").as_string(), "warn");
}

TEST(LogTest, LevelFiltersLowerLevels) {
  StderrCapture capture;
  setLogLevel(Level::kWarn);
  logInfo("hidden");
  log(Level::kDebug, "hidden too");
  logError("shown");
  setLogLevel(Level::kInfo);
  const std::string text = capture.text();
  EXPECT_EQ(text.find("hidden"), std::string::npos);
  EXPECT_NE(text.find("\"msg\":\"shown\""), std::string::npos);
  EXPECT_NE(text.find("\"level\":\"error\""), std::string::npos);
}

TEST(LogTest, NonFiniteNumbersBecomeNull) {
  StderrCapture capture;
  logInfo("n", {{"value", std::numeric_limits<double>::quiet_NaN()}});
  const std::string text = capture.text();
  EXPECT_NE(text.find("\"value\":null"), std::string::npos) << text;
}

}  // namespace
}  // namespace strada::observe
