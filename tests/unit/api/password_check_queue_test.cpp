// Password checks taken in turn by client network, on a real one-thread pool.
#include "api/password_check_queue.h"

#include <gtest/gtest.h>

#include <boost/asio/thread_pool.hpp>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace strada::api {
namespace {

TEST(PasswordCheckQueue, AnotherNetworkWaitsForOneCheckOfABusyNetworkNotForAllOfThem) {
  boost::asio::thread_pool pool(1);
  auto queue = std::make_shared<PasswordCheckQueue>(pool);
  std::mutex mutex;
  std::vector<std::string> order;
  const auto record = [&](const std::string& name) {
    return [&, name] {
      const std::lock_guard lock(mutex);
      order.push_back(name);
    };
  };
  std::promise<void> started;
  std::promise<void> release;
  queue->post("flood", [&] {
    started.set_value();
    release.get_future().wait();
    record("flood-1")();
  });
  started.get_future().wait();  // flood-1 runs; the rest wait in the queue
  for (int i = 2; i <= 5; ++i) {
    queue->post("flood", record("flood-" + std::to_string(i)));
  }
  queue->post("colleague", record("colleague"));
  release.set_value();
  pool.join();
  EXPECT_EQ(order, (std::vector<std::string>{"flood-1", "flood-2", "colleague", "flood-3",
                                             "flood-4", "flood-5"}));
}

}  // namespace
}  // namespace strada::api
