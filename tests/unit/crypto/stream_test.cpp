#include "crypto/stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/crypto.h"

namespace strada::crypto {
namespace {

class StreamTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(initialise()); }

  // Three chunks, the last one final, the first with associated data.
  std::vector<std::string> sealThree(const SecretKey& key, std::string& header) {
    StreamSealer sealer(key);
    header = sealer.header();
    return {sealer.push("first", "the header", false), sealer.push("second", "", false),
            sealer.push("third", "", true)};
  }
};

TEST_F(StreamTest, ChunksOpenInOrderAndTheLastIsMarkedFinal) {
  const SecretKey key = SecretKey::generate();
  std::string header;
  const auto chunks = sealThree(key, header);
  EXPECT_EQ(header.size(), kStreamHeaderSize);
  EXPECT_EQ(chunks[0].size(), 5 + kStreamChunkOverhead);
  auto opener = StreamOpener::start(key, header);
  ASSERT_TRUE(opener);
  auto first = opener->pull(chunks[0], "the header");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->plain, "first");
  EXPECT_FALSE(first->final);
  EXPECT_EQ(opener->pull(chunks[1], "")->plain, "second");
  auto third = opener->pull(chunks[2], "");
  ASSERT_TRUE(third);
  EXPECT_EQ(third->plain, "third");
  EXPECT_TRUE(third->final);
}

TEST_F(StreamTest, AlteredReorderedOrForeignChunksDoNotOpen) {
  const SecretKey key = SecretKey::generate();
  std::string header;
  auto chunks = sealThree(key, header);
  // Another associated data (an altered header).
  EXPECT_FALSE(StreamOpener::start(key, header)->pull(chunks[0], "the headet"));
  // A flipped bit.
  std::string flipped = chunks[0];
  flipped[3] = static_cast<char>(flipped[3] ^ 0x01);
  EXPECT_FALSE(StreamOpener::start(key, header)->pull(flipped, "the header"));
  // A chunk skipped (dropped from the middle).
  auto skipping = StreamOpener::start(key, header);
  ASSERT_TRUE(skipping->pull(chunks[0], "the header"));
  EXPECT_FALSE(skipping->pull(chunks[2], ""));
  // Another key, or a malformed header.
  EXPECT_FALSE(StreamOpener::start(SecretKey::generate(), header)->pull(chunks[0], "the header"));
  EXPECT_FALSE(StreamOpener::start(key, header.substr(1)));
}

}  // namespace
}  // namespace strada::crypto
