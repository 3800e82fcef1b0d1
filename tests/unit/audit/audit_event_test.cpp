#include "audit/audit_event.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/crypto.h"

namespace strada::audit {
namespace {

class AuditEventTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(crypto::initialise().has_value()); }
};

AuditEventInput input(std::string action, std::string object_id) {
  return AuditEventInput{"u-1",  "org-1", std::move(action), "contact", std::move(object_id),
                         "req-1"};
}

// A correctly chained list of `n` events, seq 1..n.
std::vector<AuditEvent> makeChain(int n) {
  std::vector<AuditEvent> events;
  std::optional<AuditEvent> prev;
  for (int i = 1; i <= n; ++i) {
    AuditEvent e;
    e.at = 1'790'000'000'000 + i;
    e.input = input(i % 2 == 0 ? "contact.read" : "contact.create", "c-" + std::to_string(i));
    chain(prev, e);
    events.push_back(e);
    prev = e;
  }
  return events;
}

ChainVerifier verifyAll(const std::vector<AuditEvent>& events) {
  ChainVerifier verifier;
  for (const AuditEvent& e : events) {
    if (!verifier.feed(e)) {
      break;
    }
  }
  return verifier;
}

TEST_F(AuditEventTest, GenesisHashIsSixtyFourZeros) {
  EXPECT_EQ(genesisHash(), std::string(64, '0'));
}

TEST_F(AuditEventTest, ComputeHashIsSha256OfTheLengthPrefixedEncoding) {
  AuditEvent e;
  e.seq = 7;
  e.at = 1234;
  e.input = AuditEventInput{"u", "o", "contact.read", "contact", "c-9", ""};
  e.prev_hash = genesisHash();
  e.hash = "ignored";
  const std::string expected_text =
      "1:7;4:1234;1:u;1:o;12:contact.read;7:contact;3:c-9;0:;64:" + genesisHash() + ";";
  EXPECT_EQ(computeHash(e), crypto::sha256Hex(expected_text));
  EXPECT_EQ(computeHash(e).size(), 64U);
}

TEST_F(AuditEventTest, ComputeHashCoversEveryFieldButHash) {
  AuditEvent base;
  base.seq = 3;
  base.at = 99;
  base.input = input("contact.read", "c-1");
  base.prev_hash = std::string(64, 'a');
  const std::string h = computeHash(base);

  std::vector<AuditEvent> variants(9, base);
  variants[0].seq = 4;
  variants[1].at = 100;
  variants[2].input.actor_user_id = "u-2";
  variants[3].input.org_id = "org-2";
  variants[4].input.action = "contact.update";
  variants[5].input.object_type = "user";
  variants[6].input.object_id = "c-2";
  variants[7].input.request_id = "req-2";
  variants[8].prev_hash = std::string(64, 'b');
  for (std::size_t i = 0; i < variants.size(); ++i) {
    EXPECT_NE(computeHash(variants[i]), h) << "field " << i;
  }
  AuditEvent with_hash = base;
  with_hash.hash = "anything";
  EXPECT_EQ(computeHash(with_hash), h);
}

TEST_F(AuditEventTest, EncodingIsUnambiguousAcrossFieldBoundaries) {
  AuditEvent a;
  a.input = AuditEventInput{"ab", "c", "x", "", "", ""};
  AuditEvent b;
  b.input = AuditEventInput{"a", "bc", "x", "", "", ""};
  AuditEvent c;
  c.input = AuditEventInput{"a;1:b", "", "x", "", "", ""};
  EXPECT_NE(computeHash(a), computeHash(b));
  EXPECT_NE(computeHash(a), computeHash(c));
  EXPECT_NE(computeHash(b), computeHash(c));
}

TEST_F(AuditEventTest, ChainStartsAtOneFromGenesisAndLinksToThePrevious) {
  AuditEvent first;
  first.input = input("session.create", "s-1");
  chain(std::nullopt, first);
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(first.prev_hash, genesisHash());
  EXPECT_EQ(first.hash, computeHash(first));

  AuditEvent second;
  second.input = input("contact.create", "c-1");
  second.seq = 42;  // overwritten
  chain(first, second);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(second.prev_hash, first.hash);
  EXPECT_EQ(second.hash, computeHash(second));
  EXPECT_NE(second.hash, first.hash);
}

TEST_F(AuditEventTest, IntactChainVerifies) {
  const auto events = makeChain(25);
  const ChainVerifier v = verifyAll(events);
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.count(), 25);
  EXPECT_EQ(v.problem(), "");
  EXPECT_EQ(v.firstBrokenSeq(), 0);
}

TEST_F(AuditEventTest, EmptyChainIsIntact) {
  const ChainVerifier v;
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.count(), 0);
}

TEST_F(AuditEventTest, AlteredContentIsDetected) {
  auto events = makeChain(20);
  events[16].input.object_id = "c-other";  // event 17
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 17);
  EXPECT_EQ(v.count(), 16);
  EXPECT_EQ(v.problem(), "event 17: its hash does not match its content (altered)");
}

