#include "app/strada_server.h"

#include <boost/asio/thread_pool.hpp>
#include <filesystem>
#include <optional>

#include "api/context.h"
#include "api/network_routes.h"
#include "api/routes.h"
#include "app/audit_anchor.h"
#include "app/data_lock.h"
#include "app/retention_commands.h"
#include "http/server.h"
#include "network/referrals.h"
#include "network/report_submission.h"
#include "observe/log.h"
#include "observe/metrics.h"
#include "public_site/profile.h"

#ifndef STRADA_VERSION
#define STRADA_VERSION "0.0.0"
#endif

namespace strada::app {

struct StradaServer::Impl {
  // Held while the server runs, released last (`strada keys rotate` refuses meanwhile).
  std::optional<DataFolderLock> lock;
  OpenedData data;
  observe::Metrics metrics;
  // Argon2id runs here, never on the I/O threads.
  boost::asio::thread_pool cpu{1};
  std::unique_ptr<api::ApiContext> ctx;
  std::unique_ptr<http::Server> server;
  network::MessageHandlers handlers = network::transportHandlers();
  std::unique_ptr<network::OutboxWorker> outbox;
  std::unique_ptr<AuditAnchorWorker> anchors;
  std::unique_ptr<RetentionWorker> retention;
  std::string host;
  std::vector<std::pair<std::string, std::string>> routes;

  ~Impl() {
    // The outbox worker writes to the database: it stops first.
    outbox.reset();
    retention.reset();  // writes to the database too
    anchors.reset();    // reads the database
    // Shutdown order: Argon2id work and then the database finish first, while the I/O context
    // still exists: the writer acknowledges every queued job by posting its completion there.
    // Destroying the server (and its io_context) first left the writer posting to freed strands
    // (a use-after-free seen under ASan when a request was in flight at stop).
    cpu.join();
    data.db.reset();
    server.reset();
  }
};

StradaServer::StradaServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StradaServer::~StradaServer() = default;

domain::Result<std::unique_ptr<StradaServer>> StradaServer::start(const DataOptions& data,
                                                                  const ServeOptions& serve) {
  std::optional<DataFolderLock> lock;
  if (std::filesystem::is_directory(data.data_dir)) {  // otherwise openData says what is missing
    auto taken = DataFolderLock::take(data.data_dir, DataFolderLock::Kind::kServer);
    if (!taken) {
      return tl::unexpected(taken.error());
    }
    lock.emplace(std::move(*taken));
  }
  auto opened = openData(data);
  if (!opened) {
    return tl::unexpected(opened.error());
  }
  auto impl = std::make_unique<Impl>();
  impl->lock = std::move(lock);
  impl->data = std::move(*opened);
  network::addReportHandlers(impl->handlers);
  public_site::addPublicProfileHandlers(impl->handlers);
  network::addReferralHandlers(impl->handlers, *impl->data.keys);
  api::ApiConfig config = serve.api_config.value_or(api::ApiConfig{});
  config.version = STRADA_VERSION;
  if (serve.require_second_factor) {
    config.require_second_factor = *serve.require_second_factor;
  }
  if (serve.rate_limits) {
    config.rate_limits.enabled = *serve.rate_limits;
  }
  impl->ctx = std::make_unique<api::ApiContext>(
      api::ApiContext{*impl->data.db, *impl->data.keys, impl->metrics, impl->cpu, config});
  http::Router router;
  api::registerApiRoutes(router, *impl->ctx);
  api::RouteTable network_routes(router, *impl->ctx);
  api::registerNetworkRoutes(network_routes, impl->handlers);
  for (const auto& route : router.routes()) {
    impl->routes.emplace_back(route.method, route.pattern);
  }

  http::ServerOptions options;
  options.host = serve.host;
  options.port = serve.port;
  options.threads = serve.threads;
  options.handle_signals = serve.handle_signals;
  options.max_connections = serve.max_connections;
  options.max_connections_per_address = serve.max_connections_per_address;
  options.header_timeout = serve.header_timeout;
  if (!serve.tls_cert.empty() || !serve.tls_key.empty()) {
    options.tls = http::TlsFiles{serve.tls_cert, serve.tls_key};
  }
  options.trusted_proxies = serve.trusted_proxies;
  if (serve.metrics_listen) {
    options.metrics_listen =
        http::ListenAddress{serve.metrics_listen->first, serve.metrics_listen->second};
  }
  if (!serve.web_root.empty() && std::filesystem::exists(serve.web_root / "index.html")) {
    options.static_root = serve.web_root;
  } else if (!serve.web_root.empty()) {
    observe::logWarn("web UI not found; serving the API only",
                     {{"hint", "build it with `npm run build` in web/ (./run does this)"}});
  }
  impl->server = std::make_unique<http::Server>(options, std::move(router), impl->metrics);
  if (auto ok = impl->server->start(); !ok) {
    return tl::unexpected(ok.error());
  }
  impl->host = serve.host;
  impl->outbox =
      std::make_unique<network::OutboxWorker>(*impl->data.db, *impl->data.keys, serve.delivery);
  impl->outbox->start();
  if (!serve.audit_anchor_to.empty()) {
    impl->anchors = std::make_unique<AuditAnchorWorker>(
        *impl->data.db, impl->data.keys->auditKeys(), serve.audit_anchor_to,
        serve.audit_anchor_label.empty() ? hostAnchorLabel() : serve.audit_anchor_label,
        serve.audit_anchor_every);
  }
  if (serve.retention_every.count() > 0) {
    impl->retention =
        std::make_unique<RetentionWorker>(*impl->data.db, *impl->data.keys, serve.retention_every);
  }
  const network::OutboxWorker* outbox = impl->outbox.get();
  impl->metrics.addCounter(
      "strada_network_outbox_acknowledged_total",
      "Network messages delivered and acknowledged by their receiver",
      [outbox] { return static_cast<double>(outbox->counters().acknowledged); });
  impl->metrics.addCounter("strada_network_outbox_deferred_total",
                           "Network delivery attempts that failed and wait to be retried",
                           [outbox] { return static_cast<double>(outbox->counters().deferred); });
  observe::logInfo("listening", {{"host", impl->host},
                                 {"port", static_cast<std::int64_t>(impl->server->port())},
                                 {"metrics_port", impl->server->metricsPort()},
                                 {"db", impl->data.db->backendName()},
                                 {"version", STRADA_VERSION}});
  return std::unique_ptr<StradaServer>(new StradaServer(std::move(impl)));
}

std::uint16_t StradaServer::port() const { return impl_->server->port(); }

std::uint16_t StradaServer::metricsPort() const { return impl_->server->metricsPort(); }

const std::vector<std::pair<std::string, std::string>>& StradaServer::routes() const {
  return impl_->routes;
}

void StradaServer::run() {
  impl_->server->run();
  observe::logInfo("stopped", {});
}

void StradaServer::stop() { impl_->server->stop(); }

}  // namespace strada::app
