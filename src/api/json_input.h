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
#include "domain/time.h"

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

// Reads a JSON body's members into values one line each, keeping the first error: a read after a
// failed one (or after a body that is not a JSON object) does nothing, and finish() answers that
// error, else the first unknown member, else the value. What the decoders of api/ are made of:
//
//   JsonFields in(req.body);
//   in.required("title", input.title);
//   in.optional("country", input.country);
//   return in.finish(std::move(input));
class JsonFields {
 public:
  explicit JsonFields(std::string_view body);

  void required(std::string_view key, std::string& out);
  // The string member `key`; "" once an error is recorded.
  [[nodiscard]] std::string required(std::string_view key);
  // `out` keeps its value when the member is absent or null.
  void optional(std::string_view key, std::string& out);
  void optional(std::string_view key, std::optional<std::string>& out);
  void optional(std::string_view key, bool& out);
  // An array of strings (at most `max_items`); absent or null gives an empty vector.
  void list(std::string_view key, std::vector<std::string>& out, std::size_t max_items);
  // A required integer in [min, max].
  void integer(std::string_view key, std::int32_t& out, std::int64_t min, std::int64_t max);
  // An RFC 3339 time; when absent or null, `out` keeps its value unless `required`.
  void time(std::string_view key, std::optional<domain::UnixMillis>& out, bool required);
  // Records a decoder's own check of a member read above, unless an error came first.
  void refuse(const domain::Error& error);

  [[nodiscard]] bool ok() const { return !error_.has_value(); }
  // The first error, else InvalidArgument naming the first member nothing above read.
  [[nodiscard]] domain::Status finish() const;
  template <class T>
  [[nodiscard]] domain::Result<T> finish(T value) const {
    if (auto done = finish(); !done) {
      return tl::unexpected(done.error());
    }
    return value;
  }

 private:
  // Moves `read`'s value into `out`, or records its error; nothing after an earlier error.
  template <class T, class Out, class Read>
  void take(Out& out, const Read& read);

  std::optional<JsonInput> in_;
  std::optional<domain::Error> error_;
};

}  // namespace strada::api
