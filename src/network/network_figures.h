// The hub's use cases over the members' submitted figures (issue 9, section 4; docs/network.md,
// "The overview" and "Publication"): the coordinator's overview and its downloads, the stored
// choice of what the network publishes, and exactly the published figures (for the public site,
// issue 11). They block on the database: run them off the I/O threads.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "hotline/context.h"
#include "network/overview.h"
#include "store/network_report_repository.h"

namespace strada::network {

struct OverviewRequest {
  int from = 0, to = 0;
  std::vector<std::string> figures;  // empty: headlineFigures()
  std::string country;               // "" every country
  std::string format = "json";       // json, csv, xlsx: a download is audited
};

// The overview of years [from, to] (network.overview_read). InvalidArgument naming "from", "to"
// (1990 to the current year, from <= to, at most 50 years), "figures" (ids of the definition, at
// most 100) or "country" (ISO 3166-1 alpha-2). Members: every member of the registry but pending
// join requests, revoked ones included (their figures were submitted while they were members).
[[nodiscard]] domain::Result<Overview> networkOverview(store::Database& db,
                                                       const hotline::Actor& actor,
                                                       const OverviewRequest& request);

// What the network publishes (network.overview_read to read).
[[nodiscard]] domain::Result<store::Publication> readPublication(store::Database& db,
                                                                 const hotline::Actor& actor);
// Replaces it (network.publication_manage, audited network_publication.change). InvalidArgument
// naming "year_from"/"year_to", "figures" (1 to 100 ids of the definition) or "members" (codes
// of members); Conflict on "version" when it changed meanwhile (expected_version 0 the first time).
[[nodiscard]] domain::Result<store::Publication> changePublication(store::Database& db,
                                                                   const hotline::Actor& actor,
                                                                   store::Publication publication,
                                                                   int expected_version);
// Exactly the published figures: the overview of the published years, figures and members (no
// member, no figure, nothing published: an overview with no rows). Needs no one: aggregates only.
[[nodiscard]] domain::Result<Overview> publishedFigures(store::Database& db);

}  // namespace strada::network
