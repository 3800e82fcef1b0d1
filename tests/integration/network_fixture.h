// The network test fixture (issue 9): three real servers on loopback ports, a hub and two
// members, each with its own data folder and database (SQLite, or PostgreSQL with
// STRADA_TEST_PG_URL). SetUp joins both members with `strada network join` and the coordinator
// approves them over the API, once per suite. Members A ("MA", NL) and B ("MB", GR) each have a
// case worker, a supervisor and a data officer (memberUsers); the hub has a network coordinator.
//
// Each suite that derives from NetworkFixture gets fresh instances (TearDownTestSuite drops them).
#pragma once

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

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

inline constexpr const char* kCoordinator = "coordinator@hub.example.org";
inline constexpr const char* kSecret = "Secret plaintext meant for member B only";

inline network::DeliveryOptions fastDelivery() {
  network::DeliveryOptions o;
  o.poll_interval = std::chrono::milliseconds(100);
  o.base_backoff = std::chrono::milliseconds(200);
  o.max_backoff = std::chrono::milliseconds(1000);
  o.http.timeout = std::chrono::milliseconds(3000);
  return o;
}

// Polls `done` every 100 ms for up to 30 s.
inline bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 300; ++i) {
    if (done()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

inline std::string urlOf(const Deployment& d) {
  return "http://127.0.0.1:" + std::to_string(d.port());
}

class NetworkFixture : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    hub_ = std::make_unique<Deployment>(
        std::vector<OrgSpec>{{"HUB", "Network hub", "NL", {"en"}}},
        std::vector<UserSpec>{{"HUB", kCoordinator, "Nora Coordinator", {"network_coordinator"}}},
        std::nullopt, fastDelivery());
    a_ = std::make_unique<Deployment>(std::vector<OrgSpec>{{"MA", "Member A", "NL", {"nl"}}},
                                      memberUsers("MA", "ma"), std::nullopt, fastDelivery());
    b_ = std::make_unique<Deployment>(std::vector<OrgSpec>{{"MB", "Member B", "GR", {"el"}}},
                                      memberUsers("MB", "mb"), std::nullopt, fastDelivery());
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
    joined_ = false;
  }

  // A case worker, a supervisor and a data officer of a member: worker@<domain>.example.org,
  // supervisor@..., officer@...
  static std::vector<UserSpec> memberUsers(const std::string& org, const std::string& domain) {
    const std::string at = "@" + domain + ".example.org";
    return {{org, "worker" + at, "Wim Worker", {"case_worker"}},
            {org, "supervisor" + at, "Sara Supervisor", {"supervisor"}},
            {org, "officer" + at, "Olga Officer", {"data_officer"}}};
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

}  // namespace strada::testing
