// Replays every seed and committed crash case of fuzz/request_target_fuzz.cpp through the same
// entry point under g++ (and the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "support/fuzz_corpus.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// The fuzz target itself, compiled into this test.
#include "../../../fuzz/request_target_fuzz.cpp"  // NOLINT(bugprone-suspicious-include)

namespace {

TEST(FuzzCorpusReplayTest, RequestTargetCorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("request_target", &LLVMFuzzerTestOneInput), 10U);
}

}  // namespace
