// Use cases of the organisation's contact list: one page of the filtered list, and the CSV
// export of every row of a filter. Both are audited before any row is returned, both apply the
// draft rule (policy::draftsVisibleOnlyOf), and both read coded fields only: nothing here opens a
// sealed column.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "hotline/context.h"
#include "hotline/time_zone.h"
#include "store/contact_queries.h"

namespace strada::hotline {

// One page of the list. `more`: a next page exists, and starts after rows.back().
struct ContactListPage {
  std::vector<domain::Contact> rows;
  bool more = false;
};

// The names of the filters `filter` narrows by, comma-separated in a fixed order
// ("category,from"): what the audit trail records of a list. Never a filter's value (a consultant
// id or a country could point at a person). "status" counts when it is not `default_status`.
std::string filterNames(const store::ContactFilter& filter, std::string_view default_status = "");

// One page of the organisation's contacts matching `filter` (its org_id, now and drafts_of are
// the use case's: the actor's organisation, the context's clock, and the draft rule), newest
// first. Recorded (contact.list, "rows=25;filters=category,from") before it is returned.
[[nodiscard]] awaitable<Result<ContactListPage>> listContacts(Context ctx, Actor actor,
                                                              store::ContactFilter filter);

// How an export shows its rows beside their codes.
struct ExportSetting {
  std::string language;  // of the code labels: one of domain::kLabelLanguages
  TimeZone zone;         // of the local times
  // The organisation's users by id, with their names as stored (possibly empty).
  std::map<std::string, std::string> user_names;
};

// What an export asks for. An empty `language` takes the organisation's first language that has
// labels, else English. The local times are in `time_zone` (IANA), or at a fixed
// `utc_offset_minutes`; with neither, in the main zone of the organisation's country (UTC when it
// has none).
struct ExportQuery {
  store::ContactFilter filter;
  std::string language;
  std::string time_zone;
  std::optional<std::int32_t> utc_offset_minutes;
};

// Receives the export page by page, in list order; builds the file as it goes.
using ExportPageSink =
    std::function<void(const ExportSetting&, const std::vector<domain::Contact>&)>;

// Past this many rows an export is refused (InvalidArgument on "from": narrow the period).
inline constexpr std::int64_t kMaxExportRows = 1000000;

// Every contact of the organisation matching `query.filter` (by default final contacts only),
// handed to `sink` a page at a time so that only the file is held, never every row. Recorded
// (contact.export, "rows=N;filters=...") after the last page and before the caller may send
// anything. InvalidArgument naming "lang", "tz" or "tz_offset_minutes" for a setting it cannot
// use (and "tz" when both zone settings are given).
// Returns the number of rows.
[[nodiscard]] awaitable<Result<std::int64_t>> exportContacts(Context ctx, Actor actor,
                                                             ExportQuery query,
                                                             ExportPageSink sink);

}  // namespace strada::hotline
