#include "api/password_check_queue.h"

#include <boost/asio/post.hpp>

namespace strada::api {

void PasswordCheckQueue::post(const std::string& network, std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    auto& tasks = waiting_[network];
    if (tasks.empty()) {
      turns_.push_back(network);
    }
    tasks.push_back(std::move(task));
  }
  boost::asio::post(pool_, [self = shared_from_this()] { self->runNext(); });
}

void PasswordCheckQueue::runNext() {
  std::function<void()> task;
  {
    const std::lock_guard lock(mutex_);
    if (turns_.empty()) {
      return;  // cannot happen: one runNext is posted per task
    }
    const std::string network = std::move(turns_.front());
    turns_.pop_front();
    auto it = waiting_.find(network);
    task = std::move(it->second.front());
    it->second.pop_front();
    if (it->second.empty()) {
      waiting_.erase(it);
    } else {
      turns_.push_back(network);  // its next task waits for the other networks' turns
    }
  }
  task();
}

}  // namespace strada::api
