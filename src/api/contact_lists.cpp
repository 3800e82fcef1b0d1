// The read side of hotline contacts: the filtered list, the CSV export (audited), the supervisor's
// views (today, follow-ups, stale drafts) with the follow-up "done" mark, and the statistics.
//
// Coded fields only: nothing here opens a sealed column, so a list, an export or a figure can never
// carry a summary, a caller identifier or a safety plan.
#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>
#include <map>

#include "api/async.h"
#include "api/encode.h"
#include "api/keyset.h"
#include "api/routes.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "domain/time.h"
#include "store/contact_queries.h"
#include "store/contact_stats.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kExportPageSize = 2000;
// An export is built in memory one page at a time; past this many rows, narrow the filters.
constexpr std::int64_t kMaxExportRows = 1000000;
constexpr std::int32_t kSupervisionLimit = 500;
constexpr std::int64_t kMaxStatsDays = std::int64_t{20} * 366;

template <class Int>
bool parseInt(std::string_view text, Int& out) {
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && !text.empty();
}

// The cursor's key: "<started_at>:<id>" (as before this file).
std::string encodeCursor(const domain::Contact& last) {
  return encodeCursorKey(std::to_string(last.data.started_at) + ":" + last.id);
}

Result<store::ContactCursor> decodeCursor(std::string_view text) {
  auto raw = decodeCursorKey(text);
  if (!raw) {
    return tl::unexpected(raw.error());
  }
  const auto colon = raw->find(':');
  if (colon == std::string::npos || colon == 0 ||
      !domain::isIdShaped(std::string_view(*raw).substr(colon + 1))) {
    return invalidCursor();
  }
  store::ContactCursor cursor;
  if (!parseInt(std::string_view(*raw).substr(0, colon), cursor.started_at)) {
    return invalidCursor();
  }
  cursor.id = raw->substr(colon + 1);
  return cursor;
}

// A code of list `list` into `out`; 400 naming `key` when it is not one.
domain::Status codeParam(std::string_view key, const std::string& value, std::string_view list,
                         std::string& out) {
  const domain::CodeList* codes = domain::findCodeList(list);
  if (codes == nullptr || !codes->contains(value)) {
    return domain::invalidField(std::string(key),
                                "This is not a known code. Pick one from the list.");
  }
  out = value;
  return {};
}

// The filter parameters every contact list and the export share. Returns false when `key` is not
// one of them.
Result<bool> applyFilterParam(const std::string& key, const std::string& value,
                              store::ContactFilter& f) {
  static const std::map<
      std::string, std::pair<std::string_view, std::string store::ContactFilter::*>, std::less<>>
      kCodeParams = {
          {"channel", {"channel", &store::ContactFilter::channel}},
          {"kind", {"contact_kind", &store::ContactFilter::kind}},
          {"category", {"category", &store::ContactFilter::category}},
          {"caller_type", {"caller_type", &store::ContactFilter::caller_type}},
          {"caller_country", {"country", &store::ContactFilter::caller_country}},
          {"destination_country", {"country", &store::ContactFilter::destination_country}},
          {"exploitation", {"exploitation", &store::ContactFilter::exploitation}},
          {"outcome", {"outcome", &store::ContactFilter::outcome}},
      };
  if (auto it = kCodeParams.find(key); it != kCodeParams.end()) {
    if (auto s = codeParam(key, value, it->second.first, f.*(it->second.second)); !s) {
      return tl::unexpected(s.error());
    }
    return true;
  }
  if (key == "from" || key == "to") {
    auto t = domain::parseRfc3339(value, key);
    if (!t) {
      return tl::unexpected(t.error());
    }
    (key == "from" ? f.from : f.to) = *t;
  } else if (key == "status") {
    if (value == "any") {
      f.status.clear();
    } else if (value == domain::kStatusDraft || value == domain::kStatusFinal) {
      f.status = value;
    } else {
      return domain::invalidField("status", "Use draft, final or any.");
    }
  } else if (key == "consultant") {
    if (!domain::isIdShaped(value)) {
      return domain::invalidField("consultant", "This is not a user id.");
    }
    f.consultant = value;
  } else if (key == "follow_up") {
    if (value == "due") {
      f.follow_up = store::FollowUpFilter::kDue;
    } else if (value == "overdue") {
      f.follow_up = store::FollowUpFilter::kOverdue;
    } else if (value == "open") {
      f.follow_up = store::FollowUpFilter::kOpen;
    } else if (value == "none") {
      f.follow_up = store::FollowUpFilter::kNone;
    } else {
      return domain::invalidField("follow_up", "Use due, overdue, open or none.");
    }
  } else if (key == "imminent_danger") {
    if (value == "true") {
      f.imminent_danger = true;
    } else if (value == "false") {
      f.imminent_danger = false;
    } else {
      return domain::invalidField("imminent_danger", "Use true or false.");
    }
  } else {
    return false;
  }
  return true;
}

