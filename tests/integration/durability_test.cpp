// Acknowledged writes survive a restart; concurrent writers lose nothing; the audit chain verifies
// and detects tampering.
#include <soci/soci.h>

#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "integration/suite.h"
#include "store/repositories.h"

namespace strada::testing {
namespace {

class DurabilityTest : public DeploymentTest<DurabilityTest> {};

constexpr int kThreads = 8;
constexpr int kPerThread = 25;

TEST_F(DurabilityTest, ConcurrentWritesAreAllKeptAcrossARestart) {
  // Sign in first (Argon2id runs one at a time), then write from every thread at once.
  std::vector<HttpClient> clients;
  for (int t = 0; t < kThreads; ++t) {
    clients.push_back(signedIn(t % 2 == 0 ? kConsultantA : kSupervisorA));
    ASSERT_TRUE(clients.back().csrfToken().has_value());
  }
  std::vector<std::vector<std::string>> acknowledged(kThreads);
  std::vector<std::vector<std::string>> failures(kThreads);
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load()) {
        std::this_thread::yield();
      }
      for (int i = 0; i < kPerThread; ++i) {
        // Every contact at its own second of 2020, so the order of the list is known.
        const int n = t * kPerThread + i;
        char started[32];
        std::snprintf(started, sizeof started, "2020-01-01T%02d:%02d:%02dZ", n / 3600,
                      (n / 60) % 60, n % 60);
        boost::json::object body = validContact(started);
        body["summary"] = "thread " + std::to_string(t) + " contact " + std::to_string(i);
        const HttpResponse r =
            clients[static_cast<std::size_t>(t)].post("/api/v1/contacts", toJson(body));
        if (r.status == 201 && r.json) {
          acknowledged[static_cast<std::size_t>(t)].emplace_back(
              r.json->as_object().at("id").as_string());
        } else {
          failures[static_cast<std::size_t>(t)].push_back(std::to_string(r.status) + " " + r.body);
        }
      }
    });
  }
  go = true;
  for (auto& th : threads) {
    th.join();
  }
  std::set<std::string> ids;
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_TRUE(failures[static_cast<std::size_t>(t)].empty())
        << "thread " << t << ": " << failures[static_cast<std::size_t>(t)].front();
    ids.insert(acknowledged[static_cast<std::size_t>(t)].begin(),
               acknowledged[static_cast<std::size_t>(t)].end());
  }
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kThreads * kPerThread));

  // A new server on the same data: every acknowledged contact is there, once.
  deployment().stopServer();
  deployment().startServer();
  HttpClient c = signedIn(kConsultantA);
  std::vector<std::string> listed;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    const HttpResponse r =
        c.get("/api/v1/contacts?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z&limit=64" +
              (cursor.empty() ? std::string() : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200u) << r.body;
    for (const auto& item : r.json->as_object().at("items").as_array()) {
      listed.emplace_back(item.as_object().at("id").as_string());
    }
    const auto& next = r.json->as_object().at("next_cursor");
    if (next.is_null()) {
      break;
    }
    cursor = std::string(next.as_string());
  }
  EXPECT_EQ(listed.size(), ids.size());
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), ids);

  // And the sealed text of one of them opens with the data keys reloaded from the database.
  const std::string& some = acknowledged[3][7];
  const HttpResponse one = c.get("/api/v1/contacts/" + some);
  ASSERT_EQ(one.status, 200u) << one.body;
  EXPECT_EQ(one.json->as_object().at("summary"), "thread 3 contact 7");

  EXPECT_EQ(app::runAuditVerify(deployment().data()), 0);
}

TEST_F(DurabilityTest, AuditVerifyDetectsATamperedEvent) {
  ASSERT_EQ(app::runAuditVerify(deployment().data()), 0);
  std::string original;
  deployment().database().db().read([&](soci::session& sql) {
    sql << "SELECT action FROM audit_events WHERE seq = 3", soci::into(original);
  });
  ASSERT_FALSE(original.empty());
  const auto setAction = [&](const std::string& action) {
    auto status = deployment().database().db().write([action](store::WriteContext& w) {
      w.sql() << "UPDATE audit_events SET action = :a WHERE seq = 3", soci::use(action);
      return domain::Status{};
    });
    ASSERT_TRUE(status.has_value()) << status.error().message;
  };
  setAction("tampered");
  EXPECT_NE(app::runAuditVerify(deployment().data()), 0);
  setAction(original);
  EXPECT_EQ(app::runAuditVerify(deployment().data()), 0) << "restored";
}

// The chain alone cannot show events cut off its end; an anchor kept apart from the server can.
TEST_F(DurabilityTest, AuditVerifyWithAnAnchorSeesEventsCutOffTheEnd) {
  std::optional<audit::AuditEvent> head;
  deployment().database().db().read([&](soci::session& sql) {
    auto last = store::lastAuditEvent(sql);
    ASSERT_TRUE(last.has_value());
    head = *last;
  });
  ASSERT_TRUE(head.has_value());
  ASSERT_GE(head->seq, 2);
  const std::string anchor = std::to_string(head->seq) + ":" + head->hash;
  EXPECT_EQ(app::runAuditVerify(deployment().data(), anchor), 0);

  // Malformed anchors are refused before any work.
  for (const std::string& bad :
       {std::string("12"), std::string("x:") + head->hash, std::to_string(head->seq) + ":abc",
        std::string("0:") + head->hash}) {
    EXPECT_EQ(app::runAuditVerify(deployment().data(), bad), 2) << bad;
  }
  // A wrong hash at the anchored event: rewritten.
  std::string other = head->hash;
  other[0] = other[0] == 'a' ? 'b' : 'a';
  EXPECT_EQ(app::runAuditVerify(deployment().data(), std::to_string(head->seq) + ":" + other), 3);

  // Cut the last event off: the chain still verifies, the anchor does not.
  const long long seq = head->seq;
  auto cut = deployment().database().db().write([seq](store::WriteContext& w) {
    w.sql() << "DELETE FROM audit_events WHERE seq = :seq", soci::use(seq);
    return domain::Status{};
  });
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(app::runAuditVerify(deployment().data()), 0);
  EXPECT_EQ(app::runAuditVerify(deployment().data(), anchor), 3);
}

}  // namespace
}  // namespace strada::testing
