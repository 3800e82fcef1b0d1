// Use cases of the partner-agency directory: search it, open one agency (and its confidential
// address, recorded), add one, change one (optimistic version), deactivate one.
//
// Addresses are sealed at rest (vault field kAgencyAddress). A confidential address (a shelter's
// secret address) is shown only by readAgency, to the roles policy allows, after recording
// agency.read_confidential_address: never in a search result, never in the answer to a change
// (policy::agencyAddressListed, policy::agencyAddressOnRead).
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/agency.h"
#include "domain/error.h"
#include "hotline/context.h"
#include "store/agency_repository.h"

namespace strada::hotline {

// An agency as its reader may see it: agency.data.address is always empty; `address` holds the
// opened address when it may be shown ("" for an agency without one).
struct AgencyView {
  domain::Agency agency;
  std::optional<std::string> address;
};

// One page of a search, ordered by name then id. `more`: a next page starts after items.back().
struct AgencyPage {
  std::vector<AgencyView> items;
  bool more = false;
};

// The actor's organisation's active agencies matching `query` (its org_id is the actor's,
// whatever it holds), at most query.limit (1 to 200) of them. InvalidArgument naming the
// parameter ("q", "type", "country", "city", "service", "limit") when it is not one the directory
// knows.
[[nodiscard]] awaitable<Result<AgencyPage>> searchAgencies(Context ctx, Actor actor,
                                                           store::AgencyQuery query);

// The agency `id`, with its address when policy::agencyAddressOnRead allows it; the view of a
// confidential address is recorded (agency.read_confidential_address) before it is returned.
// NotFound ("No such agency.") for another organisation's agency and for an id of the wrong shape.
[[nodiscard]] awaitable<Result<AgencyView>> readAgency(Context ctx, Actor actor, std::string id);

// Validates and normalises `input` (domain::normaliseAgency), seals its address and stores the
// agency (version 1) with its agency.create event. The answer shows the address unless it is
// confidential.
[[nodiscard]] awaitable<Result<AgencyView>> createAgency(Context ctx, Actor actor,
                                                         domain::AgencyInput input);

// What a change of an agency brings besides its fields.
struct AgencyChange {
  domain::AgencyInput input;
  bool address_given = false;  // false: the stored address is kept
  bool active = true;          // false deactivates, true (re)activates
};

// Replaces the agency's fields if its version is still `expected_version` (Conflict naming
// "version" otherwise), with an agency.update event. NotFound as readAgency. The answer shows the
// address unless it is confidential.
[[nodiscard]] awaitable<Result<AgencyView>> updateAgency(Context ctx, Actor actor, std::string id,
                                                         AgencyChange change,
                                                         std::int32_t expected_version);

// Marks the agency inactive (it leaves the searches; referrals to it keep their link), with an
// agency.deactivate event. NotFound as readAgency.
[[nodiscard]] awaitable<domain::Status> deactivateAgency(Context ctx, Actor actor, std::string id);

}  // namespace strada::hotline
