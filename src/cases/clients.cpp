#include "cases/clients.h"

#include <algorithm>
#include <limits>
#include <map>
#include <utility>

#include "cases/case_records.h"
#include "cases/client_records.h"
#include "crypto/crypto.h"
#include "domain/contact.h"
#include "hotline/contact_records.h"
#include "hotline/use_case_steps.h"
#include "policy/case_access.h"
#include "store/async.h"
#include "store/audit_repository.h"
#include "store/case_repository.h"
#include "store/user_repository.h"

namespace strada::cases {
namespace {

using audit::AuditAction;
using boost::asio::awaitable;
using domain::Result;

// The search's index entries (the same normalisation as personIndex), by the API's field names.
std::vector<store::ClientIndexEntry> searchIndex(const vault::Vault& vault, const std::string& org,
                                                 std::string_view region, const ClientSearch& s) {
  std::vector<store::ClientIndexEntry> out;
  if (auto name = domain::normaliseName(s.full_name); !name.empty()) {
    out.push_back({"name", vault.blindIndex(vault::BlindIndex::kClientName, org, name)});
  }
  if (!s.birth_date.empty()) {
    out.push_back(
        {"birth_date", vault.blindIndex(vault::BlindIndex::kClientBirthDate, org, s.birth_date)});
  }
  if (auto phone = domain::normaliseCallerIdentifier(s.phone, region); !phone.empty()) {
    out.push_back({"phone", vault.blindIndex(vault::BlindIndex::kClientPhone, org, phone)});
  }
  return out;
}

// A view of `row` for `who` with access `access`, its duplicates and its case.
Result<ClientView> viewOf(const vault::Vault& vault, LoadedClient loaded, policy::CaseAccess access,
                          std::vector<std::string> duplicates) {
  ClientView view;
  if (access == policy::CaseAccess::kFull && !loaded.row.wrapped_key.empty()) {
    if (auto opened = openPerson(vault, loaded.row); !opened) {
      return tl::unexpected(opened.error());
    }
    view.person_visible = true;
  }
  view.client = std::move(loaded.row.client);
  view.possible_duplicates = std::move(duplicates);
  if (loaded.kase) {
    view.case_id = loaded.kase->id;
    view.case_status = loaded.kase->status;
  }
  return view;
}

awaitable<Result<std::vector<std::string>>> duplicatesOf(Context ctx, std::string id) {
  auto job = [id](soci::session& sql) { return store::possibleDuplicates(sql, id); };
  co_return co_await store::awaitRead<Result<std::vector<std::string>>>(ctx.db, std::move(job));
}

// `view` of a client just written, with its possible duplicates.
awaitable<Result<ClientView>> withDuplicates(Context ctx, ClientView view) {
  auto duplicates = co_await duplicatesOf(ctx, view.client.id);
  if (!duplicates) {
    co_return tl::unexpected(duplicates.error());
  }
  view.possible_duplicates = std::move(*duplicates);
  co_return view;
}

// A client's person and coded fields as registering or changing it checks them.
domain::Status validClient(const domain::ClientPerson& person, const domain::ClientCoded& coded,
                           domain::UnixMillis now) {
  if (auto ok = domain::validateClientPerson(person, now); !ok) {
    return ok;
  }
  return domain::validateClientCoded(coded, now);
}

std::string renamedMatch(const std::string& kind) {
  return kind == "name" ? std::string("full_name") : kind;
}

}  // namespace

awaitable<Result<std::vector<ClientSearchMatch>>> searchClients(Context ctx, Actor actor,
                                                                ClientSearch search) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kClientSearch); !may) {
    co_return tl::unexpected(may.error());
  }
  if (search.client_code.empty() && domain::normaliseName(search.full_name).empty() &&
      search.birth_date.empty() && search.phone.empty()) {
    co_return domain::invalidField(
        "full_name", "Give a client code, a name, a birth date or a phone number to search.");
  }
  if (!search.birth_date.empty()) {
    if (auto day = domain::parseCalendarDate(search.birth_date, "birth_date"); !day) {
      co_return tl::unexpected(day.error());
    }
  }
  auto region = co_await hotline::organisationCountry(ctx, who.org_id);
  if (!region) {
    co_return tl::unexpected(region.error());
  }
  auto job = [org = who.org_id, code = search.client_code,
              index = searchIndex(ctx.vault, who.org_id, *region, search)](
                 soci::session& sql) -> Result<std::vector<ClientSearchMatch>> {
    auto found = store::searchClients(sql, org, code, index, kMaxSearchMatches);
    if (!found) {
      return tl::unexpected(found.error());
    }
    std::vector<ClientSearchMatch> out;
    for (auto& m : *found) {
      ClientSearchMatch match{m.client_id, m.client_code, {}, std::nullopt, ""};
      std::transform(m.matched_on.begin(), m.matched_on.end(), std::back_inserter(match.matched_on),
                     renamedMatch);
      auto kase = store::findCaseOfClient(sql, org, m.client_id);
      if (!kase) {
        return tl::unexpected(kase.error());
      }
      if (kase->has_value()) {
        match.case_id = (*kase)->id;
        match.case_status = (*kase)->status;
      }
      out.push_back(std::move(match));
    }
    return out;
  };
  auto matches =
      co_await store::awaitRead<Result<std::vector<ClientSearchMatch>>>(ctx.db, std::move(job));
  if (!matches) {
    co_return tl::unexpected(matches.error());
  }
  auto audited = co_await hotline::recordAudit(
      ctx, actor.entry(AuditAction::kClientSearch, "rows=" + std::to_string(matches->size())));
  if (!audited) {
    co_return tl::unexpected(audited.error());
  }
  co_return std::move(*matches);
}

