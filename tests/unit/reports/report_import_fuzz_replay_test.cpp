// Replays every seed and committed crash case of fuzz/report_import_fuzz.cpp (the CSV import of
// historic figures (reports/report_import.h parseImport)) through the same entry point under g++
// (and the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>

#include "support/fuzz_corpus.h"

// The fuzz target itself, compiled into this test under a name of its own (a test executable
// replays several targets).
#define LLVMFuzzerTestOneInput ReportImportFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/report_import_fuzz.cpp"  // NOLINT(bugprone-suspicious-include)
#undef LLVMFuzzerTestOneInput

namespace {

TEST(ReportImportFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("report_import", &ReportImportFuzzTestOneInput), 11U);
}

}  // namespace
