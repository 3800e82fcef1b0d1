// The server's open connections: what the drain at stop() needs (each live connection), and the
// limits on how many may be open in all and from one client address (docs: server.h).
// Thread safe: the accept loop admits, each connection's session releases on its own strand.
#pragma once

#include <boost/beast/core/tcp_stream.hpp>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace strada::http {

// One accepted socket. `busy` is true from a complete request until its response is written;
// it is read and written only on the connection's strand.
struct Connection {
  explicit Connection(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}
  boost::beast::tcp_stream stream;
  bool busy = false;
};

class ConnectionRegistry;

// A counted connection: uncounted when destroyed (also when the session that owns it never ran,
// its coroutine frame destroyed with the io_context). Must not outlive the registry.
class Admission {
 public:
  Admission(ConnectionRegistry& registry, std::uint64_t id) : registry_(&registry), id_(id) {}
  Admission(Admission&& other) noexcept
      : registry_(std::exchange(other.registry_, nullptr)), id_(other.id_) {}
  Admission& operator=(Admission&&) = delete;
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;
  ~Admission();

  // Registers the connection's session, for the drain.
  void attach(const std::shared_ptr<Connection>& connection);

 private:
  ConnectionRegistry* registry_;
  std::uint64_t id_;
};

class ConnectionRegistry {
 public:
  // `max_per_address` 0: no limit per address.
  ConnectionRegistry(std::size_t max_total, std::size_t max_per_address);

  // Counts a new connection from `address`, or nullopt (nothing counted) when it would pass
  // either limit.
  [[nodiscard]] std::optional<Admission> admit(const std::string& address);

  [[nodiscard]] std::size_t size() const;
  // The attached connections still alive.
  [[nodiscard]] std::vector<std::shared_ptr<Connection>> live() const;

 private:
  friend class Admission;
  void attach(std::uint64_t id, const std::shared_ptr<Connection>& connection);
  void release(std::uint64_t id);

  struct Entry {
    std::string address;
    std::weak_ptr<Connection> connection;
  };
  const std::size_t max_total_;
  const std::size_t max_per_address_;
  mutable std::mutex mutex_;
  std::uint64_t next_id_ = 0;
  std::map<std::uint64_t, Entry> entries_;
  std::map<std::string, std::size_t, std::less<>> per_address_;
};

}  // namespace strada::http
