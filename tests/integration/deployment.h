// One Strada installation for an integration test suite: a real database of the backend under
// test (see support/test_db.h), a master key, organisations and users added with the `strada`
// commands, and the real server on 127.0.0.1, port 0, running on a thread of its own. Also
// captures the process's standard error (the server's JSON log lines) while alive.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "api/context.h"
#include "app/commands.h"
#include "app/strada_server.h"
#include "support/stderr_capture.h"
#include "support/test_db.h"

namespace strada::testing {

struct OrgSpec {
  std::string code;
  std::string name;
  std::string country;
  std::vector<std::string> languages;
};

struct UserSpec {
  std::string org_code;
  std::string email;
  std::string name;
  std::vector<std::string> roles;
};

// The same password for every test user: long enough, not common, unrelated to names.
inline constexpr std::string_view kTestPassword = "violet-harbour-93-kettle";

class Deployment {
 public:
  // Creates the database, the key, the organisations and users, and starts the server. Throws
  // std::runtime_error when any of it fails.
  // `delivery` replaces the network outbox's settings (the network tests retry quickly).
  Deployment(const std::vector<OrgSpec>& orgs, const std::vector<UserSpec>& users,
             std::optional<api::ApiConfig> config = std::nullopt,
             std::optional<network::DeliveryOptions> delivery = std::nullopt);
  // Stops the server; then the database is removed.
  ~Deployment();
  Deployment(const Deployment&) = delete;
  Deployment& operator=(const Deployment&) = delete;

  // Stops the server and waits for its thread.
  void stopServer();
  // Starts a new server on the same data (after stopServer()); on `port`, or else a new one.
  // `adjust` may change the serve options first (TLS, trusted proxies).
  void startServer(std::uint16_t port = 0,
                   const std::function<void(app::ServeOptions&)>& adjust = {});

  [[nodiscard]] std::uint16_t port() const;
  // The metrics listener's port (GET /metrics only; the main port answers 404 there).
  [[nodiscard]] std::uint16_t metricsPort() const;
  [[nodiscard]] app::StradaServer& server() { return *server_; }
  [[nodiscard]] TestDatabase& database() { return *db_; }
  [[nodiscard]] app::DataOptions data() const;
  [[nodiscard]] std::string log() const { return capture_ ? capture_->text() : std::string(); }
  // The user id of a user added at construction, by e-mail.
  [[nodiscard]] std::string userId(const std::string& email);

  // Set by tests that fail; the destructor then prints the captured log.
  void markFailed() { failed_ = true; }

 private:
  std::unique_ptr<StderrCapture> capture_;
  std::unique_ptr<TestDatabase> db_;
  std::optional<api::ApiConfig> config_;
  std::optional<network::DeliveryOptions> delivery_;
  std::unique_ptr<app::StradaServer> server_;
  std::thread runner_;
  bool failed_ = false;
};

// The two organisations and five users most suites use.
inline const char* const kOrgA = "ORG-A";
inline const char* const kOrgB = "ORG-B";
inline const char* const kConsultantA = "consultant@a.example.org";
inline const char* const kSupervisorA = "supervisor@a.example.org";
inline const char* const kDataOfficerA = "data.officer@a.example.org";
inline const char* const kCaseWorkerA = "case.worker@a.example.org";
inline const char* const kConsultantB = "consultant@b.example.org";
std::vector<OrgSpec> standardOrgs();
std::vector<UserSpec> standardUsers();

}  // namespace strada::testing
