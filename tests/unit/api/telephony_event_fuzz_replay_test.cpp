// Replays every seed and committed crash case of fuzz/telephony_event_fuzz.cpp (the telephony
// webhook's decoder and signature check (api/telephony_event.h)) through the same entry point under
// g++ (and the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "support/fuzz_corpus.h"

// The fuzz target itself, compiled into this test under a name of its own (a test executable
// replays several targets).
#define LLVMFuzzerTestOneInput TelephonyEventFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/telephony_event_fuzz.cpp"
#undef LLVMFuzzerTestOneInput

namespace {

TEST(TelephonyEventFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("telephony_event", &TelephonyEventFuzzTestOneInput),
            17U);
}

}  // namespace
