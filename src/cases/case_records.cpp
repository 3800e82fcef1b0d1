#include "cases/case_records.h"

#include <algorithm>
#include <utility>

#include "cases/client_records.h"
#include "domain/codes.h"
#include "hotline/contact_records.h"
#include "store/async.h"
#include "store/case_repository.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr domain::UnixMillis kMillisPerDay = 86'400'000;

struct CaseDetail {
  std::vector<store::CaseHistoryEntry> history;
  std::vector<std::string> contacts;
  std::map<std::string, std::string> names;
  std::optional<store::CaseTransferRow> transfer;
  MergeRefs merges;
};

Result<CaseDetail> readDetail(soci::session& sql, const std::string& org_id,
                              const std::string& case_id, const store::ClientRow& client) {
  CaseDetail d;
  auto merges = readMergeRefs(sql, org_id, client.client.id, client.merged_into);
  if (!merges) {
    return tl::unexpected(merges.error());
  }
  d.merges = std::move(*merges);
  auto history = store::listCaseHistory(sql, case_id);
  if (!history) {
    return tl::unexpected(history.error());
  }
  d.history = std::move(*history);
  auto contacts = store::listCaseContacts(sql, case_id);
  if (!contacts) {
    return tl::unexpected(contacts.error());
  }
  for (const auto& c : *contacts) {
    d.contacts.push_back(c.contact_id);
  }
  auto names = userNames(sql, org_id);
  if (!names) {
    return tl::unexpected(names.error());
  }
  d.names = std::move(*names);
  if (auto transfer = store::pendingCaseTransfer(sql, case_id); transfer) {
    d.transfer = std::move(*transfer);
  } else {
    return tl::unexpected(transfer.error());
  }
  return d;
}

domain::Status mayUse(const policy::Principal& who, const policy::CaseAccessFacts& facts,
                      CaseUse use) {
  switch (use) {
    case CaseUse::kExist:
      return {};
    case CaseUse::kSee:
      return policy::requireCaseVisible(who, facts);
    case CaseUse::kWork:
      return policy::requireCaseWorkable(who, facts);
    case CaseUse::kAssign:
      return policy::requireMayAssign(who, facts);
  }
  return domain::internalError("a case use without its rule");
}

// The record `id` that `load` loads (a case or a client, with its access facts), when the actor
// holds `permission` and may use it as `use` says.
template <class Loaded>
awaitable<Result<Loaded>> allowed(Context ctx, const Actor& actor, std::string id,
                                  policy::Permission permission, CaseUse use,
                                  awaitable<Result<Loaded>> (*load)(Context, policy::Principal,
                                                                    std::string)) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, permission); !may) {
    co_return tl::unexpected(may.error());
  }
  auto loaded = co_await load(std::move(ctx), who, std::move(id));
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (auto may = mayUse(who, loaded->facts, use); !may) {
    co_return tl::unexpected(may.error());
  }
  co_return std::move(*loaded);
}

}  // namespace

awaitable<Result<LoadedCase>> loadCase(Context ctx, policy::Principal who, std::string id) {
  const domain::UnixMillis now = ctx.clock();
  auto job = [id, who, now](soci::session& sql) -> Result<LoadedCase> {
    auto kase = store::findCase(sql, id);
    if (!kase) {
      return tl::unexpected(kase.error());
    }
    if (!kase->has_value() || (*kase)->org_id != who.org_id) {
      return tl::unexpected(recordNotFound());
    }
    auto client = store::findClient(sql, (*kase)->client_id);
    if (!client) {
      return tl::unexpected(client.error());
    }
    if (!client->has_value()) {
      return domain::internalError("a case names a missing client");
    }
    auto glass = store::hasBreakGlass(sql, id, who.user_id, now);
    if (!glass) {
      return tl::unexpected(glass.error());
    }
    LoadedCase loaded{std::move(**kase), std::move(**client), {}};
    loaded.facts = caseFacts(loaded.kase, loaded.client.client.created_by, *glass);
    return loaded;
  };
  co_return co_await store::awaitRead<Result<LoadedCase>>(ctx.db, std::move(job));
}

