#include "api/json_input.h"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <sstream>

#include "domain/encoding.h"

namespace strada::api {

using domain::invalidField;

namespace {

std::size_t utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

}  // namespace

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
  return JsonInput(std::move(value.as_object()), "");
}

std::string JsonInput::pathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const boost::json::value* JsonInput::find(std::string_view key) {
  seen_.emplace(key);
  const auto* v = object_.if_contains(key);
  if (v != nullptr && v->is_null()) {
    return nullptr;  // null means "not given"
  }
  return v;
}

bool JsonInput::has(std::string_view key) { return find(key) != nullptr; }

domain::Result<std::string> JsonInput::requiredString(std::string_view key) {
  const auto* v = find(key);
  if (v == nullptr) {
    return invalidField(pathOf(key), "This field is required.");
  }
  if (!v->is_string()) {
    return invalidField(pathOf(key), "This field must be a string.");
  }
  return std::string(v->as_string());
}

domain::Result<std::optional<std::string>> JsonInput::optionalString(std::string_view key) {
  const auto* v = find(key);
  if (v == nullptr) {
    return std::optional<std::string>();
  }
  if (!v->is_string()) {
    return invalidField(pathOf(key), "This field must be a string.");
  }
  return std::optional<std::string>(std::string(v->as_string()));
}

domain::Result<double> JsonInput::requiredNumber(std::string_view key, double min, double max) {
  const auto* v = find(key);
  if (v == nullptr) {
    return invalidField(pathOf(key), "This field is required.");
  }
  if (!v->is_number()) {
    return invalidField(pathOf(key), "This field must be a number.");
  }
  const double n = v->to_number<double>();
  if (!(n >= min && n <= max)) {
    std::ostringstream range;
    range << "This number must be between " << min << " and " << max << ".";
    return invalidField(pathOf(key), range.str());
  }
  return n;
}

