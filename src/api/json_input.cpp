#include "api/json_input.h"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

namespace strada::api {

using domain::invalidField;

domain::Result<JsonInput> JsonInput::parse(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = 64;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec, {}, options);
  if (ec) {
    return invalidField("", "The request body is not valid JSON. Send a JSON object.");
  }
  if (!value.is_object()) {
    return invalidField("", "The request body must be a JSON object.");
  }
  return JsonInput(std::move(value.as_object()));
}

const boost::json::value* JsonInput::find(std::string_view key) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (v != nullptr && v->is_null()) {
    return nullptr;  // null means "not given"
  }
  return v;
}

domain::Result<std::string> JsonInput::requiredString(std::string_view key) {
  const auto* v = find(key);
  if (v == nullptr) {
    return invalidField(std::string(key), "This field is required.");
  }
  if (!v->is_string()) {
    return invalidField(std::string(key), "This field must be a string.");
  }
  return std::string(v->as_string());
}

domain::Result<std::optional<std::string>> JsonInput::optionalString(std::string_view key) {
  const auto* v = find(key);
  if (v == nullptr) {
    return std::optional<std::string>();
  }
  if (!v->is_string()) {
    return invalidField(std::string(key), "This field must be a string.");
  }
  return std::optional<std::string>(std::string(v->as_string()));
}

domain::Result<std::int64_t> JsonInput::requiredInteger(std::string_view key, std::int64_t min,
                                                        std::int64_t max) {
  const auto* v = find(key);
  if (v == nullptr) {
    return invalidField(std::string(key), "This field is required.");
  }
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64()) {
    if (v->as_uint64() > static_cast<std::uint64_t>(max)) {
      return invalidField(std::string(key), "This number is out of range.");
    }
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    return invalidField(std::string(key), "This field must be a whole number.");
  }
  if (n < min || n > max) {
    return invalidField(std::string(key), "This number must be between " + std::to_string(min) +
                                              " and " + std::to_string(max) + ".");
  }
  return n;
}

domain::Result<bool> JsonInput::optionalBool(std::string_view key, bool fallback) {
  const auto* v = find(key);
  if (v == nullptr) {
    return fallback;
  }
  if (!v->is_bool()) {
    return invalidField(std::string(key), "This field must be true or false.");
  }
  return v->as_bool();
}

domain::Result<std::vector<std::string>> JsonInput::optionalStringArray(std::string_view key,
                                                                        std::size_t max_items) {
  const auto* v = find(key);
  std::vector<std::string> out;
  if (v == nullptr) {
    return out;
  }
  if (!v->is_array()) {
    return invalidField(std::string(key), "This field must be a list of strings.");
  }
  if (v->as_array().size() > max_items) {
    return invalidField(std::string(key),
                        "Give at most " + std::to_string(max_items) + " entries.");
  }
  for (const auto& item : v->as_array()) {
    if (!item.is_string()) {
      return invalidField(std::string(key), "This field must be a list of strings.");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

domain::Status JsonInput::rejectUnknownFields() const {
  for (const auto& member : object_) {
    if (!seen_.contains(std::string_view(member.key()))) {
      // The key is the client's own text; cap it so the error cannot echo a large payload.
      std::string name(member.key().substr(0, 64));
      return invalidField(name, "This field is not known here. Remove it.");
    }
  }
  return {};
}

}  // namespace strada::api
