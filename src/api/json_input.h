// Strict decoding of JSON request bodies and query strings into domain values.
//
// Every failure is InvalidArgument naming the field: malformed JSON (field ""), a body that is
// not an object, a missing required field, a wrong type, or a field the route does not know.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace strada::api {

class JsonInput {
 public:
  // Parses `body` (at most 64 levels deep) and requires a JSON object.
  [[nodiscard]] static domain::Result<JsonInput> parse(std::string_view body);

  [[nodiscard]] domain::Result<std::string> requiredString(std::string_view key);
  [[nodiscard]] domain::Result<std::optional<std::string>> optionalString(std::string_view key);
  // An integer in [min, max]; a JSON number with a fraction is refused.
  [[nodiscard]] domain::Result<std::int64_t> requiredInteger(std::string_view key, std::int64_t min,
                                                             std::int64_t max);
  [[nodiscard]] domain::Result<bool> optionalBool(std::string_view key, bool fallback);
  // An array of strings (at most `max_items`); absent or null gives an empty vector.
  [[nodiscard]] domain::Result<std::vector<std::string>> optionalStringArray(std::string_view key,
                                                                             std::size_t max_items);
  // InvalidArgument naming the first member that no accessor above asked for.
  [[nodiscard]] domain::Status rejectUnknownFields() const;

 private:
  explicit JsonInput(boost::json::object object) : object_(std::move(object)) {}
  const boost::json::value* find(std::string_view key);

  boost::json::object object_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace strada::api
