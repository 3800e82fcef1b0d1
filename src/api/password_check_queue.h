// Password checks (Argon2id, 64 MiB, a few hundred milliseconds of one core each) taken in turn
// by client network. A plain pool runs them first come, first served, so a client with several
// checks waiting delays everyone behind them by all of them; here a sign-in waits for at most one
// check of every other network with checks waiting (and the one running), however many each has
// queued.
//
// Thread safety: post() may be called from any thread. Create it with std::make_shared: the work
// posted to the pool keeps the queue alive.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "store/async.h"

namespace strada::api {

class PasswordCheckQueue : public std::enable_shared_from_this<PasswordCheckQueue> {
 public:
  explicit PasswordCheckQueue(boost::asio::thread_pool& pool) : pool_(pool) {}

  // Runs `task` on the pool when it is `network`'s turn.
  void post(const std::string& network, std::function<void()> task);

 private:
  // Runs the front task of the network whose turn it is; one call per posted task.
  void runNext();

  boost::asio::thread_pool& pool_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::function<void()>>> waiting_;
  std::deque<std::string> turns_;  // the networks with tasks waiting, next first
};

// Runs `fn()` in `network`'s turn on `queue` and resumes with its result on the coroutine's own
// executor. As with api/async.h: build `fn` as a named local first, then move it in.
template <class T, class F>
boost::asio::awaitable<T> awaitInTurn(PasswordCheckQueue& queue, const std::string& network, F fn) {
  return store::awaitCompletion<T>([&queue, &network, f = std::move(fn)](auto done) mutable {
    queue.post(network, [f = std::move(f), done]() mutable { done(f()); });
  });
}

}  // namespace strada::api