domain::Status checkPeriod(const store::ContactFilter& f) {
  if (f.from && f.to && *f.from >= *f.to) {
    return domain::invalidField("to", "The end of the period must come after its start.");
  }
  return {};
}

Result<store::ContactFilter> decodeListQuery(const http::Request& req,
                                             const policy::Principal& who) {
  store::ContactFilter f;
  f.org_id = who.org_id;
  f.limit = kDefaultPageSize;
  f.now = domain::nowMillis();
  // Without a status: final contacts and one's own drafts (as the list always showed); another
  // consultant's draft is theirs until it is finished.
  f.status.clear();
  f.drafts_of = who.user_id;
  for (const auto& [key, value] : req.query) {
    auto known = applyFilterParam(key, value, f);
    if (!known) {
      return tl::unexpected(known.error());
    }
    if (*known) {
      continue;
    }
    if (key == "limit") {
      auto n = decodePageSize(value);
      if (!n) {
        return tl::unexpected(n.error());
      }
      f.limit = *n;
    } else if (key == "cursor") {
      auto c = decodeCursor(value);
      if (!c) {
        return tl::unexpected(c.error());
      }
      f.after = std::move(*c);
    } else {
      return domain::invalidField(key.substr(0, 64),
                                  "This parameter is not known here. Remove it.");
    }
  }
  if (auto s = checkPeriod(f); !s) {
    return tl::unexpected(s.error());
  }
  return f;
}

awaitable<http::Response> listContacts(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto filter = decodeListQuery(req, who);
  if (!filter) {
    co_return errorResponse(req, filter.error());
  }
  auto page = co_await readKeysetPage(ctx.db, std::move(*filter), &store::searchContacts);
  if (!page) {
    co_return errorResponse(req, page.error());
  }
  boost::json::array items;
  items.reserve(page->rows.size());
  for (const auto& c : page->rows) {
    items.emplace_back(encodeContact(c, false));
  }
  std::optional<std::string> next_cursor;
  if (page->more) {
    next_cursor = encodeCursor(page->rows.back());
  }
  co_return http::Response::json(200, keysetPageBody(std::move(items), std::move(next_cursor)));
}

// --- CSV export ---

// RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with "'".
void appendCell(std::string& out, std::string_view value) {
  const bool formula = !value.empty() && (value.front() == '=' || value.front() == '+' ||
                                          value.front() == '-' || value.front() == '@');
  const bool quote = formula || value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out += value;
    return;
  }
  out += '"';
  if (formula) {
    out += '\'';
  }
  for (char c : value) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
}

std::string joinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) {
      out += ';';
    }
    out += c;
  }
  return out;
}

std::string optionalTime(const std::optional<domain::UnixMillis>& t) {
  return t ? domain::formatRfc3339(*t) : std::string();
}

constexpr std::array<std::string_view, 28> kCsvColumns = {"id",
                                                          "started_at",
                                                          "status",
                                                          "kind",
                                                          "non_data_type",
                                                          "channel",
                                                          "duration_s",
                                                          "category",
                                                          "caller_type",
                                                          "anonymous",
                                                          "caller_gender",
                                                          "caller_age_band",
                                                          "language",
                                                          "caller_country",
                                                          "destination_country",
                                                          "exploitation",
                                                          "industry",
                                                          "indicators",
                                                          "imminent_danger",
                                                          "assistance",
                                                          "outcome",
                                                          "follow_up_needed",
                                                          "follow_up_due",
                                                          "follow_up_done_at",
                                                          "created_by",
                                                          "created_at",
                                                          "finalised_at",
                                                          "code_version"};

