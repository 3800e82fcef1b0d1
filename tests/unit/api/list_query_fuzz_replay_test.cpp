// Replays every seed and committed crash case of fuzz/list_query_fuzz.cpp (the list query strings
// and cursors (api/contact_list_query.h, api/keyset.h)) through the same entry point under g++ (and
// the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "support/fuzz_corpus.h"

// The fuzz target itself, compiled into this test under a name of its own (a test executable
// replays several targets).
#define LLVMFuzzerTestOneInput ListQueryFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/list_query_fuzz.cpp"  // NOLINT(bugprone-suspicious-include)
#undef LLVMFuzzerTestOneInput

namespace {

TEST(ListQueryFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("list_query", &ListQueryFuzzTestOneInput), 14U);
}

}  // namespace
