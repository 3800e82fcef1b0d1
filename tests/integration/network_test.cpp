// The network's transport across three real servers on loopback ports (issue 9, section 1): a
// hub and two members, each with its own data folder and database (SQLite, or PostgreSQL with
// STRADA_TEST_PG_URL). Members join with `strada network join`, the coordinator approves them
// over the API, and network.ping travels member A -> hub -> member B through the outboxes.
#include "integration/network_fixture.h"

namespace strada::testing {
namespace {

class NetworkTest : public NetworkFixture {};

TEST_F(NetworkTest, PingTravelsFromMemberToMemberThroughTheHubOnce) {
  const std::size_t before = pings(*b_data_).size();
  const std::string id = sendSealedPing();
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(eventually([&] { return pings(*b_data_).size() == before + 1; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  const auto received = pings(*b_data_);
  ASSERT_EQ(received.size(), before + 1);
  EXPECT_EQ(received.back().message_id, id);
  EXPECT_EQ(received.back().sender_code, "MA");
  // B opens the sealed body with its own key.
  auto body = boost::json::parse(received.back().body).as_object();
  auto sealed = crypto::fromBase64Url(std::string(body.at("sealed").as_string()));
  ASSERT_TRUE(sealed.has_value());
  const network::Identity b = identity(*b_data_);
  auto opened = crypto::openSealed(b.box_public, b.box_secret, *sealed);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(*opened, kSecret);
  // The hub cannot: it holds the routing metadata, no body plaintext, and its key does not open.
  const network::Identity hub = identity(*hub_data_);
  EXPECT_FALSE(crypto::openSealed(hub.box_public, hub.box_secret, *sealed).has_value());
  std::string sender, receiver, kind;
  long long size = 0;
  int plaintext_rows = 1, hub_inbox_rows = 1;
  hub_data_->db->read([&](soci::session& sql) {
    sql << "SELECT sender_code, receiver_code, kind, size_bytes FROM network_relays WHERE "
           "message_id = :id",
        soci::into(sender), soci::into(receiver), soci::into(kind), soci::into(size), soci::use(id);
    const std::string pattern = "%Secret plaintext%";
    sql << "SELECT COUNT(*) FROM network_outbox WHERE envelope LIKE :p", soci::into(plaintext_rows),
        soci::use(pattern);
    sql << "SELECT COUNT(*) FROM network_inbox WHERE message_id = :id", soci::into(hub_inbox_rows),
        soci::use(id);
  });
  EXPECT_EQ(sender, "MA");
  EXPECT_EQ(receiver, "MB");
  EXPECT_EQ(kind, "network.ping");
  EXPECT_GT(size, 0);
  EXPECT_EQ(plaintext_rows, 0);
  EXPECT_EQ(hub_inbox_rows, 0);
}

TEST_F(NetworkTest, MessageWaitsForAnOfflineReceiverAndArrivesWhenItIsBack) {
  const std::size_t before = pings(*b_data_).size();
  const std::uint16_t b_port = b_->port();
  b_->stopServer();
  const std::string id = sendSealedPing();
  // The hub tries, fails and backs off.
  ASSERT_TRUE(eventually([&] {
    int attempts = 0;
    hub_data_->db->read([&](soci::session& sql) {
      sql << "SELECT attempts FROM network_outbox WHERE message_id = :id", soci::into(attempts),
          soci::use(id);
    });
    return attempts >= 2;
  }));
  EXPECT_EQ(pings(*b_data_).size(), before);
  b_->startServer(b_port);
  ASSERT_TRUE(eventually([&] { return pings(*b_data_).size() == before + 1; }));
  EXPECT_EQ(pings(*b_data_).back().message_id, id);
}

TEST_F(NetworkTest, EveryRefusalIsTheSame401) {
  const domain::UnixMillis now = domain::nowMillis();
  const std::string valid = network::deliveryJson(deliveryFromA(now));
  const HttpResponse first = post(valid);
  ASSERT_EQ(first.status, 200u) << first.body;
  const HttpResponse replayed = post(valid);
  ASSERT_EQ(replayed.status, 401u);
  const std::string refusal = replayed.body;

  const HttpResponse stale = post(network::deliveryJson(deliveryFromA(now - 10 * 60 * 1000)));
  network::Delivery tampered = deliveryFromA(now);
  tampered.envelope.body = "{\"n\":2}";
  const HttpResponse tampered_answer = post(network::deliveryJson(tampered));
  network::Delivery unsigned_delivery = deliveryFromA(now);
  unsigned_delivery.signature = std::string(64, '\0');
  const HttpResponse unsigned_answer = post(network::deliveryJson(unsigned_delivery));
  for (const HttpResponse* r : {&stale, &tampered_answer, &unsigned_answer}) {
    EXPECT_EQ(r->status, 401u);
    EXPECT_EQ(r->body, refusal);
  }
  // Counted for the operator, with no reason or sender as a label.
  const HttpResponse metrics = HttpClient(hub_->metricsPort()).get("/metrics");
  EXPECT_NE(metrics.body.find("strada_network_messages_refused_total "), std::string::npos);
  EXPECT_EQ(metrics.body.find("strada_network_messages_refused_total 0\n"), std::string::npos);
  EXPECT_NE(metrics.body.find("strada_network_outbox_acknowledged_total "), std::string::npos);
}

TEST_F(NetworkTest, RotatedKeysReachTheHubAndTheMembersThroughTheOldKey) {
  const std::string old_key = identity(*a_data_).key_id;
  auto rotated = network::rotateKeys(*a_data_->db, *a_data_->keys);
  ASSERT_TRUE(rotated.has_value()) << rotated.error().message;
  ASSERT_NE(*rotated, old_key);
  const auto keyStatus = [](app::OpenedData& data, const std::string& key_id) {
    domain::Result<std::optional<store::PeerKey>> key;
    data.db->read([&](soci::session& sql) { key = store::findPeerKey(sql, key_id); });
    return key && key->has_value() ? (*key)->status : std::string("none");
  };
  // The hub learns the new key from a message signed with the old one, keeps the old one as
  // retired, and tells B.
  ASSERT_TRUE(eventually([&] {
    return keyStatus(*hub_data_, *rotated) == "active" && keyStatus(*b_data_, *rotated) == "active";
  }));
  EXPECT_EQ(keyStatus(*hub_data_, old_key), "retired");
  // A's messages, signed with the new key, still reach B.
  const std::size_t before = pings(*b_data_).size();
  const std::string id = sendSealedPing();
  ASSERT_TRUE(eventually([&] { return pings(*b_data_).size() == before + 1; }));
  EXPECT_EQ(pings(*b_data_).back().message_id, id);
}

// Runs last: member A stays revoked.
TEST_F(NetworkTest, ZRevokedKeyIsRefusedAtTheHubAndByTheOtherMembers) {
  HttpClient coordinator = signedInCoordinator();
  const HttpResponse no_reason = coordinator.post("/api/v1/network/members/MA/revoke", "{}");
  EXPECT_EQ(no_reason.status, 400u);
  EXPECT_EQ(no_reason.errorField(), "reason");
  const HttpResponse revoked = coordinator.post("/api/v1/network/members/MA/revoke",
                                                "{\"reason\":\"Keys reported stolen\"}");
  ASSERT_EQ(revoked.status, 200u) << revoked.body;
  EXPECT_EQ(revoked.json->as_object().at("status"), "revoked");

  const HttpResponse replay_reference = post(network::deliveryJson(deliveryFromA(0)));
  const HttpResponse refused = post(network::deliveryJson(deliveryFromA(domain::nowMillis())));
  EXPECT_EQ(refused.status, 401u);
  EXPECT_EQ(refused.body, replay_reference.body);
  // B is told, and refuses A's key too.
  ASSERT_TRUE(eventually([] {
    domain::Result<std::optional<store::PeerKey>> key;
    const std::string key_id = identity(*a_data_).key_id;
    b_data_->db->read([&](soci::session& sql) { key = store::findPeerKey(sql, key_id); });
    return key && key->has_value() && (*key)->status == "revoked";
  }));
  // The reasons are in the log only (the last suite's capture holds every server's lines).
  const std::string log = b_->log();
  for (const char* reason :
       {"member not active", "replayed", "stale", "bad envelope signature", "bad hop signature"}) {
    EXPECT_NE(log.find(std::string("\"reason\":\"") + reason + "\""), std::string::npos) << reason;
  }
}

}  // namespace
}  // namespace strada::testing
