// Private to the contact resources of api/ (contacts, drafts, callers, safety plans): decoding a
// contact body, sealing its free text and caller identifier, and opening them again.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/context.h"
#include "api/routes.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "domain/time.h"
#include "policy/policy.h"
#include "store/contact_repository.h"

namespace strada::api {

// The fields of a contact body (strict: unknown members are refused). When `version` is not
// null, the body must also hold "version" (an integer >= 1), read into *version.
[[nodiscard]] domain::Result<domain::ContactInput> decodeContactInput(std::string_view body,
                                                                      std::int32_t* version);

// The first 16 hex characters of a caller hash: what audit events name (never the identifier).
std::string callerAuditId(std::string_view caller_hash);

// Fills the store row from `contact` (its data holding the clear text): seals the summary and the
// caller identifier, computes the caller's blind index, and leaves both clear texts out of
// row.contact. An identifier that normalises to nothing counts as none.
store::ContactRow sealContact(const DataKeys& keys, domain::Contact contact);

// Opens the summary and caller identifier of `row` into row.contact.data. Internal when a sealed
// value does not open.
[[nodiscard]] domain::Status openContact(const DataKeys& keys, store::ContactRow& row);

// Whether `who` may change `contact` at `now`: the permission to update contacts and
// policy::requireContactEditable on the contact's author and finalisation. What a single contact
// read answers as "may_correct", so that the web UI needs no copy of the rule.
bool mayChangeContact(const policy::Principal& who, const domain::Contact& contact,
                      domain::UnixMillis now);

// NotFound, "No such contact.": also what a contact of another organisation, or a draft hidden
// from the principal, answers.
domain::Error contactNotFound();

// The contact `id` of the principal's organisation, or contactNotFound() when there is none. The
// caller checks that `id` is id-shaped first.
[[nodiscard]] boost::asio::awaitable<domain::Result<store::ContactRow>> findOwnContact(
    ApiContext& ctx, const policy::Principal& who, std::string id);

// InvalidArgument naming "referral_agency_ids" unless every id names an agency of `org_id`.
[[nodiscard]] boost::asio::awaitable<domain::Status> checkReferralAgencies(
    ApiContext& ctx, std::string org_id, std::vector<std::string> ids);

// Registered by registerContactRoutes, one file each.
void registerContactDraftRoutes(RouteTable& routes);  // contact_drafts.cpp
void registerCallerRoutes(RouteTable& routes);        // callers.cpp
void registerSafetyPlanRoutes(RouteTable& routes);    // safety_plans.cpp

}  // namespace strada::api
