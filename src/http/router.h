// Routes: method + pattern -> handler. Patterns are literal segments and "{name}" parameters.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace strada::http {

using Handler = std::function<boost::asio::awaitable<Response>(Request&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/contacts/{id}"
  Handler handler;
  // The largest request body the route takes, in bytes; 0: the server's body_limit.
  std::size_t body_limit = 0;
};

class Router {
 public:
  // Adding the same method and pattern twice is a programming error (asserts).
  // `body_limit` (0: the server's) raises or lowers the largest body for this route alone.
  void add(std::string method, std::string pattern, Handler handler, std::size_t body_limit = 0);

  enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::kNotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string, std::less<>> params;
    std::vector<std::string> allowed;  // for 405: the methods the path does accept
  };
  // `path` is the decoded path. A pattern matches when every segment matches: a literal exactly,
  // a "{name}" any non-empty segment; "/a/" is not "/a". Among the routes of `method` that match,
  // the one with a literal at the first segment where they differ wins ("/users/me" over
  // "/users/{id}"). When only routes of other methods match: kMethodNotAllowed, `allowed` sorted.
  [[nodiscard]] Match match(std::string_view method, std::string_view path) const;

  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }
  // The largest body_limit of any route (0 when none sets one).
  [[nodiscard]] std::size_t largestBodyLimit() const;

 private:
  std::vector<Route> routes_;
};

}  // namespace strada::http
