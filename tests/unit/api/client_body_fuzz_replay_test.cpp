// Replays every seed and committed crash case of fuzz/client_body_fuzz.cpp (a client's body:
// api/cases_json.h readPerson and readCoded, then the client rules) through the same entry point
// under g++ (and the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "support/fuzz_corpus.h"

// The fuzz target itself, compiled into this test under a name of its own (a test executable
// replays several targets).
#define LLVMFuzzerTestOneInput ClientBodyFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/client_body_fuzz.cpp"  // NOLINT(bugprone-suspicious-include)
#undef LLVMFuzzerTestOneInput

namespace {

TEST(ClientBodyFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("client_body", &ClientBodyFuzzTestOneInput), 11U);
}

}  // namespace
