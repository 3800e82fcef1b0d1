// The network's transport across three real servers on loopback ports (issue 9, section 1): a
// hub and two members, each with its own data folder and database (SQLite, or PostgreSQL with
// STRADA_TEST_PG_URL). Members join with `strada network join`, the coordinator approves them
// over the API, and network.ping travels member A -> hub -> member B through the outboxes.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "app/data_dir.h"
#include "app/network_commands.h"
#include "crypto/crypto.h"
#include "crypto/public_key.h"
#include "integration/deployment.h"
#include "integration/http_client.h"
#include "network/envelope.h"
#include "network/identity.h"
#include "network/membership.h"
#include "network/outbox.h"
#include "store/network_repository.h"

namespace strada::testing {
namespace {

constexpr const char* kCoordinator = "coordinator@hub.example.org";
constexpr const char* kSecret = "Secret plaintext meant for member B only";

network::DeliveryOptions fastDelivery() {
  network::DeliveryOptions o;
  o.poll_interval = std::chrono::milliseconds(100);
  o.base_backoff = std::chrono::milliseconds(200);
  o.max_backoff = std::chrono::milliseconds(1000);
  o.http.timeout = std::chrono::milliseconds(3000);
  return o;
}

// Polls `done` every 100 ms for up to 30 s.
bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 300; ++i) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

std::string urlOf(const Deployment& d) { return "http://127.0.0.1:" + std::to_string(d.port()); }

class NetworkTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    hub_ = std::make_unique<Deployment>(
        std::vector<OrgSpec>{{"HUB", "Network hub", "NL", {"en"}}},
        std::vector<UserSpec>{{"HUB", kCoordinator, "Nora Coordinator", {"network_coordinator"}}},
        std::nullopt, fastDelivery());
    a_ = std::make_unique<Deployment>(std::vector<OrgSpec>{{"MA", "Member A", "NL", {"nl"}}},
                                      std::vector<UserSpec>{}, std::nullopt, fastDelivery());
    b_ = std::make_unique<Deployment>(std::vector<OrgSpec>{{"MB", "Member B", "GR", {"el"}}},
                                      std::vector<UserSpec>{}, std::nullopt, fastDelivery());
    hub_data_ = open(*hub_);
    a_data_ = open(*a_);
    b_data_ = open(*b_);
  }
  static void TearDownTestSuite() {
    hub_data_.reset();
    a_data_.reset();
    b_data_.reset();
    b_.reset();
    a_.reset();
    hub_.reset();
  }

 protected:
  static std::unique_ptr<app::OpenedData> open(const Deployment& d) {
    auto opened = app::openData(d.data());
    if (!opened) {
      throw std::runtime_error("openData: " + opened.error().message);
    }
    return std::make_unique<app::OpenedData>(std::move(*opened));
  }

  static network::Identity identity(app::OpenedData& data) {
    auto id = network::loadIdentity(*data.db, *data.keys);
    EXPECT_TRUE(id.has_value());
    return std::move(*id);
  }

  static store::NetworkInstance instanceOf(app::OpenedData& data) {
    domain::Result<store::NetworkInstance> n;
    data.db->read([&](soci::session& sql) { n = store::loadNetworkInstance(sql); });
    return n ? *n : store::NetworkInstance{};
  }

  static std::vector<store::InboxMessage> pings(app::OpenedData& data) {
    domain::Result<std::vector<store::InboxMessage>> rows;
    data.db->read([&](soci::session& sql) { rows = store::listInbox(sql, "network.ping"); });
    return rows ? *rows : std::vector<store::InboxMessage>{};
  }

  // Joins both members and approves them over the API, once for the suite.
  static void joinBoth() {
    if (joined_) {
      return;
    }
    joined_ = true;
    app::NetworkCommandOptions hub{urlOf(*hub_), "", "HUB", "Network hub", "NL", ""};
    ASSERT_EQ(app::runNetworkInitHub(hub_->data(), hub), 0);
    app::NetworkCommandOptions a{urlOf(*a_), urlOf(*hub_), "MA", "Member A", "NL", ""};
    ASSERT_EQ(app::runNetworkJoin(a_->data(), a), 0);
    app::NetworkCommandOptions b{urlOf(*b_), urlOf(*hub_), "MB", "Member B", "GR", ""};
    ASSERT_EQ(app::runNetworkJoin(b_->data(), b), 0);
    HttpClient coordinator = signedInCoordinator();
    const HttpResponse list = coordinator.get("/api/v1/network/members");
    ASSERT_EQ(list.status, 200u) << list.body;
    ASSERT_EQ(list.json->as_object().at("items").as_array().size(), 2u);
    EXPECT_EQ(list.json->as_object().at("items").as_array()[0].as_object().at("status"), "pending");
    for (const char* code : {"MA", "MB"}) {
      const HttpResponse r =
          coordinator.post(std::string("/api/v1/network/members/") + code + "/approve", "{}");
      ASSERT_EQ(r.status, 200u) << r.body;
      EXPECT_EQ(r.json->as_object().at("status"), "active");
    }
    ASSERT_TRUE(eventually([] {
      return instanceOf(*a_data_).membership == "active" &&
             instanceOf(*b_data_).membership == "active" && knows(*b_data_, "MA") &&
             knows(*a_data_, "MB");
    })) << "the members did not receive the member list";
  }

  static bool knows(app::OpenedData& data, const std::string& code) {
    domain::Result<std::optional<store::NetworkMember>> m;
    data.db->read([&](soci::session& sql) { m = store::findNetworkMember(sql, code); });
    return m && m->has_value() && (*m)->status == "active";
  }

  static HttpClient signedInCoordinator() {
    HttpClient c(hub_->port());
    const HttpResponse r = c.login(kCoordinator, kTestPassword);
    EXPECT_EQ(r.status, 200u) << r.body;
    return c;
  }

  // A ping from A to B whose body is sealed to B's box key; its message id.
  static std::string sendSealedPing() {
    const network::Identity a = identity(*a_data_);
    const network::Identity b = identity(*b_data_);
    auto sealed = crypto::sealTo(b.box_public, kSecret);
    EXPECT_TRUE(sealed.has_value());
    const std::string body =
        boost::json::serialize(boost::json::object{{"sealed", crypto::toBase64Url(*sealed)}});
    std::string id;
    auto sent = a_data_->db->write([&](store::WriteContext& w) -> domain::Status {
      auto s = network::sendMessage(w, a, "MB", "network.ping", body);
      domain::Result<std::vector<store::OutboxMessage>> pending = store::pendingOutbox(w.sql());
      if (pending && !pending->empty()) {
        id = pending->back().message_id;
      }
      return s;
    });
    EXPECT_TRUE(sent.has_value());
    return id;
  }

  // A delivery from A straight to the hub (a ping for the hub), signed by A; `change` may
  // tamper with it after signing.
  static network::Delivery deliveryFromA(domain::UnixMillis at) {
    const network::Identity a = identity(*a_data_);
    network::Envelope e{
        network::newMessageId(), "MA", "HUB", "network.ping", at, a.key_id, "{\"n\":1}", {}};
    network::signEnvelope(e, a.signing_seed);
    network::Delivery d{network::newMessageId(), "MA", "HUB", at, a.key_id, {}, std::move(e)};
    network::signHop(d, a.signing_seed);
    return d;
  }

  static HttpResponse post(const std::string& json) {
    HttpClient c(hub_->port());
    return c.post("/federation/v1/messages", json, CsrfMode::kOmit);
  }

  void SetUp() override { joinBoth(); }

  inline static std::unique_ptr<Deployment> hub_, a_, b_;
  inline static std::unique_ptr<app::OpenedData> hub_data_, a_data_, b_data_;
  inline static bool joined_ = false;
};

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
