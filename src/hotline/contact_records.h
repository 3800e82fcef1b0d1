// How a contact is stored: its sealed fields and its caller's blind index (through the vault), and
// the record-level rules every use case that shows a contact applies.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"
#include "hotline/context.h"
#include "policy/policy.h"
#include "store/contact_repository.h"

namespace strada::hotline {

// Fills the store row from `contact` (its data holding the clear text): seals the summary, the
// caller identifier and the caller's region, computes the caller's blind index (numbers read
// with `region`, the organisation's country: organisationCountry()), and leaves the clear texts
// out of row.contact. An identifier that normalises to nothing counts as none.
store::ContactRow sealContact(const vault::Vault& vault, domain::Contact contact,
                              std::string_view region);

// Opens the sealed fields of `row` into row.contact.data. Internal when a sealed value does not
// open.
[[nodiscard]] domain::Status openContact(const vault::Vault& vault, store::ContactRow& row);

// The repeat-caller blind index of a caller identifier as typed (normalised first:
// domain::normaliseCallerIdentifier with `region`, the organisation's country), scoped to
// `org_id`; "" when the identifier normalises to nothing.
std::string callerIndex(const vault::Vault& vault, std::string_view org_id, std::string_view region,
                        std::string_view identifier);

// The country (ISO 3166-1 alpha-2) of the organisation `org_id`, the region its caller numbers
// are read in; "" when it has none. Internal when the organisation does not exist.
[[nodiscard]] awaitable<Result<std::string>> organisationCountry(Context ctx, std::string org_id);

// The first 16 hex characters of a caller index: what audit events name (never the identifier).
std::string callerAuditId(std::string_view caller_hash);

// What policy looks at to decide who may see or change `contact`.
policy::ContactEditFacts editFacts(const domain::Contact& contact);

// Whether `who` may change `contact` at `now` (kContactUpdate and requireContactEditable): what a
// single contact read answers as "may_correct", so that no client needs a copy of the rule.
bool mayChangeContact(const policy::Principal& who, const domain::Contact& contact,
                      domain::UnixMillis now);

// NotFound, "No such contact.": also what a contact of another organisation, or a draft hidden
// from the principal, answers.
domain::Error contactNotFound();

// The contact `id` if `who` may see it: of their organisation, and not someone else's draft
// (policy::requireContactVisible). contactNotFound() otherwise, also for an id of the wrong
// shape.
[[nodiscard]] awaitable<Result<store::ContactRow>> findVisibleContact(Context ctx,
                                                                      const policy::Principal& who,
                                                                      std::string id);

// InvalidArgument naming "referral_agency_ids" unless every id names an agency of `org_id`.
[[nodiscard]] awaitable<domain::Status> checkReferralAgencies(Context ctx, std::string org_id,
                                                              std::vector<std::string> ids);

}  // namespace strada::hotline
