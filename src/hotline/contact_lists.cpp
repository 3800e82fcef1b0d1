#include "hotline/contact_lists.h"

#include <algorithm>
#include <utility>

#include "domain/codes.h"
#include "hotline/use_case_steps.h"
#include "store/repositories.h"

namespace strada::hotline {
namespace {

constexpr std::int32_t kExportPageSize = 2000;
constexpr std::int32_t kMaxUtcOffsetMinutes = 14 * 60;

// The draft rule of a single read, as the store applies it in SQL. A principal without a user id
// (never one from HTTP) sees no one's drafts.
std::string draftsOf(const policy::Principal& who) {
  auto only = policy::draftsVisibleOnlyOf(who);
  if (!only) {
    return {};
  }
  return only->empty() ? std::string("-") : *only;
}

// "rows=25;filters=category,from": a list's audit object id.
std::string listSummary(std::size_t rows, const store::ContactFilter& filter) {
  return "rows=" + std::to_string(rows) + ";filters=" + filterNames(filter);
}

// The organisation's country and languages, and its users' names: what an export shows beside
// its codes.
struct ExportPeople {
  std::string org_country;
  std::vector<std::string> org_languages;
  std::map<std::string, std::string> user_names;
};

// The zone of the export's local times: a named zone, a fixed offset, or the main zone of the
// organisation's country (UTC when there is none).
Result<TimeZone> exportZone(const ExportQuery& query, const std::string& org_country) {
  if (!query.time_zone.empty() && query.utc_offset_minutes) {
    return domain::invalidField("tz", "Give tz or tz_offset_minutes, not both.");
  }
  if (!query.time_zone.empty()) {
    return TimeZone::load(query.time_zone, zoneinfoDir());
  }
  if (query.utc_offset_minutes) {
    const std::int32_t offset = *query.utc_offset_minutes;
    if (offset < -kMaxUtcOffsetMinutes || offset > kMaxUtcOffsetMinutes) {
      return domain::invalidField("tz_offset_minutes",
                                  "Use an offset between -840 and 840 minutes.");
    }
    return TimeZone::fixed(offset);
  }
  const std::string main_zone = mainZoneOfCountry(org_country, zoneinfoDir());
  auto zone = TimeZone::load(main_zone, zoneinfoDir());
  return zone ? std::move(*zone) : TimeZone::fixed(0);
}

// The export's label language and zone, resolved against the organisation.
Result<ExportSetting> exportSetting(const ExportQuery& query, const ExportPeople& people) {
  const std::vector<std::string>& org_languages = people.org_languages;
  const auto labelled = [](std::string_view lang) {
    return std::find(domain::kLabelLanguages.begin(), domain::kLabelLanguages.end(), lang) !=
           domain::kLabelLanguages.end();
  };
  ExportSetting setting;
  if (!query.language.empty()) {
    if (!labelled(query.language)) {
      return domain::invalidField(
          "lang", "Labels exist in en, nl, ro, bg, ar, cs, pl, uk and ru. Pick one of those.");
    }
    setting.language = query.language;
  } else {
    auto first = std::find_if(org_languages.begin(), org_languages.end(), labelled);
    setting.language = first != org_languages.end() ? *first : std::string("en");
  }
  auto zone = exportZone(query, people.org_country);
  if (!zone) {
    return tl::unexpected(zone.error());
  }
  setting.zone = std::move(*zone);
  return setting;
}

Result<ExportPeople> loadExportPeople(soci::session& sql, const std::string& org_id) {
  ExportPeople people;
  auto org = store::findOrganisationById(sql, org_id);
  if (!org) {
    return tl::unexpected(org.error());
  }
  if (org->has_value()) {
    people.org_languages = (*org)->languages;
    people.org_country = (*org)->country;
  }
  auto users = store::listOrganisationUsers(sql, org_id);
  if (!users) {
    return tl::unexpected(users.error());
  }
  for (auto& u : *users) {
    people.user_names.emplace(std::move(u.id), std::move(u.name));
  }
  return people;
}

}  // namespace

std::string filterNames(const store::ContactFilter& f, std::string_view default_status) {
  const std::pair<const char*, bool> filters[] = {
      {"from", f.from.has_value()},
      {"to", f.to.has_value()},
      {"status", f.status != default_status},
      {"consultant", !f.consultant.empty()},
      {"channel", !f.channel.empty()},
      {"kind", !f.kind.empty()},
      {"category", !f.category.empty()},
      {"caller_type", !f.caller_type.empty()},
      {"caller_country", !f.caller_country.empty()},
      {"destination_country", !f.destination_country.empty()},
      {"exploitation", !f.exploitation.empty()},
      {"outcome", !f.outcome.empty()},
      {"follow_up", f.follow_up != store::FollowUpFilter::kAny},
      {"imminent_danger", f.imminent_danger.has_value()},
  };
  std::string names;
  for (const auto& [name, set] : filters) {
    if (set) {
      names += names.empty() ? "" : ",";
      names += name;
    }
  }
  return names;
}

awaitable<Result<ContactListPage>> listContacts(Context ctx, Actor actor,
                                                store::ContactFilter filter) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kContactList); !may) {
    co_return tl::unexpected(may.error());
  }
  filter.org_id = who.org_id;
  filter.now = ctx.clock();
  filter.drafts_of = draftsOf(who);
  // One row more than the page: it tells whether a next page exists.
  const std::int32_t page_size = filter.limit;
  store::ContactFilter ask = filter;
  ask.limit = page_size + 1;
  auto search = [ask](soci::session& sql) { return store::searchContacts(sql, ask); };
  auto rows =
      co_await store::awaitRead<Result<std::vector<domain::Contact>>>(ctx.db, std::move(search));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  ContactListPage page{std::move(*rows), false};
  page.more = cutToPage(page.rows, static_cast<std::size_t>(page_size));
  // The page is recorded before any of it is shown.
  auto entry = actor.entry(AuditAction::kContactList, listSummary(page.rows.size(), filter));
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return page;
}

