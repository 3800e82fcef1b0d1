// Use cases of a client (a person assisted): search before create, register, open, change, and
// the access history. The person is sealed under a key of this person alone; every read is
// audited; another organisation's client answers NotFound.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cases/client_merge.h"
#include "cases/context.h"
#include "domain/client.h"
#include "domain/error.h"
#include "store/client_repository.h"

namespace strada::cases {

// What a search may name: any of these (at least one).
struct ClientSearch {
  std::string client_code;
  std::string full_name;
  std::string birth_date;  // YYYY-MM-DD
  std::string phone;
};

// A search hit: existence only (never a sealed field).
struct ClientSearchMatch {
  std::string client_id;
  std::string client_code;
  std::vector<std::string> matched_on;  // client_code, full_name, birth_date, phone
  std::optional<std::string> case_id;
  std::string case_status;
};

// A client as its reader may see it.
struct ClientView {
  domain::Client client;        // person meaningful only when person_visible
  bool person_visible = false;  // full access and the person's key still exists
  std::vector<std::string> possible_duplicates;
  std::optional<std::string> case_id;
  std::string case_status;
  MergeRefs merges;  // the clients merged into this one (cases/client_merge.h)
};

inline constexpr std::int32_t kMaxSearchMatches = 50;

// kClientSearch. InvalidArgument ("full_name") when nothing is given; the birth date is checked.
// Recorded as client.search with the number of matches.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<ClientSearchMatch>>> searchClients(
    Context ctx, Actor actor, ClientSearch search);

// kClientCreate. Validates, creates the person's key, seals, indexes, stores with client.create.
[[nodiscard]] boost::asio::awaitable<domain::Result<ClientView>> createClient(
    Context ctx, Actor actor, domain::ClientPerson person, domain::ClientCoded coded);

// createClient without its permission check, for a use case that made its own (a partner's
// referral, cases/partner_referrals.h): the same validation, sealing, indexes and client.create.
[[nodiscard]] boost::asio::awaitable<domain::Result<ClientView>> registerClient(
    Context ctx, Actor actor, domain::ClientPerson person, domain::ClientCoded coded);

// kClientRead with policy::caseAccess: recorded (client.read) before it is returned. A client
// merged into another answers its survivor.
[[nodiscard]] boost::asio::awaitable<domain::Result<ClientView>> readClient(Context ctx,
                                                                            Actor actor,
                                                                            std::string id);

// kClientUpdate with requireCaseWorkable. Conflict (field "version") when stale.
[[nodiscard]] boost::asio::awaitable<domain::Result<ClientView>> updateClient(
    Context ctx, Actor actor, std::string id, domain::ClientPerson person,
    domain::ClientCoded coded, std::int32_t expected_version);

// What an erasure states: why (not personal data; 1..500 characters) and the client's code typed
// again, to confirm which person is erased.
struct ClientErasure {
  std::string reason;
  std::string confirm_client_code;
};
inline constexpr std::size_t kMaxErasureReason = 500;

// kClientErase: destroys the person's key (everything sealed under it no longer opens), drops the
// person's blind indexes and marks the client erased; the coded fields and the case's coded
// history stay. InvalidArgument ("reason", "confirm_client_code"); Conflict when already erased;
// NotFound for another organisation's client. Recorded as client.key_destroy in the same job.
// The clients merged into it are erased with it.
[[nodiscard]] boost::asio::awaitable<domain::Result<ClientView>> eraseClient(Context ctx,
                                                                             Actor actor,
                                                                             std::string id,
                                                                             ClientErasure erasure);

struct AccessEntry {
  domain::UnixMillis at = 0;
  std::string user_id;
  std::string user_name;
  std::string action;                 // the audit action's name
  std::optional<std::string> reason;  // a break-glass's stated reason
};

// kClientAccessHistory: every audited action on the client and its case, and on the clients
// merged into it and their cases, newest first (at most 500); recorded as client.access_read.
[[nodiscard]] boost::asio::awaitable<domain::Result<std::vector<AccessEntry>>> clientAccessHistory(
    Context ctx, Actor actor, std::string id);

}  // namespace strada::cases
