// Replays every seed and committed crash case of fuzz/envelope_fuzz.cpp (federation messages
// (network/envelope.h parseDelivery, parseEnvelope)) through the same entry point under g++ (and
// the sanitizers of this build), so a fixed crash stays fixed.
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
#define LLVMFuzzerTestOneInput EnvelopeFuzzTestOneInput
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
#include "../../../fuzz/envelope_fuzz.cpp"  // NOLINT(bugprone-suspicious-include)
#undef LLVMFuzzerTestOneInput

namespace {

TEST(EnvelopeFuzzCorpusReplayTest, CorpusRunsClean) {
  EXPECT_GE(strada::testing::replayFuzzCorpus("envelope", &EnvelopeFuzzTestOneInput), 17U);
}

// The signed seed is a delivery as an instance sends it: it parses, both signatures check with
// the sender's key, and a changed body no longer matches the envelope's signature.
TEST(EnvelopeFuzzCorpusReplayTest, SignedSeedParsesAndVerifies) {
  std::ifstream in(
      std::filesystem::path(STRADA_SOURCE_DIR) / "fuzz/corpus/envelope/signed_delivery",
      std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto delivery = strada::network::parseDelivery(text);
  ASSERT_TRUE(delivery) << delivery.error().detail;
  EXPECT_EQ(delivery->sender, "hub-eu");
  EXPECT_EQ(delivery->envelope.kind, "referral.send");
  EXPECT_TRUE(strada::network::hopSignedBy(*delivery, senderPublicKey()));
  EXPECT_TRUE(strada::network::envelopeSignedBy(delivery->envelope, senderPublicKey()));
  delivery->envelope.body = R"({"referral_id":"r2"})";
  EXPECT_FALSE(strada::network::envelopeSignedBy(delivery->envelope, senderPublicKey()));
}

}  // namespace
