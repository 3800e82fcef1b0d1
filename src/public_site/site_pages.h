// The organisations' pages and case studies on the public site (issue 11, section 1;
// docs/public-site.md): written by staff (site_pages.manage, audited site_page.create/update/
// delete/publish), published on /public/pages/{slug}, /public/case-studies and
// /public/case-studies/{slug}. One slug names a page in each language it is written in (a row a
// language); the public page shows the reader's language, or another with a note saying so. The
// body is Markdown, rendered by cmark's safe mode (news.h renderMarkdown). A draft never reaches a
// public page. Kept in the clear like the news (store/site_page_repository.h, migration 0037):
// public words by intent; a case study is an anonymised story.
//
// The use cases block on the database: run them off the I/O threads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "hotline/context.h"
#include "public_site/catalog.h"
#include "store/database.h"

namespace strada::public_site {

struct SitePage {
  std::string id;
  std::string kind = "page";  // "page" or "case_study"
  std::string slug;
  std::string language;  // one of kPublicLanguages
  std::string title;
  std::string summary;
  std::string body;                     // Markdown
  std::string status = "draft";         // "draft" or "published"
  domain::UnixMillis published_at = 0;  // 0: never published
  domain::UnixMillis created_at = 0;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 0;
  std::string organisation;  // the organisation's name
};

// What staff write. The kind, slug and language are chosen on creation and never change.
struct SitePageInput {
  std::string kind = "page";
  std::string slug;  // [a-z0-9]+(-[a-z0-9]+)*, at most 80
  std::string language;
  std::string title;    // 1 to 200 characters
  std::string summary;  // at most 500
  std::string body;     // Markdown, at most kMaxSitePageBody bytes
  std::string status = "draft";
};
inline constexpr std::size_t kMaxSitePageBody = 100000;

struct SitePageQuery {
  std::string kind;  // "" for any
  std::string language;
  std::string status;
  std::int32_t limit = 50;
  std::int32_t offset = 0;
};

// The staff's use cases (site_pages.manage), on the actor's organisation's pages: another
// organisation's page answers as a missing one.
[[nodiscard]] domain::Result<SitePage> createSitePage(store::Database& db,
                                                      const hotline::Actor& actor,
                                                      SitePageInput input);
// `input`'s kind, slug and language are ignored.
[[nodiscard]] domain::Result<SitePage> changeSitePage(store::Database& db,
                                                      const hotline::Actor& actor,
                                                      const std::string& id, SitePageInput input,
                                                      std::int32_t expected_version);
[[nodiscard]] domain::Status removeSitePage(store::Database& db, const hotline::Actor& actor,
                                            const std::string& id, std::int32_t expected_version);
[[nodiscard]] domain::Result<SitePage> readSitePage(store::Database& db,
                                                    const hotline::Actor& actor,
                                                    const std::string& id);
// InvalidArgument on "kind", "language" or "status" for a filter that is not one of theirs.
[[nodiscard]] domain::Result<std::vector<SitePage>> listSitePages(store::Database& db,
                                                                  const hotline::Actor& actor,
                                                                  const SitePageQuery& query);

// The public address of a page of `kind` ("page" or "case_study") and `slug`, without ?lang=:
// /public/pages/{slug} or /public/case-studies/{slug}.
[[nodiscard]] std::string sitePagePath(std::string_view kind, std::string_view slug);

// What the public pages read (needs no one): published pages only.
struct PublishedPage {
  SitePage page;                       // in the reader's language when it has one
  std::vector<std::string> languages;  // every language this page is published in, sorted
  bool fallback = false;               // page.language is not the one asked for
};
// The published page of `kind` with this slug, in `language` when there is one, else in the
// first language of kPublicLanguages it has. Where two organisations publish the same slug,
// the one that wrote it first (in any language) names it.
[[nodiscard]] domain::Result<std::optional<PublishedPage>> publishedSitePage(
    store::Database& db, std::string_view kind, const std::string& slug, std::string_view language);
struct PublishedCaseStudies {
  std::vector<SitePage> items;
  std::int64_t total = 0;
};
inline constexpr std::int32_t kCaseStudiesPageSize = 10;
[[nodiscard]] domain::Result<PublishedCaseStudies> publishedCaseStudies(store::Database& db,
                                                                        std::string_view language,
                                                                        std::int32_t limit,
                                                                        std::int32_t offset);
// The published pages (kind "page") of `language`, for the footer of every public page: at
// most kFooterPages, by title.
struct PageLink {
  std::string slug;
  std::string title;
};
inline constexpr std::int32_t kFooterPages = 12;
[[nodiscard]] domain::Result<std::vector<PageLink>> footerLinks(store::Database& db,
                                                                std::string_view language);

// GET /public/pages/{slug} and /public/case-studies/{slug}.
std::string sitePageView(const Catalog& c, const PublishedPage& page);
// GET /public/case-studies (`page` from 1): the language's case studies, newest first.
std::string caseStudiesPage(const Catalog& c, const PublishedCaseStudies& list, std::int32_t page);
// `html`, a public page, with a footer linking to `links` and to the case studies, before its
// </body>.
std::string withFooter(std::string html, const Catalog& c, const std::vector<PageLink>& links);

}  // namespace strada::public_site
