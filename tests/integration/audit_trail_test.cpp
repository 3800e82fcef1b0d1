// The audit trail cannot be rebuilt (issue 10 section 3): the chain is keyed with the audit MAC
// key, so removing events and chaining the rest again without the master key is caught; signed
// anchors catch a trail cut off at its end; an old SHA-256 trail is upgraded once. Each test puts
// the trail back as it found it.
#include <soci/soci.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/audit_anchor.h"
#include "crypto/public_key.h"
#include "domain/encoding.h"
#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

class AuditTrailTest : public DeploymentTest<AuditTrailTest> {
 protected:
  static store::Database& db() { return deployment().database().db(); }

  static std::vector<audit::AuditEvent> trail() {
    std::vector<audit::AuditEvent> events;
    domain::Status walked;
    db().read([&](soci::session& sql) {
      walked = store::forEachAuditEvent(sql, [&](const audit::AuditEvent& e) {
        events.push_back(e);
        return true;
      });
    });
    EXPECT_TRUE(walked.has_value());
    return events;
  }

  // Replaces the stored trail with `events`, as written (the raw SQL an attacker would run).
  static void replaceTrail(const std::vector<audit::AuditEvent>& events) {
    auto status = db().write([&](store::WriteContext& w) -> domain::Status {
      w.sql() << "DELETE FROM audit_events";
      for (const audit::AuditEvent& e : events) {
        if (auto appended = store::appendAuditEvent(w.sql(), e); !appended) {
          return appended;
        }
      }
      return {};
    });
    ASSERT_TRUE(status.has_value()) << status.error().message;
  }

  // `events` chained again with plain SHA-256 after `prev` (seq renumbered): what a review did to
  // a copy of the database.
  static std::vector<audit::AuditEvent> chainedWithSha256(
      std::optional<audit::AuditEvent> prev, const std::vector<audit::AuditEvent>& events) {
    std::vector<audit::AuditEvent> out;
    for (const audit::AuditEvent& e : events) {
      audit::AuditEvent next;
      next.at = e.at;
      next.input = e.input;
      audit::chain(prev, next);
      out.push_back(next);
      prev = next;
    }
    return out;
  }

  // Runs `command` and returns its exit code; `said` gets what it wrote to stderr.
  template <class Command>
  static int run(Command command, std::string& said) {
    const std::size_t before = deployment().log().size();
    const int code = command();
    std::fflush(stderr);
    said = deployment().log().substr(before);
    return code;
  }

  static int verify(std::string& said, const std::filesystem::path& anchors = {}) {
    return run([&] { return app::runAuditVerify(deployment().data(), {}, anchors); }, said);
  }

  // A trail with some reads in it: a consultant records contacts and opens each.
  static void addReads(int contacts) {
    HttpClient c = signedIn(kConsultantA);
    for (int i = 0; i < contacts; ++i) {
      const std::string id = createdId(c, "/api/v1/contacts", validContact());
      ASSERT_FALSE(id.empty());
      ASSERT_EQ(c.get("/api/v1/contacts/" + id).status, 200u);
    }
  }

  static std::filesystem::path anchorsFile(const std::string& name) {
    std::filesystem::path file = deployment().data().data_dir / name;
    std::filesystem::remove(file);
    std::filesystem::remove(app::anchorPublicKeyPath(file));
    return file;
  }

  static std::vector<std::string> linesOf(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
      lines.push_back(line);
    }
    return lines;
  }
};

TEST_F(AuditTrailTest, AFreshTrailIsKeyedFromItsFirstEvent) {
  auto opened = app::openData(deployment().data());
  ASSERT_TRUE(opened.has_value()) << opened.error().message;
  const std::string_view key = opened->keys->auditKeys().mac->bytes();
  const std::vector<audit::AuditEvent> events = trail();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.front().input.action, "data_key.create");
  EXPECT_EQ(events.front().input.object_id, "audit_mac.v1");
  for (const audit::AuditEvent& e : events) {
    EXPECT_EQ(e.hash, audit::computeMac(key, e)) << "event " << e.seq;
    EXPECT_NE(e.hash, audit::computeHash(e)) << "event " << e.seq << " is plain SHA-256";
    EXPECT_NE(e.input.action, "audit.rechain") << "a fresh trail has nothing to upgrade";
  }
  std::string said;
  EXPECT_EQ(verify(said), 0) << said;
}

