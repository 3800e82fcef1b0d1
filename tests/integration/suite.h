// The fixture every integration suite derives from: one Deployment per suite (set up once, to
// keep Argon2id hashing of the test users to a minimum), clients, and contact payloads.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "integration/deployment.h"
#include "integration/http_client.h"

namespace strada::testing {

// Derived provides `static std::optional<api::ApiConfig> config()` to change the API settings,
// and `static std::vector<UserSpec> users()` to add users to the standard ones.
template <class Derived>
class DeploymentTest : public ::testing::Test {
 public:
  static std::optional<api::ApiConfig> config() { return std::nullopt; }
  static std::vector<UserSpec> users() { return standardUsers(); }

  static void SetUpTestSuite() {
    try {
      deployment_ =
          std::make_unique<Deployment>(standardOrgs(), Derived::users(), Derived::config());
    } catch (const std::exception& e) {
      setup_error_ = e.what();
    }
  }
  static void TearDownTestSuite() { deployment_.reset(); }

 protected:
  void SetUp() override {
    ASSERT_NE(deployment_, nullptr) << "suite set-up failed: " << setup_error_;
  }
  void TearDown() override {
    if (HasFailure() && deployment_) {
      deployment_->markFailed();
    }
  }

  static Deployment& deployment() { return *deployment_; }
  static HttpClient client() { return HttpClient(deployment_->port()); }
  // A client signed in as `email`; fails the test when sign-in does not answer 200.
  static HttpClient signedIn(const std::string& email) {
    HttpClient c(deployment_->port());
    const HttpResponse r = c.login(email, kTestPassword);
    EXPECT_EQ(r.status, 200u) << "sign-in of " << email << ": " << r.body;
    return c;
  }

  inline static std::unique_ptr<Deployment> deployment_;
  inline static std::string setup_error_;
};

// A valid contact; tests change or remove fields.
inline boost::json::object validContact(const std::string& started_at = "2024-05-01T10:00:00Z") {
  return {{"channel", "phone"},
          {"started_at", started_at},
          {"duration_s", 300},
          {"caller_type", "possible_victim"},
          {"anonymous", true},
          {"language", "en"},
          {"category", "safe_migration"},
          {"summary", "Caller asked about work permits."}};
}

inline std::string toJson(const boost::json::object& o) { return boost::json::serialize(o); }

// Posts `body` to the collection at `path` as `c`; expects 201 and returns the new record's id
// ("" when it was not created).
inline std::string createdId(HttpClient& c, std::string_view path,
                             const boost::json::object& body) {
  const HttpResponse r = c.post(path, toJson(body));
  EXPECT_EQ(r.status, 201u) << r.body;
  if (r.status != 201 || !r.json) {
    return {};
  }
  return std::string(r.json->as_object().at("id").as_string());
}

// The "id" of every item of the array `key` of a page; none when the body is not JSON.
inline std::vector<std::string> itemIds(const HttpResponse& page, const char* key = "items") {
  std::vector<std::string> out;
  if (!page.json) {
    return out;
  }
  for (const auto& item : page.json->as_object().at(key).as_array()) {
    out.emplace_back(item.as_object().at("id").as_string());
  }
  return out;
}

}  // namespace strada::testing
