#include "hotline/agencies.h"

#include <utility>

#include "crypto/crypto.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "hotline/use_case_steps.h"

namespace strada::hotline {
namespace {

constexpr std::size_t kMaxQueryText = 100;
constexpr std::int32_t kMaxPageSize = 200;

domain::Error agencyNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such agency.", "", ""};
}

domain::Status validateQuery(const store::AgencyQuery& q) {
  if (q.name_contains.size() > kMaxQueryText) {
    return domain::invalidField("q", "Search with at most 100 characters.");
  }
  if (!q.type.empty() && !domain::agencyTypeCodes().contains(q.type)) {
    return domain::invalidField("type", "Choose the type of agency from the list.");
  }
  if (!q.country.empty() && !domain::countryCodes().contains(q.country)) {
    return domain::invalidField("country", "Use an ISO 3166-1 two-letter country code.");
  }
  if (q.city.size() > kMaxQueryText) {
    return domain::invalidField("city", "Give the city in at most 100 characters.");
  }
  if (!q.service.empty() && !domain::agencyServiceCodes().contains(q.service)) {
    return domain::invalidField("service", "Choose the service from the list.");
  }
  if (q.limit < 1 || q.limit > kMaxPageSize) {
    return domain::invalidField("limit", "Use a page size between 1 and 200.");
  }
  return {};
}

std::string sealAddress(const vault::Vault& vault, const std::string& id,
                        const std::string& address) {
  if (address.empty()) {
    return {};
  }
  return vault.seal({vault::SealedField::kAgencyAddress, id}, address);
}

Result<std::string> openAddress(const vault::Vault& vault, const store::AgencyRow& row) {
  if (row.address_sealed.empty()) {
    return std::string();
  }
  return vault.open({vault::SealedField::kAgencyAddress, row.agency.id}, row.address_sealed);
}

// What a list or the answer to a change shows: the address unless it is confidential.
AgencyView listedView(domain::Agency agency, std::string address) {
  AgencyView view;
  agency.data.address.clear();
  if (policy::agencyAddressListed(agency.data.address_confidential)) {
    view.address = std::move(address);
  }
  view.agency = std::move(agency);
  return view;
}

// The agency `id` of `who`'s organisation, with its sealed address; agencyNotFound() otherwise.
awaitable<Result<store::AgencyRow>> findOwnAgency(Context ctx, const policy::Principal& who,
                                                  std::string id) {
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(agencyNotFound());
  }
  auto lookup = [id = std::move(id)](soci::session& sql) { return store::findAgency(sql, id); };
  domain::Error missing = agencyNotFound();
  auto found = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (found && !policy::requireSameOrganisation(who, found->agency.org_id)) {
    co_return tl::unexpected(agencyNotFound());
  }
  co_return found;
}

}  // namespace

awaitable<Result<AgencyPage>> searchAgencies(Context ctx, Actor actor, store::AgencyQuery query) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kAgencyRead); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = validateQuery(query); !valid) {
    co_return tl::unexpected(valid.error());
  }
  query.org_id = who.org_id;
  const auto page = static_cast<std::size_t>(query.limit);
  query.limit += 1;  // the row after the page tells whether there is a next one
  auto list = [q = std::move(query)](soci::session& sql) { return store::listAgencies(sql, q); };
  auto rows =
      co_await store::awaitRead<Result<std::vector<store::AgencyRow>>>(ctx.db, std::move(list));
  if (!rows) {
    co_return tl::unexpected(rows.error());
  }
  AgencyPage out;
  out.more = cutToPage(*rows, page);
  out.items.reserve(rows->size());
  for (const auto& row : *rows) {
    std::string address;
    // Never a confidential address in a list, even if the store were to return one.
    if (policy::agencyAddressListed(row.agency.data.address_confidential)) {
      auto opened = openAddress(ctx.vault, row);
      if (!opened) {
        co_return tl::unexpected(opened.error());
      }
      address = std::move(*opened);
    }
    out.items.push_back(listedView(row.agency, std::move(address)));
  }
  co_return out;
}

