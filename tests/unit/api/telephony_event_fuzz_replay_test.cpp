// Replays every seed and committed crash case of fuzz/telephony_event_fuzz.cpp (the telephony
// webhook's decoder and signature check (api/telephony_event.h)) through the same entry point under
// g++ (and the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/fuzz_corpus.h"

// The fuzz target itself, compiled into this test under a name of its own (a test executable
// replays several targets).
#define LLVMFuzzerTestOneInput TelephonyEventFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/telephony_event_fuzz.cpp"  // NOLINT(bugprone-suspicious-include)
#undef LLVMFuzzerTestOneInput

namespace {

TEST(TelephonyEventFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("telephony_event", &TelephonyEventFuzzTestOneInput),
            17U);
}

// The signed seed is what a PBX sends: its signature checks with the line's secret, and its body
// decodes to the answered call it describes; one byte changed breaks the signature.
TEST(TelephonyEventFuzzCorpusReplayTest, SignedSeedIsAcceptedAndDecoded) {
  std::ifstream in(
      std::filesystem::path(STRADA_SOURCE_DIR) / "fuzz/corpus/telephony_event/answered_signed",
      std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string_view rest = text;
  const std::string_view timestamp = nextLine(rest);
  const std::string_view signature = nextLine(rest);
  const std::string body(rest);

  EXPECT_EQ(strada::api::parseEventTimestamp(timestamp), 1767225590);
  EXPECT_TRUE(strada::api::eventSignatureMatches(kSecret, timestamp, body, signature));
  std::string altered = body;
  altered.back() = ' ';
  EXPECT_FALSE(strada::api::eventSignatureMatches(kSecret, timestamp, altered, signature));
  EXPECT_FALSE(strada::api::eventSignatureMatches("another secret", timestamp, body, signature));

  auto event = strada::api::decodeCallEvent(body, kNow);
  ASSERT_TRUE(event) << event.error().message;
  EXPECT_EQ(event->type, strada::hotline::CallEventType::kAnswered);
  EXPECT_EQ(event->call_id, "pbx-4711");
  EXPECT_EQ(event->at, kNow);
  EXPECT_EQ(event->caller_number, "+31 20 123 4567");
  EXPECT_EQ(event->agent_email, "ana@example.org");

  // A call announced later than five minutes after the clock is refused, naming "at".
  auto late =
      strada::api::decodeCallEvent(body, kNow - strada::domain::UnixMillis{5} * 60 * 1000 - 1);
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().field, "at");
}

}  // namespace
