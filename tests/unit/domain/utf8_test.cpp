// Well-formed UTF-8 (domain/encoding.h): the one decoder that contact and knowledge validation
// and the JSON log lines share.
#include <gtest/gtest.h>

#include "domain/contact.h"
#include "domain/encoding.h"

namespace strada::domain {
namespace {

TEST(Utf8Test, SequenceLengthsOfWellFormedText) {
  EXPECT_EQ(utf8SequenceLength("a", 0), 1u);
  EXPECT_EQ(utf8SequenceLength("\xC3\xA9", 0), 2u);          // é
  EXPECT_EQ(utf8SequenceLength("\xE2\x82\xAC", 0), 3u);      // €
  EXPECT_EQ(utf8SequenceLength("\xF0\x9F\x98\x80", 0), 4u);  // U+1F600
  EXPECT_EQ(utf8SequenceLength("\xF4\x8F\xBF\xBF", 0), 4u);  // U+10FFFF
  EXPECT_TRUE(isValidUtf8("Zürich, Iași, Київ"));
  EXPECT_TRUE(isValidUtf8(""));
}

TEST(Utf8Test, RefusesWhatTheStandardCallsIllFormed) {
  EXPECT_EQ(utf8SequenceLength("\x80", 0), 0u) << "a continuation byte alone";
  EXPECT_EQ(utf8SequenceLength("\xC0\xAF", 0), 0u) << "overlong /";
  EXPECT_EQ(utf8SequenceLength("\xE0\x80\xAF", 0), 0u) << "overlong, three bytes";
  EXPECT_EQ(utf8SequenceLength("\xED\xA0\x80", 0), 0u) << "a surrogate";
  EXPECT_EQ(utf8SequenceLength("\xF4\x90\x80\x80", 0), 0u) << "past U+10FFFF";
  EXPECT_EQ(utf8SequenceLength("\xF5\x80\x80\x80", 0), 0u);
  EXPECT_EQ(utf8SequenceLength("\xE2\x82", 0), 0u) << "cut short";
  EXPECT_EQ(utf8SequenceLength("\xE2\x28\xA1", 0), 0u) << "a bad continuation byte";
  EXPECT_FALSE(isValidUtf8("ok\xC3"));
  EXPECT_FALSE(isValidUtf8("\xED\xA0\x80"));
}

TEST(Utf8Test, AContactSummaryWithASurrogateIsRefused) {
  // The contact rules once accepted surrogates and overlong forms: bytes that are not UTF-8 text,
  // which the JSON answers and the web client cannot carry.
  const UnixMillis now = 1764489600000;  // 2025-11-30
  ContactInput c;
  c.status = std::string(kStatusDraft);
  c.channel = "phone";
  c.started_at = now;
  c.summary = "before \xED\xA0\x80 after";
  const Status refused = validateContact(c, now);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "summary");
  c.summary = "before \xE2\x82\xAC after";
  EXPECT_TRUE(validateContact(c, now));
}

TEST(Utf8Test, LowerAsciiFoldsOnlyAToZ) {
  EXPECT_EQ(lowerAscii("Name@Example.ORG"), "name@example.org");
  // Bytes of other letters (here the two of U+00C9) stay as they are.
  EXPECT_EQ(lowerAscii("\xC3\x89"
                       "cole Z"),
            "\xC3\x89"
            "cole z");
  EXPECT_EQ(lowerAscii(""), "");
}

TEST(Utf8Test, CappedTextIsWellFormedAndNeverCutsACharacter) {
  EXPECT_EQ(utf8Capped("abc", 64), "abc");
  EXPECT_EQ(utf8Capped("abcdef", 4), "abcd");
  EXPECT_EQ(utf8Capped("a\xE2\x82\xAC", 3), "a");  // the euro sign would pass 3 bytes
  EXPECT_EQ(utf8Capped("a\xE2\x82\xAC", 4), "a\xE2\x82\xAC");
  EXPECT_EQ(utf8Capped("\xFFx\xC3", 64), "\xEF\xBF\xBDx\xEF\xBF\xBD");  // ill-formed: U+FFFD
  EXPECT_EQ(utf8Capped("\xFF", 2), "");
  EXPECT_EQ(utf8Capped("", 0), "");
}

}  // namespace
}  // namespace strada::domain