awaitable<Result<std::int64_t>> exportContacts(Context ctx, Actor actor, ExportQuery query,
                                               ExportPageSink sink) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kContactExport); !may) {
    co_return tl::unexpected(may.error());
  }
  auto load = [org = who.org_id](soci::session& sql) { return loadExportPeople(sql, org); };
  auto people = co_await store::awaitRead<Result<ExportPeople>>(ctx.db, std::move(load));
  if (!people) {
    co_return tl::unexpected(people.error());
  }
  auto setting = exportSetting(query, *people);
  if (!setting) {
    co_return tl::unexpected(setting.error());
  }
  setting->user_names = std::move(people->user_names);
  store::ContactFilter f = std::move(query.filter);
  f.org_id = who.org_id;
  f.now = ctx.clock();
  f.drafts_of = draftsOf(who);
  f.limit = kExportPageSize;
  f.after.reset();
  const std::string summary_filters = filterNames(f, domain::kStatusFinal);
  std::int64_t rows = 0;
  // Page by page (keyset): never one huge result set in libpq's buffer.
  for (;;) {
    auto page_job = [f](soci::session& sql) { return store::searchContacts(sql, f); };
    auto page = co_await store::awaitRead<Result<std::vector<domain::Contact>>>(
        ctx.db, std::move(page_job));
    if (!page) {
      co_return tl::unexpected(page.error());
    }
    sink(*setting, *page);
    rows += static_cast<std::int64_t>(page->size());
    if (page->size() < static_cast<std::size_t>(kExportPageSize)) {
      break;
    }
    if (rows >= kMaxExportRows) {
      co_return domain::invalidField(
          "from", "This export has more than a million rows. Choose a shorter period.");
    }
    f.after = store::ContactCursor{page->back().data.started_at, page->back().id};
  }
  // The export is recorded before any of it leaves.
  auto entry = actor.entry(AuditAction::kContactExport,
                           "rows=" + std::to_string(rows) + ";filters=" + summary_filters);
  if (auto audited = co_await recordAudit(ctx, std::move(entry)); !audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return rows;
}

}  // namespace strada::hotline
