#include "http/connection_registry.h"

namespace strada::http {

ConnectionRegistry::ConnectionRegistry(std::size_t max_total, std::size_t max_per_address)
    : max_total_(max_total), max_per_address_(max_per_address) {}

Admission::~Admission() {
  if (registry_ != nullptr) {
    registry_->release(id_);
  }
}

void Admission::attach(const std::shared_ptr<Connection>& connection) {
  if (registry_ != nullptr) {
    registry_->attach(id_, connection);
  }
}

std::optional<Admission> ConnectionRegistry::admit(const std::string& address) {
  std::lock_guard lock(mutex_);
  if (entries_.size() >= max_total_) {
    return std::nullopt;
  }
  std::size_t& from_address = per_address_[address];
  if (max_per_address_ != 0 && from_address >= max_per_address_) {
    if (from_address == 0) {
      per_address_.erase(address);
    }
    return std::nullopt;
  }
  ++from_address;
  const std::uint64_t id = next_id_++;
  entries_.emplace(id, Entry{address, {}});
  return Admission(*this, id);
}

void ConnectionRegistry::attach(std::uint64_t id, const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(id);
  if (found != entries_.end()) {
    found->second.connection = connection;
  }
}

void ConnectionRegistry::release(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  const auto found = entries_.find(id);
  if (found == entries_.end()) {
    return;
  }
  const auto count = per_address_.find(found->second.address);
  if (count != per_address_.end() && --count->second == 0) {
    per_address_.erase(count);
  }
  entries_.erase(found);
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::vector<std::shared_ptr<Connection>> ConnectionRegistry::live() const {
  std::vector<std::shared_ptr<Connection>> out;
  std::lock_guard lock(mutex_);
  for (const auto& [id, entry] : entries_) {
    if (auto connection = entry.connection.lock()) {
      out.push_back(std::move(connection));
    }
  }
  return out;
}

}  // namespace strada::http
