// Test support: replaying a committed fuzz corpus (fuzz/corpus/<name>/: the seeds and every crash
// case found) through a libFuzzer entry point under g++ and the sanitizers of the build, so that
// a fixed crash stays fixed.
//
// Header-only, so that the unit tests of the lower layers (http) use it without linking the
// store-backed test support library.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace strada::testing {

using FuzzEntryPoint = int (*)(const std::uint8_t* data, std::size_t size);

// Runs every regular file of fuzz/corpus/<name> through `entry`, expecting 0 from each (a test
// failure naming the file otherwise), and returns how many files it ran. A missing folder is a
// test failure, and 0.
inline std::size_t replayFuzzCorpus(std::string_view name, FuzzEntryPoint entry) {
  // The source tree's path comes from the build (tests/CMakeLists.txt), not from __FILE__, which
  // a compiler cache may rewrite to a path relative to the build folder.
  const std::filesystem::path corpus =
      std::filesystem::path(STRADA_SOURCE_DIR) / "fuzz/corpus" / name;
  if (!std::filesystem::is_directory(corpus)) {
    ADD_FAILURE() << "no fuzz corpus folder " << corpus;
    return 0;
  }
  std::size_t replayed = 0;
  for (const auto& entry_file : std::filesystem::directory_iterator(corpus)) {
    if (!entry_file.is_regular_file()) {
      continue;
    }
    std::ifstream in(entry_file.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()), 0)
        << entry_file.path();
    ++replayed;
  }
  return replayed;
}

}  // namespace strada::testing