// What the review did: ten read events removed from the middle, the rest chained again with
// SHA-256 from there on. The plain chain said intact; the keyed one names the first bad event.
TEST_F(AuditTrailTest, RemovingReadsAndChainingAgainIsCaught) {
  addReads(12);
  const std::vector<audit::AuditEvent> original = trail();
  std::vector<audit::AuditEvent> kept;
  std::vector<audit::AuditEvent> rest;
  int removed = 0;
  std::int64_t first_removed = 0;
  for (const audit::AuditEvent& e : original) {
    if (e.input.action == "contact.read" && removed < 10) {
      ++removed;
      first_removed = first_removed == 0 ? e.seq : first_removed;
      continue;
    }
    (first_removed == 0 ? kept : rest).push_back(e);
  }
  ASSERT_EQ(removed, 10);
  std::vector<audit::AuditEvent> tampered = kept;
  for (const audit::AuditEvent& e : chainedWithSha256(kept.back(), rest)) {
    tampered.push_back(e);
  }
  // The old verifier would have said intact.
  audit::ChainVerifier plain;
  for (const audit::AuditEvent& e : tampered) {
    plain.feed(e);
  }
  EXPECT_FALSE(plain.intact()) << "the kept prefix is keyed";
  replaceTrail(tampered);
  std::string said;
  EXPECT_EQ(verify(said), 3);
  EXPECT_NE(said.find("broken at event " + std::to_string(first_removed) + ":"), std::string::npos)
      << said;

  // The whole trail chained again from its first event: caught at event 1.
  std::vector<audit::AuditEvent> all = kept;
  all.insert(all.end(), rest.begin(), rest.end());
  replaceTrail(chainedWithSha256(std::nullopt, all));
  EXPECT_EQ(verify(said), 3);
  EXPECT_NE(said.find("broken at event 1:"), std::string::npos) << said;

  replaceTrail(original);
  EXPECT_EQ(verify(said), 0) << said;
}

TEST_F(AuditTrailTest, DeletingOrEditingAnEventIsCaught) {
  const std::vector<audit::AuditEvent> original = trail();
  ASSERT_GE(original.size(), 6u);
  const std::int64_t victim_seq = original[4].seq;
  std::string said;

  std::vector<audit::AuditEvent> without = original;
  without.erase(without.begin() + 4);
  replaceTrail(without);
  EXPECT_EQ(verify(said), 3);
  EXPECT_NE(said.find("broken at event " + std::to_string(victim_seq) + ":"), std::string::npos)
      << said;

  // Edited, and its hash made again with SHA-256 (the key is not at hand).
  std::vector<audit::AuditEvent> edited = original;
  edited[4].input.object_id = "someone-else";
  edited[4].hash = audit::computeHash(edited[4]);
  replaceTrail(edited);
  EXPECT_EQ(verify(said), 3);
  EXPECT_NE(said.find("broken at event " + std::to_string(victim_seq) + ":"), std::string::npos)
      << said;
  EXPECT_NE(said.find("MAC does not match"), std::string::npos) << said;

  replaceTrail(original);
  EXPECT_EQ(verify(said), 0) << said;
}

TEST_F(AuditTrailTest, AnchorsCatchATrailCutOffItsEnd) {
  const std::filesystem::path file = anchorsFile("anchors.txt");
  std::string said;
  ASSERT_EQ(
      run([&] { return app::runAuditAnchor(deployment().data(), file, "test instance"); }, said), 0)
      << said;
  addReads(2);
  ASSERT_EQ(run([&] { return app::runAuditAnchor(deployment().data(), file, "test"); }, said), 0)
      << said;
  const std::vector<std::string> lines = linesOf(file);
  ASSERT_EQ(lines.size(), 2u);
  auto first = app::parseAnchorLine(lines[0]);
  auto second = app::parseAnchorLine(lines[1]);
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_EQ(first->label, "test_instance");
  const std::vector<audit::AuditEvent> original = trail();
  EXPECT_EQ(second->seq, original.back().seq);
  EXPECT_EQ(second->mac, original.back().hash);
  EXPECT_LT(first->seq, second->seq);

  EXPECT_EQ(verify(said, file), 0) << said;
  // A reviewer without the master key checks the signatures with FILE.pub.
  EXPECT_EQ(run([&] { return app::runAuditCheckAnchors(file); }, said), 0) << said;

  // The last four events cut off: the chain alone still verifies, the anchors do not.
  replaceTrail(std::vector<audit::AuditEvent>(original.begin(), original.end() - 4));
  EXPECT_EQ(verify(said), 0) << said;
  EXPECT_EQ(verify(said, file), 3);
  EXPECT_NE(said.find("before event " + std::to_string(second->seq) + " anchored on line 2"),
            std::string::npos)
      << said;

  // Cut, and the tail chained again after it with other content: the first anchor holds, the
  // second names its event.
  std::vector<audit::AuditEvent> rewritten(original.begin(), original.end() - 4);
  std::vector<audit::AuditEvent> tail(original.end() - 4, original.end());
  tail[0].input.object_id = "other";
  for (const audit::AuditEvent& e : chainedWithSha256(rewritten.back(), tail)) {
    rewritten.push_back(e);
  }
  replaceTrail(rewritten);
  EXPECT_EQ(verify(said, file), 3);

  replaceTrail(original);
  EXPECT_EQ(verify(said, file), 0) << said;
}

