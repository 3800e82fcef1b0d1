#include "integration/deployment.h"

#include <cstdlib>
#include <iostream>
#include <stdexcept>

#include "crypto/keyring.h"
#include "store/repositories.h"

namespace strada::testing {

std::vector<OrgSpec> standardOrgs() {
  return {{kOrgA, "Hotline A", "NL", {"nl", "en"}}, {kOrgB, "Hotline B", "GR", {"el", "en"}}};
}

std::vector<UserSpec> standardUsers() {
  return {{kOrgA, kConsultantA, "Anna Consultant", {"consultant"}},
          {kOrgA, kSupervisorA, "Sam Supervisor", {"supervisor"}},
          {kOrgA, kDataOfficerA, "Dora Dataofficer", {"data_officer"}},
          {kOrgA, kCaseWorkerA, "Cas Caseworker", {"case_worker"}},
          {kOrgB, kConsultantB, "Basil Consultant", {"consultant"}}};
}

Deployment::Deployment(const std::vector<OrgSpec>& orgs, const std::vector<UserSpec>& users,
                       std::optional<api::ApiConfig> config,
                       std::optional<network::DeliveryOptions> delivery)
    : capture_(std::make_unique<StderrCapture>()),
      db_(std::make_unique<TestDatabase>()),
      config_(std::move(config)),
      delivery_(std::move(delivery)) {
  ::unsetenv("STRADA_MASTER_KEY");
  auto key = crypto::MasterKey::create(db_->dir() / "master.key");
  if (!key) {
    throw std::runtime_error("Deployment: master key: " + key.error().message);
  }
  for (const auto& org : orgs) {
    if (app::runOrgAdd(data(), org.code, org.name, org.country, org.languages) != 0) {
      throw std::runtime_error("Deployment: runOrgAdd " + org.code + " failed");
    }
  }
  ::setenv("STRADA_PASSWORD", std::string(kTestPassword).c_str(), 1);
  for (const auto& user : users) {
    if (app::runUserAdd(data(), user.org_code, user.email, user.name, user.roles, "") != 0) {
      ::unsetenv("STRADA_PASSWORD");
      throw std::runtime_error("Deployment: runUserAdd " + user.email + " failed");
    }
  }
  ::unsetenv("STRADA_PASSWORD");
  startServer();
}

Deployment::~Deployment() {
  stopServer();
  if (failed_ && capture_) {
    const std::string text = capture_->text();
    capture_.reset();
    std::cerr << "---- server log of the failed suite ----\n" << text << "---- end of log ----\n";
  }
  capture_.reset();
}

app::DataOptions Deployment::data() const { return app::DataOptions{db_->dir(), db_->url()}; }

void Deployment::startServer(std::uint16_t port,
                             const std::function<void(app::ServeOptions&)>& adjust) {
  app::ServeOptions serve;
  serve.host = "127.0.0.1";
  serve.port = port;
  if (delivery_) {
    serve.delivery = *delivery_;
  }
  serve.web_root.clear();
  serve.threads = 2;
  serve.handle_signals = false;
  serve.metrics_listen = std::pair<std::string, std::uint16_t>{"127.0.0.1", 0};
  serve.api_config = config_;
  if (adjust) {
    adjust(serve);
  }
  auto started = app::StradaServer::start(data(), serve);
  if (!started) {
    throw std::runtime_error("Deployment: server start: " + started.error().message + " (" +
                             started.error().detail + ")");
  }
  server_ = std::move(*started);
  runner_ = std::thread([server = server_.get()] { server->run(); });
}

void Deployment::stopServer() {
  if (server_) {
    server_->stop();
  }
  if (runner_.joinable()) {
    runner_.join();
  }
  server_.reset();
}

std::uint16_t Deployment::port() const { return server_->port(); }

std::uint16_t Deployment::metricsPort() const { return server_->metricsPort(); }

std::string Deployment::userId(const std::string& email) {
  domain::Result<std::optional<store::UserRecord>> found;
  db_->db().read([&](soci::session& sql) { found = store::findUserByEmail(sql, email); });
  if (!found || !found->has_value()) {
    throw std::runtime_error("Deployment: no user " + email);
  }
  return (*found)->user.id;
}

}  // namespace strada::testing