domain::Result<std::int64_t> JsonInput::requiredInteger(std::string_view key, std::int64_t min,
                                                        std::int64_t max) {
  const auto* v = find(key);
  if (v == nullptr) {
    return invalidField(pathOf(key), "This field is required.");
  }
  std::int64_t n = 0;
  if (v->is_int64()) {
    n = v->as_int64();
  } else if (v->is_uint64()) {
    if (v->as_uint64() > static_cast<std::uint64_t>(max)) {
      return invalidField(pathOf(key), "This number is out of range.");
    }
    n = static_cast<std::int64_t>(v->as_uint64());
  } else {
    return invalidField(pathOf(key), "This field must be a whole number.");
  }
  if (n < min || n > max) {
    return invalidField(pathOf(key), "This number must be between " + std::to_string(min) +
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
    return invalidField(pathOf(key), "This field must be true or false.");
  }
  return v->as_bool();
}

domain::Result<const boost::json::array*> JsonInput::optionalArray(std::string_view key,
                                                                   std::size_t max_items,
                                                                   std::string_view of_what) {
  const auto* v = find(key);
  if (v == nullptr) {
    return nullptr;
  }
  if (!v->is_array()) {
    return invalidField(pathOf(key), "This field must be a list of " + std::string(of_what) + ".");
  }
  if (v->as_array().size() > max_items) {
    return invalidField(pathOf(key), "Give at most " + std::to_string(max_items) + " entries.");
  }
  return &v->as_array();
}

domain::Result<std::vector<std::string>> JsonInput::optionalStringArray(std::string_view key,
                                                                        std::size_t max_items) {
  auto items = optionalArray(key, max_items, "strings");
  if (!items) {
    return tl::unexpected(items.error());
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; *items != nullptr && i < (*items)->size(); ++i) {
    const auto& item = (**items)[i];
    if (!item.is_string()) {
      return invalidField(pathOf(key), "This field must be a list of strings.");
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

domain::Result<std::optional<JsonInput>> JsonInput::optionalObject(std::string_view key) {
  const auto* v = find(key);
  if (v == nullptr) {
    return std::optional<JsonInput>();
  }
  if (!v->is_object()) {
    return invalidField(pathOf(key), "This field must be an object.");
  }
  return std::optional<JsonInput>(JsonInput(v->as_object(), pathOf(key)));
}

domain::Result<std::vector<JsonInput>> JsonInput::optionalObjects(std::string_view key,
                                                                  std::size_t max_items) {
  auto items = optionalArray(key, max_items, "objects");
  if (!items) {
    return tl::unexpected(items.error());
  }
  std::vector<JsonInput> out;
  for (std::size_t i = 0; *items != nullptr && i < (*items)->size(); ++i) {
    std::string path = pathOf(key) + "[" + std::to_string(i) + "]";
    const auto& item = (**items)[i];
    if (!item.is_object()) {
      return invalidField(std::move(path), "Each entry must be an object.");
    }
    out.push_back(JsonInput(item.as_object(), std::move(path)));
  }
  return out;
}

domain::Status JsonInput::rejectUnknownFields() const {
  for (const auto& member : object_) {
    if (!seen_.contains(std::string_view(member.key()))) {
      // The key is the client's own text; cap it so the error cannot echo a large payload, and
      // never cut a character (the error's JSON must stay UTF-8).
      return invalidField(pathOf(domain::utf8Capped(member.key(), 64)),
                          "This field is not known here. Remove it.");
    }
  }
  return {};
}

JsonFields::JsonFields(std::string_view body) : reading_(std::make_shared<Reading>()) {
  auto parsed = JsonInput::parse(body);
  if (parsed) {
    in_ = &reading_->objects.emplace_back(std::move(*parsed));
  } else {
    reading_->error = parsed.error();
  }
}

JsonFields::JsonFields(std::shared_ptr<Reading> reading, JsonInput object)
    : reading_(std::move(reading)) {
  in_ = &reading_->objects.emplace_back(std::move(object));
}

template <class T, class Out, class Read>
void JsonFields::take(Out& out, const Read& read) {
  if (!ok()) {
    return;
  }
  domain::Result<T> value = read(*in_);
  if (!value) {
    reading_->error = value.error();
  } else {
    out = std::move(*value);
  }
}

void JsonFields::limit(std::string_view key, const std::string& out, std::size_t max_chars) {
  if (ok() && utf8Length(out) > max_chars) {
    refuse(invalidField(in_->pathOf(key), "This text is too long (at most " +
                                              std::to_string(max_chars) + " characters).")
               .value());
  }
}

void JsonFields::required(std::string_view key, std::string& out, std::size_t max_chars) {
  take<std::string>(out, [key](JsonInput& in) { return in.requiredString(key); });
  limit(key, out, max_chars);
}

std::string JsonFields::required(std::string_view key) {
  std::string out;
  required(key, out);
  return out;
}

void JsonFields::optional(std::string_view key, std::string& out, std::size_t max_chars) {
  std::optional<std::string> given;
  optional(key, given);
  if (given) {
    out = std::move(*given);
    limit(key, out, max_chars);
  }
}

void JsonFields::optional(std::string_view key, std::optional<std::string>& out) {
  take<std::optional<std::string>>(out, [key](JsonInput& in) { return in.optionalString(key); });
}

void JsonFields::optional(std::string_view key, bool& out) {
  const bool fallback = out;
  take<bool>(out, [key, fallback](JsonInput& in) { return in.optionalBool(key, fallback); });
}

void JsonFields::list(std::string_view key, std::vector<std::string>& out, std::size_t max_items,
                      std::size_t max_chars) {
  take<std::vector<std::string>>(
      out, [key, max_items](JsonInput& in) { return in.optionalStringArray(key, max_items); });
  for (std::size_t i = 0; i < out.size() && ok(); ++i) {
    limit(std::string(key) + "[" + std::to_string(i) + "]", out[i], max_chars);
  }
}

void JsonFields::integer(std::string_view key, std::int32_t& out, std::int64_t min,
                         std::int64_t max, bool required) {
  if (!required && ok() && !in_->has(key)) {
    return;
  }
  std::int64_t n = out;
  take<std::int64_t>(n,
                     [key, min, max](JsonInput& in) { return in.requiredInteger(key, min, max); });
  out = static_cast<std::int32_t>(n);  // within [min, max], which the caller keeps to int32
}

void JsonFields::tenths(std::string_view key, std::int32_t& out, double min, double max) {
  if (!ok() || !in_->has(key)) {
    return;
  }
  double n = 0;
  take<double>(n, [key, min, max](JsonInput& in) { return in.requiredNumber(key, min, max); });
  if (ok()) {
    out = static_cast<std::int32_t>(std::lround(n * 10));  // within [min, max], small
  }
}

void JsonFields::version(std::int32_t& out, std::int32_t first) {
  if (ok() && !in_->has("version")) {
    refuse(invalidField(in_->pathOf("version"), "Send the version you started from.").value());
  }
  integer("version", out, first, std::numeric_limits<std::int32_t>::max());
}

void JsonFields::time(std::string_view key, std::optional<domain::UnixMillis>& out, bool required) {
  std::optional<std::string> text;
  optional(key, text);
  if (!ok()) {
    return;
  }
  if (!text) {
    if (required) {
      refuse(invalidField(in_->pathOf(key), "This field is required.").value());
    }
    return;
  }
  take<domain::UnixMillis>(
      out, [&text, key](JsonInput& in) { return domain::parseRfc3339(*text, in.pathOf(key)); });
}

JsonFields JsonFields::object(std::string_view key, bool required) {
  std::optional<JsonInput> found;
  take<std::optional<JsonInput>>(found, [key](JsonInput& in) { return in.optionalObject(key); });
  if (!found && ok() && required) {
    refuse(invalidField(in_->pathOf(key), "This field is required.").value());
  }
  if (!found) {
    // An error, or nothing given: fields over an empty object, which read nothing after an error.
    found = JsonInput({}, in_ != nullptr ? in_->pathOf(key) : std::string(key));
  }
  return JsonFields(reading_, std::move(*found));
}

std::vector<JsonFields> JsonFields::objects(std::string_view key, std::size_t max_items) {
  std::vector<JsonInput> found;
  take<std::vector<JsonInput>>(
      found, [key, max_items](JsonInput& in) { return in.optionalObjects(key, max_items); });
  std::vector<JsonFields> out;
  out.reserve(found.size());
  for (auto& item : found) {
    out.push_back(JsonFields(reading_, std::move(item)));
  }
  return out;
}

void JsonFields::refuse(const domain::Error& error) {
  if (ok()) {
    reading_->error = error;
  }
}

domain::Status JsonFields::finish() const {
  if (!ok()) {
    return tl::unexpected(*reading_->error);
  }
  for (const JsonInput& object : reading_->objects) {
    if (auto known = object.rejectUnknownFields(); !known) {
      return known;
    }
  }
  return {};
}

}  // namespace strada::api