awaitable<Result<ClientView>> createClient(Context ctx, Actor actor, domain::ClientPerson person,
                                           domain::ClientCoded coded) {
  if (auto may = policy::require(actor.principal, policy::Permission::kClientCreate); !may) {
    co_return tl::unexpected(may.error());
  }
  co_return co_await registerClient(std::move(ctx), std::move(actor), std::move(person),
                                    std::move(coded));
}

awaitable<Result<ClientView>> registerClient(Context ctx, Actor actor, domain::ClientPerson person,
                                             domain::ClientCoded coded) {
  const policy::Principal& who = actor.principal;
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validClient(person, coded, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto region = co_await hotline::organisationCountry(ctx, who.org_id);
  if (!region) {
    co_return tl::unexpected(region.error());
  }
  store::ClientRow row;
  domain::Client& c = row.client;
  c.id = crypto::newId();
  c.org_id = who.org_id;
  c.client_code = newRecordCode("CL-");
  c.coded = std::move(coded);
  c.created_by = c.updated_by = who.user_id;
  c.created_at = c.updated_at = now;
  c.version = 1;
  auto key = ctx.vault.createPersonKey(c.id);
  row.wrapped_key = key.wrapped;
  row.person_sealed =
      ctx.vault.seal(key.key, {vault::SealedField::kClientPerson, c.id}, personToJson(person));
  auto index = personIndex(ctx.vault, who.org_id, *region, person);
  ClientView view;
  view.client = c;
  view.client.person = std::move(person);
  view.person_visible = true;
  // The entry first: `c` is part of `row`, which the job takes.
  audit::AuditEntry entry = actor.entry(AuditAction::kClientCreate, c.id);
  auto insert = [row = std::move(row), index = std::move(index)](store::WriteContext& w) {
    return store::insertClient(w, row, index);
  };
  if (auto status = co_await hotline::writeAudited(ctx, std::move(insert), std::move(entry));
      !status) {
    co_return tl::unexpected(status.error());
  }
  // Registered although search before create matched: a supervisor reviews the pair.
  if (auto flagged = co_await flagIndexMatches(ctx, actor, view.client.id); !flagged) {
    co_return tl::unexpected(flagged.error());
  }
  co_return co_await withDuplicates(ctx, std::move(view));
}

awaitable<Result<ClientView>> readClient(Context ctx, Actor actor, std::string id) {
  auto loaded = co_await allowedSurvivor(ctx, actor, std::move(id), policy::Permission::kClientRead,
                                         CaseUse::kSee);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  const std::string client_id = loaded->row.client.id;
  auto duplicates = co_await duplicatesOf(ctx, client_id);
  if (!duplicates) {
    co_return tl::unexpected(duplicates.error());
  }
  auto merges_job = [org = actor.principal.org_id, client_id](soci::session& sql) {
    return readMergeRefs(sql, org, client_id, "");
  };
  auto merges = co_await store::awaitRead<Result<MergeRefs>>(ctx.db, std::move(merges_job));
  if (!merges) {
    co_return tl::unexpected(merges.error());
  }
  // Recorded before any of it is shown.
  if (auto audited =
          co_await hotline::recordAudit(ctx, actor.entry(AuditAction::kClientRead, client_id));
      !audited) {
    co_return tl::unexpected(audited.error());
  }
  const auto access = policy::caseAccess(actor.principal, loaded->facts);
  auto view = viewOf(ctx.vault, std::move(*loaded), access, std::move(*duplicates));
  if (view) {
    view->merges = std::move(*merges);
  }
  co_return view;
}

awaitable<Result<ClientView>> updateClient(Context ctx, Actor actor, std::string id,
                                           domain::ClientPerson person, domain::ClientCoded coded,
                                           std::int32_t expected_version) {
  const policy::Principal& who = actor.principal;
  const domain::UnixMillis now = ctx.clock();
  if (auto ok = validClient(person, coded, now); !ok) {
    co_return tl::unexpected(ok.error());
  }
  auto loaded = co_await allowedClient(ctx, actor, std::move(id), policy::Permission::kClientUpdate,
                                       CaseUse::kWork);
  if (!loaded) {
    co_return tl::unexpected(loaded.error());
  }
  if (loaded->row.wrapped_key.empty()) {
    co_return domain::fail(domain::ErrorCode::kConflict,
                           "This person's data was erased and cannot be changed.", "person");
  }
  if (expected_version == std::numeric_limits<std::int32_t>::max()) {
    co_return domain::fail(domain::ErrorCode::kConflict, "This client cannot be changed any more.",
                           "version");
  }
  auto region = co_await hotline::organisationCountry(ctx, who.org_id);
  if (!region) {
    co_return tl::unexpected(region.error());
  }
  auto key = ctx.vault.openPersonKey(loaded->row.client.id, loaded->row.wrapped_key);
  if (!key) {
    co_return tl::unexpected(key.error());
  }
  store::ClientRow row = loaded->row;
  row.client.coded = std::move(coded);
  row.client.updated_by = who.user_id;
  row.client.updated_at = now;
  row.client.version = expected_version + 1;
  row.person_sealed = ctx.vault.seal(*key, {vault::SealedField::kClientPerson, row.client.id},
                                     personToJson(person));
  auto index = personIndex(ctx.vault, who.org_id, *region, person);
  ClientView view;
  view.client = row.client;
  view.client.person = std::move(person);
  view.person_visible = true;
  if (loaded->kase) {
    view.case_id = loaded->kase->id;
    view.case_status = loaded->kase->status;
  }
  audit::AuditEntry entry = actor.entry(AuditAction::kClientUpdate, view.client.id);
  auto write = [row = std::move(row), index = std::move(index),
                expected_version](store::WriteContext& w) {
    return store::updateClient(w, row, expected_version, index);
  };
  if (auto status = co_await hotline::writeAudited(ctx, std::move(write), std::move(entry));
      !status) {
    co_return tl::unexpected(status.error());
  }
  co_return co_await withDuplicates(ctx, std::move(view));
}

}  // namespace strada::cases
