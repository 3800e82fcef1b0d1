// Hotline contacts: log one, open one (audited), list the organisation's contacts.
#include <algorithm>
#include <charconv>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/async.h"
#include "api/encode.h"
#include "api/json_input.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "store/repositories.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kDefaultPageSize = 50;
constexpr std::int32_t kMaxPageSize = 200;

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

Result<domain::ContactInput> decodeContactInput(std::string_view body) {
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
  if (!d.ok()) {
    return tl::unexpected(d.error());
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  c.started_at = started_at.value_or(0);
  return c;
}

awaitable<http::Response> createContact(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto input = decodeContactInput(req.body);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  const domain::UnixMillis now = domain::nowMillis();
  if (auto valid = domain::validateContact(*input, now); !valid) {
    co_return errorResponse(req, valid.error());
  }
  store::ContactRow row;
  row.contact.id = crypto::newId();
  row.contact.org_id = who.org_id;
  row.contact.created_by = who.user_id;
  row.contact.created_at = now;
  row.contact.code_version = std::string(domain::codesVersion());
  row.contact.data = std::move(*input);
  if (!row.contact.data.summary.empty()) {
    row.summary_sealed = ctx.keys.contacts().seal(row.contact.data.summary,
                                                  contactSummaryAad(row.contact.id));
  }
  domain::Contact created = row.contact;
  row.contact.data.summary.clear();  // only the sealed form goes to the store
  store::WriteJob insert = [row = std::move(row), who, rid = req.request_id](
                               store::WriteContext& w) {
    if (auto s = store::insertContact(w, row); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "contact.create", "contact", row.contact.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(insert));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  auto response = http::Response::json(201, encodeContact(created, true));
  response.headers.emplace_back("Location", "/api/v1/contacts/" + created.id);
  co_return response;
}

bool isIdShaped(std::string_view id) {
  return id.size() == 32 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

awaitable<http::Response> getContact(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  const std::string id(req.param("id"));
  const auto not_found = domain::Error{domain::ErrorCode::kNotFound, "No such contact.", "", ""};
  if (!isIdShaped(id)) {
    co_return errorResponse(req, not_found);
  }
  auto lookup = [id](soci::session& sql) { return store::findContact(sql, id); };
  auto found =
      co_await awaitRead<Result<std::optional<store::ContactRow>>>(ctx.db, std::move(lookup));
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  if (!found->has_value() || !policy::requireSameOrganisation(who, (*found)->contact.org_id)) {
    co_return errorResponse(req, not_found);
  }
  store::ContactRow& row = **found;
  const bool with_summary = policy::allows(who, policy::Permission::kContactReadSealed);
  if (with_summary && !row.summary_sealed.empty()) {
    auto opened = ctx.keys.contacts().open(row.summary_sealed, contactSummaryAad(row.contact.id));
    if (!opened) {
      co_return errorResponse(req, opened.error());
    }
    row.contact.data.summary = std::move(*opened);
  }
  // The view is recorded before any of it is shown.
  store::WriteJob record_view = [who, id, rid = req.request_id](store::WriteContext& w) {
    return w.audit({who.user_id, who.org_id, "contact.read", "contact", id, rid});
  };
  auto audited = co_await awaitWrite(ctx.db, std::move(record_view));
  if (!audited) {
    co_return errorResponse(req, audited.error());
  }
  co_return http::Response::json(200, encodeContact(row.contact, with_summary));
}

// The cursor is opaque to clients: base64url("<started_at>:<id>").
std::string encodeCursor(const domain::Contact& last) {
  return crypto::toBase64Url(std::to_string(last.data.started_at) + ":" + last.id);
}

Result<store::ContactCursor> decodeCursor(std::string_view text) {
  const auto bad = [] {
    return domain::invalidField("cursor", "This cursor is not valid. Start again from the first "
                                          "page.");
  };
  auto raw = crypto::fromBase64Url(text);
  if (!raw) {
    return bad();
  }
  const auto colon = raw->find(':');
  if (colon == std::string::npos || colon == 0 || !isIdShaped(std::string_view(*raw).substr(colon + 1))) {
    return bad();
  }
  store::ContactCursor cursor;
  const std::string_view millis = std::string_view(*raw).substr(0, colon);
  const auto [ptr, ec] = std::from_chars(millis.data(), millis.data() + millis.size(),
                                         cursor.started_at);
  if (ec != std::errc() || ptr != millis.data() + millis.size()) {
    return bad();
  }
  cursor.id = raw->substr(colon + 1);
  return cursor;
}

Result<store::ContactQuery> decodeListQuery(const http::Request& req, const policy::Principal& who) {
  store::ContactQuery q;
  q.org_id = who.org_id;
  q.limit = kDefaultPageSize;
  for (const auto& [key, value] : req.query) {
    if (key == "from" || key == "to") {
      auto t = domain::parseRfc3339(value, key);
      if (!t) {
        return tl::unexpected(t.error());
      }
      (key == "from" ? q.from : q.to) = *t;
    } else if (key == "limit") {
      std::int32_t n = 0;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || ptr != value.data() + value.size() || n < 1 || n > kMaxPageSize) {
        return domain::invalidField("limit", "Use a page size between 1 and 200.");
      }
      q.limit = n;
    } else if (key == "cursor") {
      auto c = decodeCursor(value);
      if (!c) {
        return tl::unexpected(c.error());
      }
      q.after = std::move(*c);
    } else {
      return domain::invalidField(key.substr(0, 64), "This parameter is not known here. Remove it.");
    }
  }
  if (q.from && q.to && *q.from >= *q.to) {
    return domain::invalidField("to", "The end of the period must come after its start.");
  }
  return q;
}

awaitable<http::Response> listContacts(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto query = decodeListQuery(req, who);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  const std::int32_t page = query->limit;
  query->limit = page + 1;  // one more tells whether there is a next page
  auto list = [q = *query](soci::session& sql) { return store::listContacts(sql, q); };
  auto rows = co_await awaitRead<Result<std::vector<store::ContactRow>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  const bool more = rows->size() > static_cast<std::size_t>(page);
  if (more) {
    rows->resize(static_cast<std::size_t>(page));
  }
  boost::json::array items;
  items.reserve(rows->size());
  for (const auto& row : *rows) {
    items.emplace_back(encodeContact(row.contact, false));
  }
  boost::json::object body{{"items", std::move(items)}, {"next_cursor", nullptr}};
  if (more && !rows->empty()) {
    body["next_cursor"] = encodeCursor(rows->back().contact);
  }
  co_return http::Response::json(200, body);
}

}  // namespace

void registerContactRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("POST", "/api/v1/contacts", policy::Permission::kContactCreate,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return createContact(ctx, req, who);
               });
  routes.route("GET", "/api/v1/contacts", policy::Permission::kContactList,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return listContacts(ctx, req, who);
               });
  routes.route("GET", "/api/v1/contacts/{id}", policy::Permission::kContactRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return getContact(ctx, req, who);
               });
}

}  // namespace strada::api
