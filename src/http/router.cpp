#include "http/router.h"

#include <algorithm>
#include <cassert>

namespace strada::http {
namespace {

// "/api/v1/x" -> {"api", "v1", "x"}; "/" -> {""}; "/a/" -> {"a", ""}. The path must start with
// "/"; a trailing slash yields a final empty segment, so "/a/" and "/a" never match each other.
std::vector<std::string_view> splitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') {
    return segments;
  }
  std::size_t start = 1;
  for (;;) {
    const auto slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(path.substr(start));
      break;
    }
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool isParameter(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

// Matches `path_segments` against `pattern`; on success fills `params` and `literal_mask`
// (one flag per segment, true for a literal) used to rank candidates.
bool matchPattern(std::string_view pattern, const std::vector<std::string_view>& path_segments,
                  std::map<std::string, std::string, std::less<>>& params,
                  std::vector<bool>& literal_mask) {
  const auto pattern_segments = splitPath(pattern);
  if (pattern_segments.size() != path_segments.size()) {
    return false;
  }
  params.clear();
  literal_mask.assign(pattern_segments.size(), false);
  for (std::size_t i = 0; i < pattern_segments.size(); ++i) {
    const std::string_view expected = pattern_segments[i];
    if (isParameter(expected)) {
      // A parameter is never empty: "/contacts/" is not "/contacts/{id}" with id "".
      if (path_segments[i].empty()) {
        return false;
      }
      params.emplace(std::string(expected.substr(1, expected.size() - 2)),
                     std::string(path_segments[i]));
    } else {
      if (expected != path_segments[i]) {
        return false;
      }
      literal_mask[i] = true;
    }
  }
  return true;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler, std::size_t body_limit) {
  assert(!pattern.empty() && pattern.front() == '/');
  assert(std::none_of(routes_.begin(), routes_.end(), [&](const Route& route) {
    return route.method == method && route.pattern == pattern;
  }));
  routes_.push_back(Route{std::move(method), std::move(pattern), std::move(handler), body_limit});
}

std::size_t Router::largestBodyLimit() const {
  std::size_t largest = 0;
  for (const Route& route : routes_) {
    largest = std::max(largest, route.body_limit);
  }
  return largest;
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const auto segments = splitPath(path);
  if (segments.empty()) {
    return result;
  }
  std::map<std::string, std::string, std::less<>> params;
  std::vector<bool> mask;
  std::vector<bool> best_mask;
  bool path_known = false;
  for (const Route& route : routes_) {
    if (!matchPattern(route.pattern, segments, params, mask)) {
      continue;
    }
    path_known = true;
    if (route.method != method) {
      if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
          result.allowed.end()) {
        result.allowed.push_back(route.method);
      }
      continue;
    }
    // Literal segments win over parameters, decided at the first segment where the two
    // candidates differ ("/users/me" beats "/users/{id}").
    if (result.route == nullptr || mask > best_mask) {
      result.route = &route;
      result.params = params;
      best_mask = mask;
    }
  }
  if (result.route != nullptr) {
    result.outcome = Outcome::kFound;
    result.allowed.clear();
  } else if (path_known) {
    result.outcome = Outcome::kMethodNotAllowed;
    std::sort(result.allowed.begin(), result.allowed.end());
  }
  return result;
}

}  // namespace strada::http