TEST_F(AuditTrailTest, AForgedAnchorIsRefused) {
  const std::filesystem::path file = anchorsFile("forged.txt");
  std::string said;
  ASSERT_EQ(run([&] { return app::runAuditAnchor(deployment().data(), file, "x"); }, said), 0);
  const std::vector<std::string> lines = linesOf(file);
  ASSERT_EQ(lines.size(), 1u);
  auto anchor = app::parseAnchorLine(lines[0]);
  ASSERT_TRUE(anchor.has_value());
  const std::string real_public = linesOf(app::anchorPublicKeyPath(file)).at(0);

  // An anchor of an earlier event, its signature kept: the signature does not cover it.
  app::AuditAnchor moved = *anchor;
  moved.seq = anchor->seq - 1;
  const auto line_of = [](const app::AuditAnchor& a) {
    return app::anchorMessage(a) + " " + domain::toHex(a.signature);
  };
  // An anchor signed by another key, with the real head's MAC.
  crypto::KeyPair other = crypto::generateSigningKeyPair();
  app::AuditAnchor foreign = *anchor;
  foreign.signature = crypto::signDetached(other.secret, app::anchorMessage(foreign));
  for (const std::string& forged : {line_of(moved), line_of(foreign), std::string("garbage")}) {
    {
      std::ofstream out(file, std::ios::trunc);
      out << lines[0] << "\n" << forged << "\n";
    }
    EXPECT_EQ(verify(said, file), 3) << forged;
    EXPECT_NE(said.find("line 2 of"), std::string::npos) << said;
    EXPECT_EQ(run([&] { return app::runAuditCheckAnchors(file, real_public); }, said), 3) << forged;
  }
  // A forger who also replaced FILE.pub fools a reviewer who does not pin the key, never verify.
  {
    std::ofstream out(file, std::ios::trunc);
    out << line_of(foreign) << "\n";
    std::ofstream pub(app::anchorPublicKeyPath(file), std::ios::trunc);
    pub << domain::toHex(other.public_key) << "\n";
  }
  EXPECT_EQ(run([&] { return app::runAuditCheckAnchors(file); }, said), 0);
  EXPECT_EQ(run([&] { return app::runAuditCheckAnchors(file, real_public); }, said), 3);
  EXPECT_EQ(verify(said, file), 3);
  // And `audit anchor` refuses to append to another key's file.
  EXPECT_NE(run([&] { return app::runAuditAnchor(deployment().data(), file, "x"); }, said), 0);
  EXPECT_NE(said.find("another public key"), std::string::npos) << said;
}

