// `strada demo`: the network's pages and case studies on the public site
// (public_site/site_pages.h).
#pragma once

#include "domain/error.h"
#include "hotline/context.h"
#include "store/database.h"

namespace strada::app {

// Publishes "About the hotline" and "How we help" in English, Dutch and Romanian and one
// anonymised case study in English, through public_site::createSitePage (audited like the web
// client's); `coordinator` is a network coordinator.
[[nodiscard]] domain::Status addDemoSitePages(store::Database& db,
                                              const hotline::Actor& coordinator);

}  // namespace strada::app