// Coded fields only: never summary, caller identifier, region (free text) or safety plan.
void appendCsvRow(std::string& out, const domain::Contact& c) {
  const auto& d = c.data;
  const bool data = d.kind != domain::kKindNonData;
  const auto flag = [](bool b) { return b ? std::string("true") : std::string("false"); };
  const std::array<std::string, kCsvColumns.size()> cells = {
      c.id,
      domain::formatRfc3339(d.started_at),
      d.status,
      d.kind,
      data ? std::string() : d.non_data_type,
      d.channel,
      std::to_string(d.duration_s),
      data ? d.category : std::string(),
      data ? d.caller_type : std::string(),
      data ? flag(d.anonymous) : std::string(),
      data ? d.caller_gender : std::string(),
      data ? d.caller_age_band : std::string(),
      data ? d.language : std::string(),
      data ? d.caller_country : std::string(),
      data ? d.destination_country : std::string(),
      joinCodes(d.exploitation),
      joinCodes(d.industry),
      joinCodes(d.indicators),
      data ? flag(d.imminent_danger) : std::string(),
      joinCodes(d.assistance),
      data ? d.outcome : std::string(),
      data ? flag(d.follow_up_needed) : std::string(),
      optionalTime(d.follow_up_due),
      optionalTime(c.follow_up_done_at),
      c.created_by,
      domain::formatRfc3339(c.created_at),
      optionalTime(c.finalised_at),
      c.code_version};
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i != 0) {
      out += ',';
    }
    appendCell(out, cells[i]);
  }
  out += "\r\n";
}

Result<store::ContactFilter> decodeExportQuery(const http::Request& req,
                                               const policy::Principal& who) {
  store::ContactFilter f;
  f.org_id = who.org_id;
  f.now = domain::nowMillis();
  for (const auto& [key, value] : req.query) {
    auto known = applyFilterParam(key, value, f);
    if (!known) {
      return tl::unexpected(known.error());
    }
    if (!*known) {
      return domain::invalidField(key.substr(0, 64),
                                  "This parameter is not known here. Remove it.");
    }
  }
  if (auto s = checkPeriod(f); !s) {
    return tl::unexpected(s.error());
  }
  return f;
}

awaitable<http::Response> exportContacts(ApiContext& ctx, http::Request& req,
                                         const policy::Principal& who) {
  auto filter = decodeExportQuery(req, who);
  if (!filter) {
    co_return errorResponse(req, filter.error());
  }
  // Page by page (keyset), so only the CSV text itself is ever held: never every row's structs,
  // and never one huge result set in libpq's buffer.
  std::string csv;
  for (std::size_t i = 0; i < kCsvColumns.size(); ++i) {
    csv += (i == 0 ? "" : ",");
    csv += kCsvColumns[i];
  }
  csv += "\r\n";
  std::int64_t rows = 0;
  store::ContactFilter f = *filter;
  f.limit = kExportPageSize;
  for (;;) {
    auto page_job = [f](soci::session& sql) { return store::searchContacts(sql, f); };
    auto page =
        co_await awaitRead<Result<std::vector<domain::Contact>>>(ctx.db, std::move(page_job));
    if (!page) {
      co_return errorResponse(req, page.error());
    }
    for (const auto& c : *page) {
      appendCsvRow(csv, c);
    }
    rows += static_cast<std::int64_t>(page->size());
    if (page->size() < static_cast<std::size_t>(kExportPageSize)) {
      break;
    }
    if (rows >= kMaxExportRows) {
      co_return errorResponse(
          req, domain::Error{domain::ErrorCode::kInvalidArgument,
                             "This export has more than a million rows. Choose a shorter period.",
                             "from", ""});
    }
    f.after = store::ContactCursor{page->back().data.started_at, page->back().id};
  }
  // The export is recorded before any of it leaves.
  store::WriteJob record = [who, rows, rid = req.request_id](store::WriteContext& w) {
    return w.audit({who.user_id, who.org_id, "contact.export", "contacts",
                    "rows:" + std::to_string(rows), rid});
  };
  auto audited = co_await awaitWrite(ctx.db, std::move(record));
  if (!audited) {
    co_return errorResponse(req, audited.error());
  }
  auto response = http::Response::text(200, "text/csv; charset=utf-8", std::move(csv));
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"strada-contacts.csv\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Strada-Rows", std::to_string(rows));
  co_return response;
}

// --- supervision ---