awaitable<Result<CaseView>> viewCase(Context ctx, LoadedCase loaded, policy::CaseAccess access) {
  auto job = [org = loaded.kase.org_id, id = loaded.kase.id, client = loaded.client](
                 soci::session& sql) { return readDetail(sql, org, id, client); };
  auto detail = co_await store::awaitRead<Result<CaseDetail>>(ctx.db, std::move(job));
  if (!detail) {
    co_return tl::unexpected(detail.error());
  }
  CaseView view;
  if (access == policy::CaseAccess::kFull && !loaded.client.wrapped_key.empty()) {
    if (auto opened = openPerson(ctx.vault, loaded.client); !opened) {
      co_return tl::unexpected(opened.error());
    }
    view.person_visible = true;
  }
  if (access == policy::CaseAccess::kFull) {
    view.transfer = std::move(detail->transfer);
  }
  view.kase = std::move(loaded.kase);
  view.client = std::move(loaded.client.client);
  view.history = std::move(detail->history);
  view.linked_contacts = std::move(detail->contacts);
  view.names = std::move(detail->names);
  view.merges = std::move(detail->merges);
  co_return view;
}

awaitable<Result<LoadedCase>> allowedCase(Context ctx, const Actor& actor, std::string case_id,
                                          policy::Permission permission, CaseUse use) {
  co_return co_await allowed(std::move(ctx), actor, std::move(case_id), permission, use, loadCase);
}

awaitable<Result<LoadedClient>> allowedClient(Context ctx, const Actor& actor,
                                              std::string client_id, policy::Permission permission,
                                              CaseUse use) {
  co_return co_await allowed(std::move(ctx), actor, std::move(client_id), permission, use,
                             loadClient);
}

Result<std::map<std::string, std::string>> userNames(soci::session& sql,
                                                     const std::string& org_id) {
  auto users = store::listOrganisationUsers(sql, org_id);
  if (!users) {
    return tl::unexpected(users.error());
  }
  std::map<std::string, std::string> names;
  for (const auto& u : *users) {
    names[u.id] = u.name;
  }
  return names;
}

awaitable<Result<std::vector<store::UserListing>>> readUsers(Context ctx, std::string org_id) {
  auto job = [org_id](soci::session& sql) { return store::listOrganisationUsers(sql, org_id); };
  co_return co_await store::awaitRead<Result<std::vector<store::UserListing>>>(ctx.db,
                                                                               std::move(job));
}

bool isCaseWorkerAmong(const std::vector<store::UserListing>& users, std::string_view user_id) {
  return std::any_of(users.begin(), users.end(), [&](const store::UserListing& u) {
    return u.id == user_id && u.active &&
           std::any_of(u.roles.begin(), u.roles.end(), [](domain::Role r) {
             return r == domain::Role::kCaseWorker || r == domain::Role::kSupervisor;
           });
  });
}

awaitable<domain::Status> checkAgency(Context ctx, std::string org_id, std::string agency_id,
                                      std::string field) {
  if (agency_id.empty()) {
    co_return domain::Status{};
  }
  std::vector<std::string> ids;
  ids.push_back(std::move(agency_id));
  auto checked = co_await hotline::checkReferralAgencies(ctx, std::move(org_id), std::move(ids));
  if (!checked) {
    co_return domain::invalidField(std::move(field),
                                   "Choose an agency of your organisation's directory.");
  }
  co_return domain::Status{};
}

std::string calendarDate(domain::UnixMillis now) {
  return domain::formatCalendarDate(now / kMillisPerDay);
}

Result<std::int64_t> dayNotAfter(std::string_view text, std::string_view field,
                                 domain::UnixMillis now, std::string_view in_future) {
  auto day = domain::parseCalendarDate(text, field);
  if (day && *day > now / kMillisPerDay) {
    return domain::invalidField(std::string(field), std::string(in_future));
  }
  return day;
}

domain::Status checkEndDay(std::string_view end, std::string_view field, std::int64_t start,
                           std::string_view before_start) {
  if (end.empty()) {
    return {};
  }
  auto day = domain::parseCalendarDate(end, field);
  if (!day) {
    return tl::unexpected(day.error());
  }
  if (*day < start) {
    return domain::invalidField(std::string(field), std::string(before_start));
  }
  return {};
}

std::size_t utf8Length(std::string_view s) {
  std::size_t n = 0;
  for (const char c : s) {
    n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  }
  return n;
}

bool isTextWithin(std::string_view text, std::size_t max_chars) {
  return text.find_first_not_of(" \t\r\n") != std::string_view::npos &&
         utf8Length(text) <= max_chars;
}

bool inCodeList(std::string_view list, std::string_view code) {
  const domain::CodeList* codes = domain::findCodeList(list);
  return codes != nullptr && codes->contains(code);
}

}  // namespace strada::cases
