// Strict decoding of JSON request bodies and query strings into domain values.
//
// Every failure is InvalidArgument naming the field: malformed JSON (field ""), a body that is
// not an object, a missing required field, a wrong type, or a field the route does not know. A
// member of a nested object is named by its path: "referral.source_type", "person.phones[1]",
// "person.id_documents[0].kind".
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
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

  // Whether the member `key` is given (present and not null).
  [[nodiscard]] bool has(std::string_view key);
  [[nodiscard]] domain::Result<std::string> requiredString(std::string_view key);
  [[nodiscard]] domain::Result<std::optional<std::string>> optionalString(std::string_view key);
  // An integer in [min, max]; a JSON number with a fraction is refused.
  [[nodiscard]] domain::Result<std::int64_t> requiredInteger(std::string_view key, std::int64_t min,
                                                             std::int64_t max);
  // A number (with or without a fraction) in [min, max].
  [[nodiscard]] domain::Result<double> requiredNumber(std::string_view key, double min, double max);
  [[nodiscard]] domain::Result<bool> optionalBool(std::string_view key, bool fallback);
  // An array of strings (at most `max_items`); absent or null gives an empty vector.
  [[nodiscard]] domain::Result<std::vector<std::string>> optionalStringArray(std::string_view key,
                                                                             std::size_t max_items);
  // The member `key` when it is an object (null: absent or null), read as a JsonInput of its own
  // whose members are named "<this path>.key.<member>".
  [[nodiscard]] domain::Result<std::optional<JsonInput>> optionalObject(std::string_view key);
  // The member `key` when it is a list of at most `max_items` objects, each read as a JsonInput
  // of its own named "<this path>.key[i]"; absent or null gives an empty vector.
  [[nodiscard]] domain::Result<std::vector<JsonInput>> optionalObjects(std::string_view key,
                                                                       std::size_t max_items);
  // InvalidArgument naming the first member that no accessor above asked for.
  [[nodiscard]] domain::Status rejectUnknownFields() const;
  // How an error names the member `key` of this object: "key" in a body, "path.key" below it.
  [[nodiscard]] std::string pathOf(std::string_view key) const;

 private:
  friend class JsonFields;  // which opens an empty object in place of an absent one
  JsonInput(boost::json::object object, std::string path)
      : object_(std::move(object)), path_(std::move(path)) {}
  const boost::json::value* find(std::string_view key);
  // The member `key` when it is a list of at most `max_items` entries; null when absent or null.
  // Otherwise InvalidArgument saying it must be a list `of_what` ("strings").
  domain::Result<const boost::json::array*> optionalArray(std::string_view key,
                                                          std::size_t max_items,
                                                          std::string_view of_what);

  boost::json::object object_;
  std::string path_;  // "" for a body
  std::set<std::string, std::less<>> seen_;
};

// Reads a JSON body's members into values one line each, keeping the first error: a read after a
// failed one (or after a body that is not a JSON object) does nothing, and finish() answers that
// error, else the first unknown member, else the value. What the decoders of api/ are made of:
//
//   JsonFields in(req.body);
//   in.required("title", input.title);
//   in.optional("country", input.country);
//   JsonFields referral = in.object("referral", true);
//   referral.required("source_type", input.source_type, 64);
//   return in.finish(std::move(input));
//
// The fields of a nested object (object(), objects()) share the body's first error and its
// finish(), which also names the first unknown member of every object opened (the body's first).
class JsonFields {
 public:
  // No limit on a string's length.
  static constexpr std::size_t kAnyLength = std::numeric_limits<std::size_t>::max();

  explicit JsonFields(std::string_view body);

  // A string of at most `max_chars` characters (UTF-8).
  void required(std::string_view key, std::string& out, std::size_t max_chars = kAnyLength);
  // The string member `key`; "" once an error is recorded.
  [[nodiscard]] std::string required(std::string_view key);
  // `out` keeps its value when the member is absent or null.
  void optional(std::string_view key, std::string& out, std::size_t max_chars = kAnyLength);
  void optional(std::string_view key, std::optional<std::string>& out);
  void optional(std::string_view key, bool& out);
  // An array of strings (at most `max_items`, each of at most `max_chars` characters, else the
  // error names "key[i]"); absent or null gives an empty vector.
  void list(std::string_view key, std::vector<std::string>& out, std::size_t max_items,
            std::size_t max_chars = kAnyLength);
  // An integer in [min, max]; when absent or null, `out` keeps its value unless `required`.
  void integer(std::string_view key, std::int32_t& out, std::int64_t min, std::int64_t max,
               bool required = true);
  // A number in [min, max] (a fraction allowed) as whole tenths, rounded: 4.25 gives 43; when
  // absent or null, `out` keeps its value.
  void tenths(std::string_view key, std::int32_t& out, double min, double max);
  // The required "version" a change started from (`first` to 2^31-1): 1 for a record, 0 for a
  // document of a case that may never have been written.
  void version(std::int32_t& out, std::int32_t first = 1);
  // An RFC 3339 time; when absent or null, `out` keeps its value unless `required`.
  void time(std::string_view key, std::optional<domain::UnixMillis>& out, bool required);
  // The member `key`, an object, read through the fields returned (named "key.member"). Absent or
  // null: an error when `required`, else the fields of an empty object (every member absent).
  [[nodiscard]] JsonFields object(std::string_view key, bool required);
  // The member `key`, a list of at most `max_items` objects, each read through its fields (named
  // "key[i].member"); none when absent or null, or once an error is recorded.
  [[nodiscard]] std::vector<JsonFields> objects(std::string_view key, std::size_t max_items);
  // Records a decoder's own check of a member read above, unless an error came first.
  void refuse(const domain::Error& error);

  [[nodiscard]] bool ok() const { return !reading_->error.has_value(); }
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
  // What the fields of one body share: its first error, and every object opened in it (the
  // body's own first), each checked for unknown members by finish().
  struct Reading {
    std::optional<domain::Error> error;
    std::deque<JsonInput> objects;  // a deque: adding one moves none, so `in_` stays valid
  };

  JsonFields(std::shared_ptr<Reading> reading, JsonInput object);
  // Moves `read`'s value into `out`, or records its error; nothing after an earlier error.
  template <class T, class Out, class Read>
  void take(Out& out, const Read& read);
  // Refuses the string just read into `out` (member `key`) when it is longer than `max_chars`.
  void limit(std::string_view key, const std::string& out, std::size_t max_chars);

  std::shared_ptr<Reading> reading_;
  JsonInput* in_ = nullptr;  // the object these fields read; null for a body that is not one
};

}  // namespace strada::api