TEST_F(AuditEventTest, AlteredTimestampIsDetected) {
  auto events = makeChain(5);
  events[2].at += 1;
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 3);
}

TEST_F(AuditEventTest, AlteredAndRehashedEventBreaksTheNextLink) {
  auto events = makeChain(6);
  events[3].input.action = "contact.delete";  // event 4, hash recomputed by the forger
  events[3].hash = computeHash(events[3]);
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 5);
  EXPECT_EQ(v.problem(), "event 5: prev_hash does not match event 4 (reordered or altered)");
}

TEST_F(AuditEventTest, RemovedEventIsDetected) {
  auto events = makeChain(20);
  events.erase(events.begin() + 17);  // event 18
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 18);
  EXPECT_EQ(v.count(), 17);
  EXPECT_EQ(v.problem(), "event 18: expected seq 18, found 19 (an event was removed or reordered)");
}

TEST_F(AuditEventTest, RemovedLastEventsLeaveAnIntactPrefix) {
  // Truncation at the end cannot be seen from the events alone; the verifier reports the count
  // so the caller can compare it with the stored maximum seq.
  auto events = makeChain(10);
  events.resize(7);
  const ChainVerifier v = verifyAll(events);
  EXPECT_TRUE(v.intact());
  EXPECT_EQ(v.count(), 7);
}

TEST_F(AuditEventTest, RemovedFirstEventIsDetected) {
  auto events = makeChain(3);
  events.erase(events.begin());
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 1);
  EXPECT_EQ(v.problem(), "event 1: expected seq 1, found 2 (an event was removed or reordered)");
}

TEST_F(AuditEventTest, SwappedEventsAreDetected) {
  auto events = makeChain(10);
  std::swap(events[4], events[5]);
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 5);
  EXPECT_EQ(v.problem(), "event 5: expected seq 5, found 6 (an event was removed or reordered)");
}

TEST_F(AuditEventTest, SwappedAndRenumberedEventsAreDetected) {
  auto events = makeChain(10);
  std::swap(events[4], events[5]);
  std::swap(events[4].seq, events[5].seq);
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 5);
  EXPECT_EQ(v.problem(), "event 5: prev_hash does not match event 4 (reordered or altered)");
}

TEST_F(AuditEventTest, ForgedGenesisLinkIsDetected) {
  auto events = makeChain(2);
  events[0].prev_hash = std::string(64, 'f');
  events[0].hash = computeHash(events[0]);
  const ChainVerifier v = verifyAll(events);
  EXPECT_FALSE(v.intact());
  EXPECT_EQ(v.firstBrokenSeq(), 1);
  EXPECT_EQ(v.problem(), "event 1: prev_hash is not the genesis hash (altered)");
}

TEST_F(AuditEventTest, FeedIgnoresEverythingAfterTheFirstBreak) {
  auto events = makeChain(8);
  events[2].input.org_id = "org-x";
  ChainVerifier v;
  EXPECT_TRUE(v.feed(events[0]));
  EXPECT_TRUE(v.feed(events[1]));
  EXPECT_FALSE(v.feed(events[2]));
  const std::string problem = v.problem();
  EXPECT_FALSE(v.feed(events[3]));
  events[4].input.action = "changed";
  EXPECT_FALSE(v.feed(events[4]));
  EXPECT_EQ(v.problem(), problem);
  EXPECT_EQ(v.firstBrokenSeq(), 3);
  EXPECT_EQ(v.count(), 2);
}

// The keyed chain: HMAC-SHA-256 under the audit MAC key over the same encoding.
TEST_F(AuditEventTest, AKeyedChainVerifiesOnlyUnderItsKey) {
  const std::string key(32, 'k');
  std::vector<AuditEvent> events;
  std::optional<AuditEvent> prev;
  for (int i = 1; i <= 5; ++i) {
    AuditEvent e;
    e.at = 1'790'000'000'000 + i;
    e.input = input("contact.read", "c-" + std::to_string(i));
    chain(prev, e, key);
    EXPECT_EQ(e.hash, computeMac(key, e));
    EXPECT_NE(e.hash, computeHash(e));
    events.push_back(e);
    prev = e;
  }
  ChainVerifier keyed(key);
  for (const AuditEvent& e : events) {
    EXPECT_TRUE(keyed.feed(e)) << keyed.problem();
  }
  EXPECT_EQ(keyed.count(), 5);
  // Without the key (the legacy verifier) or under another key: broken at event 1.
  EXPECT_EQ(verifyAll(events).firstBrokenSeq(), 1);
  const std::string other(32, 'o');
  ChainVerifier wrong(other);
  EXPECT_FALSE(wrong.feed(events[0]));
  EXPECT_EQ(wrong.firstBrokenSeq(), 1);
  EXPECT_NE(wrong.problem().find("MAC does not match"), std::string::npos);
  // A plain SHA-256 chain does not verify under a key.
  const auto plain = makeChain(3);
  ChainVerifier keyed_plain(key);
  EXPECT_FALSE(keyed_plain.feed(plain[0]));
  EXPECT_EQ(computeMac("", plain[0]), computeHash(plain[0]));
}

}  // namespace
}  // namespace strada::audit
