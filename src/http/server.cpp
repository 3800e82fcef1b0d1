#include "http/server.h"

#include <cxxabi.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <random>
#include <thread>
#include <utility>
#include <vector>

#include "http/server_impl.h"
#include "http/tls.h"
#include "observe/log.h"

namespace strada::http {

namespace beast = boost::beast;

namespace server_detail {

Response jsonError(unsigned status, std::string_view code, std::string_view message) {
  boost::json::object inner;
  inner["code"] = code;
  inner["message"] = message;
  inner["field"] = "";
  boost::json::object outer;
  outer["error"] = std::move(inner);
  return Response::json(status, outer);
}

std::string newRequestId() {
  thread_local std::mt19937_64 generator = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t bits = generator();
  std::string id(16, '0');
  for (char& c : id) {
    c = kHex[bits & 0x0F];
    bits >>= 4;
  }
  return id;
}

std::string exceptionTypeName(const std::type_info& type) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string name = (status == 0 && demangled != nullptr) ? demangled : type.name();
  std::free(demangled);  // NOLINT(cppcoreguidelines-no-malloc): __cxa_demangle uses malloc
  return name;
}

}  // namespace server_detail

Server::Impl::Impl(ServerOptions server_options, Router server_router,
                   observe::Metrics& server_metrics)
    : options(std::move(server_options)),
      router(std::move(server_router)),
      metrics(server_metrics),
      static_files(options.static_root),
      connections(options.max_connections, options.max_connections_per_address),
      ioc(std::max(1, options.threads)),
      strand(boost::asio::make_strand(ioc)),
      acceptor(strand),
      metrics_acceptor(strand),
      signals(strand) {}

Server::Server(ServerOptions options, Router router, observe::Metrics& metrics)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router), metrics)) {}

Server::~Server() = default;

domain::Status Server::start() {
  Impl& impl = *impl_;
  if (impl.options.tls) {
    auto context = makeTlsContext(*impl.options.tls);
    if (!context) {
      return tl::unexpected(context.error());
    }
    impl.tls_context = std::move(*context);
  }
  if (auto bound = impl.bind(impl.acceptor, impl.options.host, impl.options.port, "--listen");
      !bound) {
    return bound;
  }
  boost::beast::error_code ec;
  impl.bound_port = impl.acceptor.local_endpoint(ec).port();
  if (const auto& metrics_listen = impl.options.metrics_listen) {
    if (auto bound = impl.bind(impl.metrics_acceptor, metrics_listen->host, metrics_listen->port,
                               "--metrics-listen");
        !bound) {
      impl.acceptor.close(ec);
      return bound;
    }
    impl.metrics_port = impl.metrics_acceptor.local_endpoint(ec).port();
  }
  observe::log(observe::Level::kDebug, "socket bound",
               {{"port", impl.bound_port}, {"metrics_port", impl.metrics_port}});
  return {};
}

std::uint16_t Server::port() const { return impl_->bound_port; }

std::uint16_t Server::metricsPort() const { return impl_->metrics_port; }

void Server::run() {
  Impl& impl = *impl_;
  if (impl.options.handle_signals) {
    impl.signals.add(SIGINT);
    impl.signals.add(SIGTERM);
    impl.signals.async_wait([&impl](const beast::error_code& ec, int signal_number) {
      if (!ec) {
        observe::logInfo("signal received", {{"signal", signal_number}});
        impl.requestStop();
      }
    });
  }
  impl.startListening();

  const auto serve = [&impl] {
    // Handlers do not throw (the session catches); this only guards the thread itself.
    for (;;) {
      try {
        impl.ioc.run();
        return;
      } catch (const std::exception& error) {
        observe::logError("io thread caught an exception",
                          {{"exception", server_detail::exceptionTypeName(typeid(error))}});
      } catch (...) {
        observe::logError("io thread caught an exception", {{"exception", "unknown"}});
      }
    }
  };
  std::vector<std::thread> workers;
  const int threads = std::max(1, impl.options.threads);
  for (int i = 1; i < threads; ++i) {
    workers.emplace_back(serve);
  }
  serve();
  for (auto& worker : workers) {
    worker.join();
  }
}

void Server::stop() { impl_->requestStop(); }

}  // namespace strada::http