boost::json::object itemsBody(const std::vector<domain::Contact>& contacts,
                              domain::UnixMillis now) {
  boost::json::array items;
  items.reserve(contacts.size());
  for (const auto& c : contacts) {
    boost::json::object o = encodeContact(c, false);
    if (c.data.follow_up_needed && !c.follow_up_done_at && c.data.follow_up_due) {
      o["follow_up_state"] = *c.data.follow_up_due < now ? "overdue" : "due";
    }
    items.emplace_back(std::move(o));
  }
  return {{"items", std::move(items)}};
}

domain::Status onlyParams(const http::Request& req, std::initializer_list<std::string_view> keys) {
  for (const auto& [key, value] : req.query) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      return domain::invalidField(key.substr(0, 64),
                                  "This parameter is not known here. Remove it.");
    }
  }
  return {};
}

awaitable<http::Response> supervisionToday(ApiContext& ctx, http::Request& req,
                                           const policy::Principal& who) {
  if (auto s = onlyParams(req, {"tz_offset_minutes"}); !s) {
    co_return errorResponse(req, s.error());
  }
  std::int32_t offset = 0;  // minutes east of UTC (+60 in Amsterdam in winter)
  if (auto v = req.queryParam("tz_offset_minutes")) {
    if (!parseInt(*v, offset) || offset < -14 * 60 || offset > 14 * 60) {
      co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                                 "Use an offset between -840 and 840 minutes.",
                                                 "tz_offset_minutes", ""});
    }
  }
  const domain::UnixMillis now = domain::nowMillis();
  const domain::UnixMillis shift = static_cast<domain::UnixMillis>(offset) * 60000;
  const domain::UnixMillis start =
      store::dayOf(now + shift) * store::kMillisPerDay - shift;  // local midnight, in UTC
  store::ContactFilter f;
  f.org_id = who.org_id;
  f.status.clear();  // drafts too: the shift's work in progress
  f.from = start;
  f.to = start + store::kMillisPerDay;
  f.limit = kSupervisionLimit;
  auto search = [f](soci::session& sql) { return store::searchContacts(sql, f); };
  auto rows = co_await awaitRead<Result<std::vector<domain::Contact>>>(ctx.db, std::move(search));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  boost::json::object body = itemsBody(*rows, now);
  body["from"] = domain::formatRfc3339(start);
  body["to"] = domain::formatRfc3339(start + store::kMillisPerDay);
  co_return http::Response::json(200, body);
}

awaitable<http::Response> supervisionFollowUps(ApiContext& ctx, http::Request& req,
                                               const policy::Principal& who) {
  if (auto s = onlyParams(req, {}); !s) {
    co_return errorResponse(req, s.error());
  }
  auto list = [org = who.org_id](soci::session& sql) {
    return store::listOpenFollowUps(sql, org, kSupervisionLimit);
  };
  auto rows = co_await awaitRead<Result<std::vector<domain::Contact>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  co_return http::Response::json(200, itemsBody(*rows, domain::nowMillis()));
}

awaitable<http::Response> supervisionStaleDrafts(ApiContext& ctx, http::Request& req,
                                                 const policy::Principal& who) {
  if (auto s = onlyParams(req, {"older_than_hours"}); !s) {
    co_return errorResponse(req, s.error());
  }
  std::int32_t hours = 4;
  if (auto v = req.queryParam("older_than_hours")) {
    if (!parseInt(*v, hours) || hours < 0 || hours > 24 * 90) {
      co_return errorResponse(
          req, domain::Error{domain::ErrorCode::kInvalidArgument,
                             "Use a number of hours between 0 and 2160.", "older_than_hours", ""});
    }
  }
  const domain::UnixMillis now = domain::nowMillis();
  const domain::UnixMillis before = now - static_cast<domain::UnixMillis>(hours) * 3600000;
  auto list = [org = who.org_id, before](soci::session& sql) {
    return store::listStaleDrafts(sql, org, before, kSupervisionLimit);
  };
  auto rows = co_await awaitRead<Result<std::vector<domain::Contact>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return errorResponse(req, rows.error());
  }
  boost::json::object body = itemsBody(*rows, now);
  body["older_than_hours"] = hours;
  co_return http::Response::json(200, body);
}

