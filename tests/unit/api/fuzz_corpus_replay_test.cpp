// Replays every seed and committed crash case of fuzz/contact_body_fuzz.cpp through the same
// entry point under g++ (and the sanitizers of this build), so a fixed crash stays fixed.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// The fuzz target itself, compiled into this test.
#include "../../../fuzz/contact_body_fuzz.cpp"

namespace {

TEST(ContactBodyFuzzCorpusReplayTest, CorpusRunsClean) {
  const std::filesystem::path corpus =
      std::filesystem::path(__FILE__).parent_path() / "../../../fuzz/corpus/contact_body";
  ASSERT_TRUE(std::filesystem::is_directory(corpus)) << corpus;
  std::size_t replayed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
        0)
        << entry.path();
    ++replayed;
  }
  EXPECT_GE(replayed, 9U);
}

}  // namespace
