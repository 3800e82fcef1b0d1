// Replays every seed and committed crash case of fuzz/envelope_fuzz.cpp (federation messages
// (network/envelope.h parseDelivery, parseEnvelope)) through the same entry point under g++ (and
// the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "support/fuzz_corpus.h"

// The fuzz target itself, compiled into this test under a name of its own (a test executable
// replays several targets).
#define LLVMFuzzerTestOneInput EnvelopeFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/envelope_fuzz.cpp"
#undef LLVMFuzzerTestOneInput

namespace {

TEST(EnvelopeFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("envelope", &EnvelopeFuzzTestOneInput), 17U);
}

}  // namespace
