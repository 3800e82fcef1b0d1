#include "hotline/contact_records.h"

#include <optional>
#include <utility>

#include "domain/ids.h"
#include "hotline/use_case_steps.h"
#include "store/repositories.h"

namespace strada::hotline {

store::ContactRow sealContact(const vault::Vault& vault, domain::Contact contact,
                              std::string_view region) {
  store::ContactRow row;
  domain::ContactInput& d = contact.data;
  if (!d.summary.empty()) {
    row.summary_sealed = vault.seal({vault::SealedField::kContactSummary, contact.id}, d.summary);
  }
  row.caller_hash = callerIndex(vault, contact.org_id, region, d.caller_identifier);
  if (!row.caller_hash.empty()) {
    row.caller_sealed =
        vault.seal({vault::SealedField::kContactCaller, contact.id}, d.caller_identifier);
  }
  if (!d.caller_region.empty()) {
    row.region_sealed =
        vault.seal({vault::SealedField::kContactRegion, contact.id}, d.caller_region);
  }
  // Only the sealed forms go to the store.
  d.summary.clear();
  d.caller_identifier.clear();
  d.caller_region.clear();
  row.contact = std::move(contact);
  return row;
}

domain::Status openContact(const vault::Vault& vault, store::ContactRow& row) {
  domain::ContactInput& d = row.contact.data;
  const std::string& id = row.contact.id;
  if (auto s =
          vault.openInto({vault::SealedField::kContactSummary, id}, row.summary_sealed, d.summary);
      !s) {
    return s;
  }
  if (auto s = vault.openInto({vault::SealedField::kContactCaller, id}, row.caller_sealed,
                              d.caller_identifier);
      !s) {
    return s;
  }
  return vault.openInto({vault::SealedField::kContactRegion, id}, row.region_sealed,
                        d.caller_region);
}

std::string callerIndex(const vault::Vault& vault, std::string_view org_id, std::string_view region,
                        std::string_view identifier) {
  const std::string normalised = domain::normaliseCallerIdentifier(identifier, region);
  if (normalised.empty()) {
    return {};
  }
  return vault.blindIndex(vault::BlindIndex::kCaller, org_id, normalised);
}

std::string callerAuditId(std::string_view caller_hash) {
  return std::string(caller_hash.substr(0, 16));
}

policy::ContactEditFacts editFacts(const domain::Contact& contact) {
  return {contact.created_by, contact.data.status == domain::kStatusFinal,
          contact.finalised_at.value_or(0)};
}

bool mayChangeContact(const policy::Principal& who, const domain::Contact& contact,
                      domain::UnixMillis now) {
  return policy::allows(who, policy::Permission::kContactUpdate) &&
         policy::requireContactEditable(who, editFacts(contact), now).has_value();
}

domain::Error contactNotFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such contact.", "", ""};
}

boost::asio::awaitable<Result<store::ContactRow>> findVisibleContact(Context ctx,
                                                                     const policy::Principal& who,
                                                                     std::string id) {
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(contactNotFound());
  }
  auto lookup = [id](soci::session& sql) { return store::findContact(sql, id); };
  domain::Error missing = contactNotFound();
  auto found = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (found && (!policy::requireSameOrganisation(who, found->contact.org_id) ||
                !policy::requireContactVisible(who, editFacts(found->contact)))) {
    co_return tl::unexpected(contactNotFound());
  }
  co_return found;
}

boost::asio::awaitable<Result<std::string>> organisationCountry(Context ctx, std::string org_id) {
  auto lookup = [org_id](soci::session& sql) { return store::findOrganisationById(sql, org_id); };
  domain::Error missing = domain::internalError("organisation of a use case not found").value();
  auto org = co_await readOne(ctx, std::move(lookup), std::move(missing));
  if (!org) {
    co_return tl::unexpected(org.error());
  }
  co_return std::move(org->country);
}

boost::asio::awaitable<domain::Status> checkReferralAgencies(Context ctx, std::string org_id,
                                                             std::vector<std::string> ids) {
  if (ids.empty()) {
    co_return domain::Status{};
  }
  auto check = [org_id, ids](soci::session& sql) {
    return store::unknownAgencyIds(sql, org_id, ids);
  };
  auto unknown =
      co_await store::awaitRead<Result<std::vector<std::string>>>(ctx.db, std::move(check));
  if (!unknown) {
    co_return tl::unexpected(unknown.error());
  }
  if (!unknown->empty()) {
    co_return domain::invalidField("referral_agency_ids",
                                   "Choose the agencies from your organisation's directory.");
  }
  co_return domain::Status{};
}

}  // namespace strada::hotline