// A database from before the keyed chain: its SHA-256 trail is checked and chained again under a
// new audit key on the first start, once, with an event saying so. A broken one is refused.
TEST_F(AuditTrailTest, AnOldSha256TrailIsUpgradedOnce) {
  deployment().stopServer();
  const std::vector<audit::AuditEvent> keyed = trail();
  const auto make_old = [&](const std::vector<audit::AuditEvent>& events) {
    auto dropped = db().write([](store::WriteContext& w) -> domain::Status {
      w.sql() << "DELETE FROM data_keys WHERE key_id IN ('audit_mac.v1', 'audit_anchor.v1')";
      return {};
    });
    ASSERT_TRUE(dropped.has_value());
    replaceTrail(chainedWithSha256(std::nullopt, events));
  };

  // Broken before the upgrade: the data folder does not open, naming the event.
  std::vector<audit::AuditEvent> broken = chainedWithSha256(std::nullopt, keyed);
  broken[2].input.action = "altered";
  make_old(keyed);
  replaceTrail(broken);
  std::string said;
  EXPECT_EQ(verify(said), 1);
  EXPECT_NE(said.find("broken at event 3"), std::string::npos) << said;

  // Intact: upgraded.
  make_old(keyed);
  const std::size_t old_count = keyed.size();
  EXPECT_EQ(verify(said), 0) << said;
  std::vector<audit::AuditEvent> upgraded;
  {
    auto opened = app::openData(deployment().data());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    const std::string_view key = opened->keys->auditKeys().mac->bytes();
    upgraded = trail();
    ASSERT_EQ(upgraded.size(), old_count + 3);  // audit.rechain and the two keys' creation
    EXPECT_EQ(upgraded[old_count].input.action, "audit.rechain");
    EXPECT_EQ(upgraded[old_count].input.object_id, "events=" + std::to_string(old_count));
    EXPECT_EQ(upgraded[old_count + 1].input.object_id, "audit_mac.v1");
    EXPECT_EQ(upgraded[old_count + 2].input.object_id, "audit_anchor.v1");
    for (std::size_t i = 0; i < upgraded.size(); ++i) {
      EXPECT_EQ(upgraded[i].hash, audit::computeMac(key, upgraded[i])) << upgraded[i].seq;
      if (i < old_count) {
        EXPECT_EQ(upgraded[i].input.action, keyed[i].input.action);  // content unchanged
      }
    }
  }
  // Once: a second start changes nothing.
  EXPECT_EQ(verify(said), 0) << said;
  EXPECT_EQ(trail().size(), upgraded.size());
  deployment().startServer();
  addReads(1);
  EXPECT_EQ(verify(said), 0) << said;
}

TEST_F(AuditTrailTest, TheServerAnchorsOnItsOwn) {
  const std::filesystem::path file = anchorsFile("served.txt");
  deployment().stopServer();
  deployment().startServer(0, [&](app::ServeOptions& serve) {
    serve.audit_anchor_to = file;
    serve.audit_anchor_every = std::chrono::minutes(1);
    serve.audit_anchor_label = "served";
  });
  for (int i = 0; i < 100 && linesOf(file).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::vector<std::string> lines = linesOf(file);
  ASSERT_EQ(lines.size(), 1u);
  auto anchor = app::parseAnchorLine(lines[0]);
  ASSERT_TRUE(anchor.has_value());
  EXPECT_EQ(anchor->label, "served");
  EXPECT_EQ(anchor->seq, trail().back().seq);
  std::string said;
  EXPECT_EQ(verify(said, file), 0) << said;
  deployment().stopServer();
  deployment().startServer();
}

// The figure in docs/security.md ("Cost"): run on demand with
// --gtest_also_run_disabled_tests --gtest_filter='*VerifyTimeOn100kEvents'.
TEST_F(AuditTrailTest, DISABLED_VerifyTimeOn100kEvents) {
  {
    auto opened = app::openData(deployment().data());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    for (int batch = 0; batch < 100; ++batch) {
      auto written = opened->db->write([](store::WriteContext& w) -> domain::Status {
        for (int i = 0; i < 1000; ++i) {
          if (auto done = w.audit(audit::AuditEventInput{"u-1", "org-1", "contact.read", "contact",
                                                         "c-" + std::to_string(i), "req"});
              !done) {
            return done;
          }
        }
        return {};
      });
      ASSERT_TRUE(written.has_value()) << written.error().message;
    }
  }
  std::string said;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(verify(said), 0) << said;
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  std::cout << "verify of " << trail().size() << " events took " << took.count() << " ms\n";

  // The one-time upgrade of as long a SHA-256 trail, on the next start.
  deployment().stopServer();
  auto dropped = db().write([](store::WriteContext& w) -> domain::Status {
    w.sql() << "DELETE FROM data_keys WHERE key_id = 'audit_mac.v1'";
    return {};
  });
  ASSERT_TRUE(dropped.has_value());
  replaceTrail(chainedWithSha256(std::nullopt, trail()));
  const auto upgrade_started = std::chrono::steady_clock::now();
  {
    auto opened = app::openData(deployment().data());
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
  }
  const auto upgrade_took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - upgrade_started);
  std::cout << "opening with the upgrade of " << trail().size() << " events took "
            << upgrade_took.count() << " ms\n";
  EXPECT_EQ(verify(said), 0) << said;
  deployment().startServer();
}

}  // namespace
}  // namespace strada::testing