awaitable<http::Response> followUpDone(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(
        req, domain::Error{domain::ErrorCode::kNotFound, "No such contact.", "", ""});
  }
  store::WriteJob job = [who, id, rid = req.request_id](store::WriteContext& w) -> domain::Status {
    if (auto s = store::markFollowUpDone(w, who.org_id, id); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "contact.follow_up_done", "contact", id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(job));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::noContent();
}

// --- statistics ---

using domain::civilFromDays;
using domain::daysFromCivil;

std::string twoDigits(unsigned v) { return (v < 10 ? "0" : "") + std::to_string(v); }

enum class Granularity { kDay, kWeek, kMonth, kYear };

// The label of the period holding `day`: "2026-11-30", "2026-W48" (ISO week), "2026-11", "2026".
std::string periodOf(std::int64_t day, Granularity g) {
  if (g == Granularity::kWeek) {
    const std::int64_t weekday = ((day + 3) % 7 + 7) % 7;  // Monday 0; 1970-01-01 was a Thursday
    const std::int64_t thursday = day - weekday + 3;       // its week's ISO year is Thursday's
    const domain::CivilDate t = civilFromDays(thursday);
    const std::int64_t week = (thursday - daysFromCivil(t.y, 1, 1)) / 7 + 1;
    return std::to_string(t.y) + "-W" + twoDigits(static_cast<unsigned>(week));
  }
  const domain::CivilDate c = civilFromDays(day);
  switch (g) {
    case Granularity::kDay:
      return std::to_string(c.y) + "-" + twoDigits(c.m) + "-" + twoDigits(c.d);
    case Granularity::kMonth:
      return std::to_string(c.y) + "-" + twoDigits(c.m);
    default:
      return std::to_string(c.y);
  }
}

// "YYYY-MM-DD" -> days since 1970-01-01.
Result<std::int64_t> parseDay(std::string_view text, const char* field) {
  const auto bad = [field] {
    return domain::invalidField(field, "Use a date written as YYYY-MM-DD.");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return bad();
  }
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  if (!parseInt(text.substr(0, 4), y) || !parseInt(text.substr(5, 2), m) ||
      !parseInt(text.substr(8, 2), d) || y < 2000 || y > 2999 || m < 1 || m > 12 || d < 1) {
    return bad();
  }
  const std::int64_t day = daysFromCivil(y, m, d);
  if (civilFromDays(day).d != d) {  // 2026-02-30
    return bad();
  }
  return day;
}

constexpr std::array<std::string_view, 7> kBreakdowns = {
    "category",     "caller_type",   "channel", "destination_country",
    "exploitation", "non_data_type", "outcome"};

