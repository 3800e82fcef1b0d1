// `strada demo`: the partner-agency directory of one demo organisation.
#pragma once

#include <string>

#include "domain/error.h"
#include "hotline/context.h"

namespace strada::app {

// Adds about ten clearly fictional partner agencies (names end in "(demo)", phone numbers from
// fictional 555 ranges), two of them with a confidential, sealed address, in `country`. Each goes
// through hotline::createAgency as `editor` (a supervisor of the organisation): validated,
// sealed and recorded like an agency added in the web client.
[[nodiscard]] domain::Status addDemoAgencies(const hotline::Context& ctx,
                                             const hotline::Actor& editor,
                                             const std::string& country);

}  // namespace strada::app
