// Password checks (Argon2id, 64 MiB, a few hundred milliseconds of one core each) taken in turn
// by client network. A plain pool runs them first come, first served, so a client with several
// checks waiting delays everyone behind them by all of them; here a sign-in waits for at most one
// check of every other network with checks waiting (and the one running), however many each has
// queued.
//
// Thread safety: post() may be called from any thread. Create it with std::make_shared: the work
// posted to the pool keeps the queue alive.
#pragma once

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

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
  return boost::asio::async_initiate<decltype(boost::asio::use_awaitable), void(T)>(
      [&queue, &network](auto handler, F f) {
        auto shared = std::make_shared<decltype(handler)>(std::move(handler));
        queue.post(network, [shared, f = std::move(f)]() mutable {
          T result = f();
          auto ex = boost::asio::get_associated_executor(*shared);
          boost::asio::post(
              ex, [shared, r = std::move(result)]() mutable { std::move (*shared)(std::move(r)); });
        });
      },
      boost::asio::use_awaitable, std::move(fn));
}

}  // namespace strada::api
