#include "api/contact_codec.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "api/async.h"
#include "api/json_input.h"
#include "crypto/crypto.h"

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

std::string callerAuditId(std::string_view caller_hash) {
  return std::string(caller_hash.substr(0, 16));
}

store::ContactRow sealContact(const DataKeys& keys, domain::Contact contact) {
  store::ContactRow row;
  domain::ContactInput& d = contact.data;
  if (!d.summary.empty()) {
    row.summary_sealed = keys.contacts().seal(d.summary, contactSummaryAad(contact.id));
  }
  const std::string normalised = domain::normaliseCallerIdentifier(d.caller_identifier);
  if (!normalised.empty()) {
    row.caller_hash = callerHash(keys, contact.org_id, normalised);
    row.caller_sealed = keys.contacts().seal(d.caller_identifier, contactCallerAad(contact.id));
  }
  // Only the sealed forms go to the store.
  d.summary.clear();
  d.caller_identifier.clear();
  row.contact = std::move(contact);
  return row;
}

domain::Status openContact(const DataKeys& keys, store::ContactRow& row) {
  domain::ContactInput& d = row.contact.data;
  if (!row.summary_sealed.empty()) {
    auto opened = keys.contacts().open(row.summary_sealed, contactSummaryAad(row.contact.id));
    if (!opened) {
      return tl::unexpected(opened.error());
    }
    d.summary = std::move(*opened);
  }
  if (!row.caller_sealed.empty()) {
    auto opened = keys.contacts().open(row.caller_sealed, contactCallerAad(row.contact.id));
    if (!opened) {
      return tl::unexpected(opened.error());
    }
    d.caller_identifier = std::move(*opened);
  }
  return {};
}

bool mayChangeContact(const policy::Principal& who, const domain::Contact& contact,
                      domain::UnixMillis now) {
  if (!policy::allows(who, policy::Permission::kContactUpdate)) {
    return false;
  }
  const policy::ContactEditFacts facts{contact.created_by,
                                       contact.data.status == domain::kStatusFinal,
                                       contact.finalised_at.value_or(0)};
  return policy::requireContactEditable(who, facts, now).has_value();
}

domain::Error contactNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such contact.", "", ""};
}

boost::asio::awaitable<Result<store::ContactRow>> findOwnContact(ApiContext& ctx,
                                                                 const policy::Principal& who,
                                                                 std::string id) {
  auto lookup = [id](soci::session& sql) { return store::findContact(sql, id); };
  auto found =
      co_await awaitRead<Result<std::optional<store::ContactRow>>>(ctx.db, std::move(lookup));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  if (!found->has_value() || !policy::requireSameOrganisation(who, (*found)->contact.org_id)) {
    co_return tl::unexpected(contactNotFound());
  }
  co_return std::move(**found);
}

boost::asio::awaitable<domain::Status> checkReferralAgencies(ApiContext& ctx, std::string org_id,
                                                             std::vector<std::string> ids) {
  if (ids.empty()) {
    co_return domain::Status{};
  }
  auto check = [org_id, ids](soci::session& sql) {
    return store::unknownAgencyIds(sql, org_id, ids);
  };
  auto unknown = co_await awaitRead<Result<std::vector<std::string>>>(ctx.db, std::move(check));
  if (!unknown) {
    co_return tl::unexpected(unknown.error());
  }
  if (!unknown->empty()) {
    co_return domain::invalidField("referral_agency_ids",
                                   "Choose the agencies from your organisation's directory.");
  }
  co_return domain::Status{};
}

}  // namespace strada::api
