// The public pages (issue 11, section 1; docs/public-site.md), rendered on the server: HTML built
// with public_site/html.h only, one stylesheet and one script of their own (assets below), no
// inline script or style, no cookie, nothing from another origin. Every page carries the
// quick-exit link to kQuickExitUrl and the language switch; every link keeps ?lang.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "network/overview.h"
#include "public_site/catalog.h"
#include "public_site/profile.h"

namespace strada::public_site {

// Where "Leave this site quickly" goes: a neutral site.
inline constexpr std::string_view kQuickExitUrl = "https://www.bbc.com/weather";

// GET /public/: what the network is, and the countries that have a hotline.
std::string homePage(const Catalog& c, const std::vector<Listing>& listings);
// GET /public/hotlines: every member and its hotlines, by country.
std::string hotlinesPage(const Catalog& c, const std::vector<Listing>& listings);
// GET /public/hotlines/{country}: one country's (`country` a code of the list).
std::string countryPage(const Catalog& c, std::string_view country,
                        const std::vector<Listing>& listings);
// GET /public/figures: the published figures, a chart (SVG) and a table for each.
std::string figuresPage(const Catalog& c, const network::Overview& figures);
class Html;
// The layout of a page of the news section (public_site/news.h): its head, quick exit, navigation
// and language switch; closePage ends it and answers the page.
void openNewsPage(Html& h, const Catalog& c, std::string_view title, std::string_view path);
// The same layout for a page of no section of the navigation (public_site/site_pages.h).
void openOtherPage(Html& h, const Catalog& c, std::string_view title, std::string_view path);
std::string closePage(Html& h);

// The answer to a public page that does not exist.
std::string notFoundPage(const Catalog& c);

// /public/assets/site.css and /public/assets/site.js.
std::string_view siteCss();
std::string_view siteJs();

}  // namespace strada::public_site
