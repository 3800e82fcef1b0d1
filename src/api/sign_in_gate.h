// Bounds on the sign-ins being worked on at once. Each checks a password with Argon2id (64 MiB,
// a few hundred milliseconds of one core) on a one-thread pool: without bounds, one client
// sending many sign-ins queued everyone else's behind them (60 in flight made a real sign-in
// take 5 to 9 s). A client network may have `per_network` sign-ins in flight and the server
// `pending` in all; the next one is refused at once instead of queued.
//
// Thread safety: admit() and the passes' destructors may run on any thread at once.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace strada::api {

// The key that bounds and counts a client: an IPv4 address as it is (a v4-mapped IPv6 address
// as IPv4), an IPv6 address as its /64 network, which one client holds whole. Text that is not
// an address is kept as it is.
[[nodiscard]] std::string clientNetwork(std::string_view address);

class SignInGate : public std::enable_shared_from_this<SignInGate> {
 public:
  // One admitted sign-in: holds its place until destroyed. Move-only.
  class Pass {
   public:
    Pass(std::shared_ptr<SignInGate> gate, std::string network);
    Pass(Pass&& other) noexcept = default;
    Pass& operator=(Pass&& other) noexcept;
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    ~Pass();

    // The client network the pass was given to (see clientNetwork).
    [[nodiscard]] const std::string& network() const { return network_; }

   private:
    void release();
    std::shared_ptr<SignInGate> gate_;
    std::string network_;
  };

  SignInGate(std::size_t pending, std::size_t per_network);

  // A pass for one sign-in from `address`. ResourceExhausted when the client network has
  // `per_network` in flight, Unavailable when the server has `pending`; each message says what to
  // do. Create the gate with std::make_shared (passes keep it alive).
  [[nodiscard]] domain::Result<Pass> admit(std::string_view address);

  // Sign-ins in flight (for tests and metrics).
  [[nodiscard]] std::size_t inFlight() const;

 private:
  void leave(const std::string& network);

  const std::size_t pending_;
  const std::size_t per_network_;
  mutable std::mutex mutex_;
  std::size_t in_flight_ = 0;
  std::map<std::string, std::size_t, std::less<>> by_network_;
};

}  // namespace strada::api
