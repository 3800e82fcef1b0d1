#include "api/contact_codec.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "api/json_input.h"

namespace strada::api {
namespace {

using domain::Result;

// Copies the string member `key` into `out` when present; records the first error.
class ContactDecoder {
 public:
  explicit ContactDecoder(JsonInput& in) : in_(in) {}

  void string(std::string_view key, std::string& out) {
    if (!ok()) {
      return;
    }
    auto v = in_.optionalString(key);
    if (!v) {
      error_ = v.error();
    } else if (v->has_value()) {
      out = std::move(**v);
    }
  }
  void list(std::string_view key, std::vector<std::string>& out) {
    if (!ok()) {
      return;
    }
    auto v = in_.optionalStringArray(key, domain::kMaxMultiCodes);
    if (!v) {
      error_ = v.error();
    } else {
      out = std::move(*v);
    }
  }
  void flag(std::string_view key, bool& out) {
    if (!ok()) {
      return;
    }
    auto v = in_.optionalBool(key, out);
    if (!v) {
      error_ = v.error();
    } else {
      out = *v;
    }
  }
  void time(std::string_view key, std::optional<domain::UnixMillis>& out, bool required) {
    if (!ok()) {
      return;
    }
    auto v = in_.optionalString(key);
    if (!v) {
      error_ = v.error();
      return;
    }
    if (!v->has_value()) {
      if (required) {
        error_ = domain::Error{domain::ErrorCode::kInvalidArgument, "This field is required.",
                               std::string(key), ""};
      }
      return;
    }
    auto t = domain::parseRfc3339(**v, key);
    if (!t) {
      error_ = t.error();
      return;
    }
    out = *t;
  }
  void integer(std::string_view key, std::int32_t& out, std::int64_t min, std::int64_t max) {
    if (!ok()) {
      return;
    }
    auto v = in_.requiredInteger(key, min, max);
    if (!v) {
      error_ = v.error();
    } else {
      out = static_cast<std::int32_t>(*v);
    }
  }
  [[nodiscard]] bool ok() const { return !error_.has_value(); }
  [[nodiscard]] const domain::Error& error() const { return *error_; }

 private:
  JsonInput& in_;
  std::optional<domain::Error> error_;
};

}  // namespace

Result<domain::ContactInput> decodeContactInput(std::string_view body, std::int32_t* version) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  domain::ContactInput c;
  ContactDecoder d(*in);
  d.string("status", c.status);
  d.string("kind", c.kind);
  d.string("non_data_type", c.non_data_type);
  d.string("channel", c.channel);
  std::optional<domain::UnixMillis> started_at;
  d.time("started_at", started_at, true);
  d.integer("duration_s", c.duration_s, 0, domain::kMaxContactDurationS);
  d.string("category", c.category);
  d.string("caller_type", c.caller_type);
  d.flag("anonymous", c.anonymous);
  d.string("caller_gender", c.caller_gender);
  d.string("caller_age_band", c.caller_age_band);
  d.string("language", c.language);
  d.string("caller_country", c.caller_country);
  d.string("caller_region", c.caller_region);
  d.string("destination_country", c.destination_country);
  d.list("exploitation", c.exploitation);
  d.list("industry", c.industry);
  d.list("indicators", c.indicators);
  d.flag("imminent_danger", c.imminent_danger);
  d.list("assistance", c.assistance);
  d.list("referral_agency_ids", c.referral_agency_ids);
  d.string("outcome", c.outcome);
  d.flag("follow_up_needed", c.follow_up_needed);
  d.time("follow_up_due", c.follow_up_due, false);
  d.string("summary", c.summary);
  d.string("caller_identifier", c.caller_identifier);
  if (version != nullptr) {
    d.integer("version", *version, 1, std::numeric_limits<std::int32_t>::max());
  }
  if (!d.ok()) {
    return tl::unexpected(d.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  c.started_at = started_at.value_or(0);
  return c;
}

}  // namespace strada::api
