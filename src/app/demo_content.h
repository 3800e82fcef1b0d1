// `strada demo`: the partner-agency directory and the knowledge base of one demo organisation.
// Each item goes through the use case the web client calls, as `editor`: validated, sealed,
// indexed and recorded like an item added in the web client.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::app {

// Adds about ten clearly fictional partner agencies (names end in "(demo)", phone numbers from
// fictional 555 ranges), two of them with a confidential, sealed address, in `country`, through
// hotline::createAgency; `editor` is a supervisor of the organisation. Returns the id of the
// police unit: the demo partner's agency.
[[nodiscard]] domain::Result<std::string> addDemoAgencies(const hotline::Context& ctx,
                                                          const hotline::Actor& editor,
                                                          const std::string& country);

// The demo partner (issue 8, section 2): an account `email` of organisation `org_code` tied to
// the agency `agency_id`, with the demo password's `hash`, and one referral it made two days ago
// through cases::submitReferral, waiting in intake.
[[nodiscard]] domain::Status addDemoPartner(const hotline::Context& ctx,
                                            const std::string& org_code, const std::string& email,
                                            const std::string& hash, const std::string& agency_id);

// Adds country sheets for six destination countries, safety tips and a useful-numbers page, in
// English; for `language` "nl" also two articles in Dutch. Only real, well-known public
// emergency numbers appear; organisations are described by kind, never with invented numbers.
// Each goes through hotline::createArticle ("knowledge.create"); `editor` is an administrator of
// the organisation.
[[nodiscard]] domain::Status addDemoKnowledge(const hotline::Context& ctx,
                                              const hotline::Actor& editor,
                                              const std::string& language);

// The Dutch demo member's address, kept off the public pages (address_public false): a test looks
// for it in every public response.
inline constexpr std::string_view kDemoSecretAddress = "Verborgen Hofje 7, Groningen (demo)";

// What the demo organisation of `country` (NL, RO or UA) shows the public (app/demo_public.cpp):
// its public profile (a hotline with an invented free number, hours, languages, an e-mail; the
// Dutch member's address secret, the Romanian's public), its news (NL: one in English, one in
// Dutch and an English draft; RO: one in Romanian) and six held trainings over the last two years
// for several audiences. `admin` is the organisation's administrator.
[[nodiscard]] domain::Status addDemoPublic(const hotline::Context& ctx, const hotline::Actor& admin,
                                           const std::string& country);

}  // namespace strada::app