awaitable<http::Response> contactStats(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  if (auto s = onlyParams(req, {"from", "to", "granularity"}); !s) {
    co_return errorResponse(req, s.error());
  }
  const std::int64_t today = store::dayOf(domain::nowMillis());
  std::int64_t from_day = today - 364;
  std::int64_t to_day = today;
  Granularity g = Granularity::kMonth;
  if (auto v = req.queryParam("from")) {
    auto d = parseDay(*v, "from");
    if (!d) {
      co_return errorResponse(req, d.error());
    }
    from_day = *d;
  }
  if (auto v = req.queryParam("to")) {
    auto d = parseDay(*v, "to");
    if (!d) {
      co_return errorResponse(req, d.error());
    }
    to_day = *d;
  }
  if (auto v = req.queryParam("granularity")) {
    if (*v == "day") {
      g = Granularity::kDay;
    } else if (*v == "week") {
      g = Granularity::kWeek;
    } else if (*v == "month") {
      g = Granularity::kMonth;
    } else if (*v == "year") {
      g = Granularity::kYear;
    } else {
      co_return errorResponse(
          req, domain::Error{domain::ErrorCode::kInvalidArgument, "Use day, week, month or year.",
                             "granularity", ""});
    }
  }
  if (to_day < from_day) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kInvalidArgument,
                                               "The end of the period must not come before its "
                                               "start.",
                                               "to", ""});
  }
  if (to_day - from_day >= kMaxStatsDays) {
    co_return errorResponse(req,
                            domain::Error{domain::ErrorCode::kInvalidArgument,
                                          "Choose a period of at most twenty years.", "from", ""});
  }
  struct Figures {
    std::vector<store::StatsCell> per_day;
    std::vector<store::StatsCell> breakdowns;
  };
  // Months and years are sums of whole months: those come from the monthly rollup.
  const store::StatsSeriesUnit unit = g == Granularity::kMonth || g == Granularity::kYear
                                          ? store::StatsSeriesUnit::kMonth
                                          : store::StatsSeriesUnit::kDay;
  auto job = [org = who.org_id, from_day, to_day, unit](soci::session& sql) -> Result<Figures> {
    auto per_day = store::statsSeries(sql, org, from_day, to_day, unit);
    if (!per_day) {
      return tl::unexpected(per_day.error());
    }
    auto breakdowns = store::statsBreakdowns(sql, org, from_day, to_day);
    if (!breakdowns) {
      return tl::unexpected(breakdowns.error());
    }
    return Figures{std::move(*per_day), std::move(*breakdowns)};
  };
  auto figures = co_await awaitRead<Result<Figures>>(ctx.db, std::move(job));
  if (!figures) {
    co_return errorResponse(req, figures.error());
  }
  // Every period of the range, in order, zero when nothing was counted.
  struct Period {
    std::string label;
    std::int64_t total = 0, data = 0, non_data = 0;
  };
  std::vector<Period> periods;
  std::map<std::int64_t, std::size_t> period_of_day;
  for (std::int64_t day = from_day; day <= to_day; ++day) {
    std::string label = periodOf(day, g);
    if (periods.empty() || periods.back().label != label) {
      periods.push_back(Period{std::move(label)});
    }
    period_of_day[day] = periods.size() - 1;
  }
  for (const auto& cell : figures->per_day) {
    auto it = period_of_day.find(cell.day);
    if (it == period_of_day.end()) {
      continue;
    }
    Period& p = periods[it->second];
    if (cell.dimension == "total") {
      p.total += cell.n;
    } else if (cell.code == domain::kKindData) {
      p.data += cell.n;
    } else if (cell.code == domain::kKindNonData) {
      p.non_data += cell.n;
    }
  }
  boost::json::array series;
  series.reserve(periods.size());
  for (const auto& p : periods) {
    series.push_back(boost::json::object{
        {"period", p.label}, {"total", p.total}, {"data", p.data}, {"non_data", p.non_data}});
  }
  boost::json::object breakdowns;
  for (std::string_view name : kBreakdowns) {
    breakdowns[name] = boost::json::array();
  }
  for (const auto& cell : figures->breakdowns) {
    if (auto* list = breakdowns.if_contains(cell.dimension)) {
      list->as_array().push_back(boost::json::object{{"code", cell.code}, {"n", cell.n}});
    }
  }
  const char* granularity_name = g == Granularity::kDay     ? "day"
                                 : g == Granularity::kWeek  ? "week"
                                 : g == Granularity::kMonth ? "month"
                                                            : "year";
  boost::json::object body{{"from", periodOf(from_day, Granularity::kDay)},
                           {"to", periodOf(to_day, Granularity::kDay)},
                           {"granularity", granularity_name},
                           {"series", std::move(series)},
                           {"breakdowns", std::move(breakdowns)},
                           {"not_collected", boost::json::array()}};
  co_return http::Response::json(200, body);
}

}  // namespace

void registerContactListRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  const auto add = [&routes, &ctx](const char* method, const char* pattern,
                                   policy::Permission permission, auto handler) {
    routes.route(method, pattern, permission,
                 [&ctx, handler](http::Request& req, const policy::Principal& who) {
                   return handler(ctx, req, who);
                 });
  };
  add("GET", "/api/v1/contacts", policy::Permission::kContactList, listContacts);
  add("GET", "/api/v1/contacts/export.csv", policy::Permission::kContactExport, exportContacts);
  add("POST", "/api/v1/contacts/{id}/follow-up-done", policy::Permission::kSupervise, followUpDone);
  add("GET", "/api/v1/supervision/today", policy::Permission::kSupervisionRead, supervisionToday);
  add("GET", "/api/v1/supervision/follow-ups", policy::Permission::kSupervisionRead,
      supervisionFollowUps);
  add("GET", "/api/v1/supervision/stale-drafts", policy::Permission::kSupervisionRead,
      supervisionStaleDrafts);
  add("GET", "/api/v1/stats/contacts", policy::Permission::kStatsRead, contactStats);
}

}  // namespace strada::api
