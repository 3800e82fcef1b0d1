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

JsonFields::JsonFields(std::string_view body) {
  auto parsed = JsonInput::parse(body);
  if (parsed) {
    in_.emplace(std::move(*parsed));
  } else {
    error_ = parsed.error();
  }
}

template <class T, class Out, class Read>
void JsonFields::take(Out& out, const Read& read) {
  if (!ok()) {
    return;
  }
  domain::Result<T> value = read(*in_);
  if (!value) {
    error_ = value.error();
  } else {
    out = std::move(*value);
  }
}

void JsonFields::required(std::string_view key, std::string& out) {
  take<std::string>(out, [key](JsonInput& in) { return in.requiredString(key); });
}

std::string JsonFields::required(std::string_view key) {
  std::string out;
  required(key, out);
  return out;
}

void JsonFields::optional(std::string_view key, std::string& out) {
  std::optional<std::string> given;
  optional(key, given);
  if (given) {
    out = std::move(*given);
  }
}

void JsonFields::optional(std::string_view key, std::optional<std::string>& out) {
  take<std::optional<std::string>>(out, [key](JsonInput& in) { return in.optionalString(key); });
}

void JsonFields::optional(std::string_view key, bool& out) {
  const bool fallback = out;
  take<bool>(out, [key, fallback](JsonInput& in) { return in.optionalBool(key, fallback); });
}

void JsonFields::list(std::string_view key, std::vector<std::string>& out, std::size_t max_items) {
  take<std::vector<std::string>>(
      out, [key, max_items](JsonInput& in) { return in.optionalStringArray(key, max_items); });
}

void JsonFields::integer(std::string_view key, std::int32_t& out, std::int64_t min,
                         std::int64_t max) {
  std::int64_t n = out;
  take<std::int64_t>(n,
                     [key, min, max](JsonInput& in) { return in.requiredInteger(key, min, max); });
  out = static_cast<std::int32_t>(n);  // within [min, max], which the caller keeps to int32
}

void JsonFields::time(std::string_view key, std::optional<domain::UnixMillis>& out, bool required) {
  std::optional<std::string> text;
  optional(key, text);
  if (!ok()) {
    return;
  }
  if (!text) {
    if (required) {
      refuse(domain::invalidField(std::string(key), "This field is required.").value());
    }
    return;
  }
  take<domain::UnixMillis>(out,
                           [&text, key](JsonInput&) { return domain::parseRfc3339(*text, key); });
}

void JsonFields::refuse(const domain::Error& error) {
  if (ok()) {
    error_ = error;
  }
}

domain::Status JsonFields::finish() const {
  if (!ok()) {
    return tl::unexpected(*error_);
  }
  return in_->rejectUnknownFields();
}

}  // namespace strada::api
