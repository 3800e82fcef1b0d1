// An organisation's public hotline profile (issue 11, section 1; docs/public-site.md): what its
// admin publishes about its hotlines, and its address, public or secret.
//
// The hotlines are public by intent and stored as JSON. The address is always sealed at rest
// (vault::SealedField::kOrganisationAddress); only an address marked public is also stored in the
// clear for the public pages. A secret address (a shelter's) is shown to the organisation's
// admins alone (public_profile.manage, audited public_profile.read) and never reaches a public
// page, a public API answer or a message to the network.
//
// The use cases block on the database: run them off the I/O threads.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "hotline/context.h"
#include "network/message_handlers.h"
#include "store/database.h"
#include "vault/vault.h"

namespace strada::public_site {

// The ways to reach a hotline besides its numbers.
inline constexpr std::array<std::string_view, 4> kChannelKinds = {"phone", "chat", "email",
                                                                  "messaging"};

struct HotlineChannel {
  std::string kind;   // one of kChannelKinds
  std::string value;  // a number (E.164), an address of a chat page, an e-mail, an app and handle
};

struct Hotline {
  std::string name;
  std::vector<std::string> numbers;  // E.164
  std::string hours;                 // free text ("Mon-Fri 9:00-17:00", "24/7")
  bool free_of_charge = false;
  std::vector<std::string> languages;  // ISO 639-1 (codes/languages.tsv)
  std::vector<HotlineChannel> channels;
};

struct PublicProfile {
  std::vector<Hotline> hotlines;
  std::string address;  // "" for none
  bool address_public = false;
  std::int32_t version = 0;  // 0: never written
  domain::UnixMillis updated_at = 0;
};

// Checks and normalises `hotlines` as the profile of an organisation of `country` (numbers become
// E.164 as the caller numbers do): InvalidArgument naming "hotlines[i].field" (a name of 1 to 200
// characters, 1 to 10 numbers each a phone number, a language of the list, a channel of a known
// kind with a value of 1 to 300 characters, hours of at most 200 characters).
[[nodiscard]] domain::Status checkHotlines(std::vector<Hotline>& hotlines,
                                           std::string_view country);

// The hotlines as stored JSON text, and back (Internal when the stored text is not what this
// writes).
std::string hotlinesJson(const std::vector<Hotline>& hotlines);
[[nodiscard]] domain::Result<std::vector<Hotline>> hotlinesFromJson(std::string_view text);

// The actor's organisation's profile with its address opened, recorded as public_profile.read
// (public_profile.manage). An organisation that never wrote one: an empty profile, version 0.
[[nodiscard]] domain::Result<PublicProfile> readPublicProfile(store::Database& db,
                                                              const vault::Vault& vault,
                                                              const hotline::Actor& actor);

// Replaces the actor's organisation's profile if its version is still `expected_version` (0 the
// first time; Conflict on "version" otherwise), with public_profile.update (public_profile.manage).
// Answers the profile as stored.
[[nodiscard]] domain::Result<PublicProfile> changePublicProfile(store::Database& db,
                                                                const vault::Vault& vault,
                                                                const hotline::Actor& actor,
                                                                PublicProfile profile,
                                                                std::int32_t expected_version);

// A member as the public pages list it: only what it published.
struct Listing {
  std::string org_code;
  std::string name;
  std::string country;  // ISO 3166-1 alpha-2
  std::vector<Hotline> hotlines;
  std::string public_address;  // "" unless public
};

// Every organisation of this installation that published at least one hotline, and at the hub
// every active member's that the member sent (public_profile.publish). Needs no one.
[[nodiscard]] domain::Result<std::vector<Listing>> publishedListings(store::Database& db);

// A member that is an active member of a network sends the public part of its profile (its
// hotlines, and its address only when public) to the hub whenever it changes:
//   public_profile.publish  member -> hub: {"hotlines": [...], "address": "..." or ""}
// The hub checks it as checkHotlines does and keeps the last one per member. Registers the hub's
// handler.
void addPublicProfileHandlers(network::MessageHandlers& handlers);

}  // namespace strada::public_site