awaitable<Result<AgencyView>> readAgency(Context ctx, Actor actor, std::string id) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kAgencyRead); !may) {
    co_return tl::unexpected(may.error());
  }
  auto found = co_await findOwnAgency(ctx, who, std::move(id));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  AgencyView view;
  view.agency = found->agency;
  const auto access = policy::agencyAddressOnRead(who, view.agency.data.address_confidential);
  if (access == policy::AgencyAddressAccess::kWithheld) {
    co_return view;
  }
  if (access == policy::AgencyAddressAccess::kShownWhenRecorded) {
    // The view of a confidential address is recorded, and durable, before it is shown.
    auto entry = actor.entry(AuditAction::kAgencyReadConfidentialAddress, view.agency.id);
    if (auto recorded = co_await recordAudit(ctx, std::move(entry)); !recorded) {
      co_return tl::unexpected(recorded.error());
    }
  }
  auto opened = openAddress(ctx.vault, *found);
  if (!opened) {
    co_return tl::unexpected(opened.error());
  }
  view.address = std::move(*opened);
  co_return view;
}

awaitable<Result<AgencyView>> createAgency(Context ctx, Actor actor, domain::AgencyInput input) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kAgencyEdit); !may) {
    co_return tl::unexpected(may.error());
  }
  if (auto valid = domain::normaliseAgency(input); !valid) {
    co_return tl::unexpected(valid.error());
  }
  store::AgencyRow row;
  domain::Agency& a = row.agency;
  a.id = crypto::newId();
  a.org_id = who.org_id;
  a.updated_at = ctx.clock();
  a.updated_by = who.user_id;
  a.version = 1;
  a.data = std::move(input);
  std::string address = std::exchange(a.data.address, std::string());
  row.address_sealed = sealAddress(ctx.vault, a.id, address);  // only the sealed form is stored
  AgencyView view = listedView(a, std::move(address));
  auto insert = [row = std::move(row)](store::WriteContext& w) {
    return store::insertAgency(w, row);
  };
  auto entry = actor.entry(AuditAction::kAgencyCreate, view.agency.id);
  if (auto written = co_await writeAudited(ctx, std::move(insert), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return view;
}

awaitable<Result<AgencyView>> updateAgency(Context ctx, Actor actor, std::string id,
                                           AgencyChange change, std::int32_t expected_version) {
  const policy::Principal& who = actor.principal;
  if (auto may = policy::require(who, policy::Permission::kAgencyEdit); !may) {
    co_return tl::unexpected(may.error());
  }
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(agencyNotFound());
  }
  if (auto valid = domain::normaliseAgency(change.input); !valid) {
    co_return tl::unexpected(valid.error());
  }
  auto found = co_await findOwnAgency(ctx, who, id);
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  store::AgencyRow row;
  domain::Agency& a = row.agency;
  a.id = id;
  a.org_id = who.org_id;
  a.updated_at = ctx.clock();
  a.updated_by = who.user_id;
  a.version = expected_version + 1;
  a.active = change.active;
  a.data = std::move(change.input);
  std::string address = std::exchange(a.data.address, std::string());
  if (change.address_given) {
    row.address_sealed = sealAddress(ctx.vault, id, address);
  } else {
    // Kept as sealed: the version check makes sure it is the address the editor saw. It is
    // opened only for an answer that may show it.
    row.address_sealed = found->address_sealed;
    address.clear();
    if (policy::agencyAddressListed(a.data.address_confidential)) {
      auto opened = openAddress(ctx.vault, *found);
      if (!opened) {
        co_return tl::unexpected(opened.error());
      }
      address = std::move(*opened);
    }
  }
  AgencyView view = listedView(a, std::move(address));
  auto update = [row = std::move(row), expected_version](store::WriteContext& w) {
    return store::updateAgency(w, row, expected_version);
  };
  auto entry = actor.entry(AuditAction::kAgencyUpdate, id);
  if (auto written = co_await writeAudited(ctx, std::move(update), std::move(entry)); !written) {
    co_return tl::unexpected(written.error());
  }
  co_return view;
}

awaitable<domain::Status> deactivateAgency(Context ctx, Actor actor, std::string id) {
  auto deactivate = [user_id = actor.principal.user_id](store::WriteContext& w,
                                                        const std::string& org_id,
                                                        const std::string& agency_id) {
    // The new version is not needed: the answer is empty.
    return store::deactivateAgency(w, org_id, agency_id, user_id).map([](std::int32_t) {});
  };
  ChangeById how{policy::Permission::kAgencyEdit, AuditAction::kAgencyDeactivate, agencyNotFound()};
  co_return co_await changeById(ctx, std::move(actor), std::move(how), std::move(id),
                                std::move(deactivate));
}

}  // namespace strada::hotline
