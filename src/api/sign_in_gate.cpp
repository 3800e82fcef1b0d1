#include "api/sign_in_gate.h"

#include <boost/asio/ip/address.hpp>
#include <utility>

namespace strada::api {

std::string clientNetwork(std::string_view address) {
  boost::system::error_code ec;
  const auto parsed = boost::asio::ip::make_address(std::string(address), ec);
  if (ec) {
    return std::string(address);
  }
  if (parsed.is_v4()) {
    return parsed.to_v4().to_string();
  }
  const auto v6 = parsed.to_v6();
  if (v6.is_v4_mapped()) {
    return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, v6).to_string();
  }
  auto bytes = v6.to_bytes();
  for (std::size_t i = 8; i < bytes.size(); ++i) {
    bytes[i] = 0;
  }
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

SignInGate::Pass::Pass(std::shared_ptr<SignInGate> gate, std::string network)
    : gate_(std::move(gate)), network_(std::move(network)) {}

SignInGate::Pass& SignInGate::Pass::operator=(Pass&& other) noexcept {
  if (this != &other) {
    release();
    gate_ = std::move(other.gate_);
    network_ = std::move(other.network_);
  }
  return *this;
}

SignInGate::Pass::~Pass() { release(); }

void SignInGate::Pass::release() {
  if (gate_) {
    gate_->leave(network_);
    gate_.reset();
  }
}

SignInGate::SignInGate(std::size_t pending, std::size_t per_network)
    : pending_(pending), per_network_(per_network) {}

domain::Result<SignInGate::Pass> SignInGate::admit(std::string_view address) {
  std::string network = clientNetwork(address);
  {
    const std::lock_guard lock(mutex_);
    auto it = by_network_.find(network);
    const std::size_t from_network = it == by_network_.end() ? 0 : it->second;
    if (from_network >= per_network_) {
      return domain::fail(domain::ErrorCode::kResourceExhausted,
                          "Too many sign-ins from your network are being checked at once. Wait "
                          "a few seconds and try again.",
                          "", "sign-ins per network");
    }
    if (in_flight_ >= pending_) {
      return domain::fail(domain::ErrorCode::kUnavailable,
                          "The server is busy checking other sign-ins. Wait a few seconds and try "
                          "again.",
                          "", "sign-in queue full");
    }
    ++in_flight_;
    if (it == by_network_.end()) {
      by_network_.emplace(network, 1);
    } else {
      ++it->second;
    }
  }
  return Pass(shared_from_this(), std::move(network));
}

std::size_t SignInGate::inFlight() const {
  const std::lock_guard lock(mutex_);
  return in_flight_;
}

void SignInGate::leave(const std::string& network) {
  const std::lock_guard lock(mutex_);
  --in_flight_;
  auto it = by_network_.find(network);
  if (it != by_network_.end() && --it->second == 0) {
    by_network_.erase(it);
  }
}

}  // namespace strada::api
