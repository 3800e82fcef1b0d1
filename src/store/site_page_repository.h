// The organisations' pages and case studies on the public site (migration 0037;
// public_site/site_pages.h).
//
// Errors: NotFound on "id" for a page that is not the organisation's; Conflict on "version" when a
// change started from another version, on "slug" when the organisation has that slug in that
// language already; Internal for anything else, with the database's text in `detail` only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/time.h"
#include "store/database.h"

namespace soci {
class session;
}

namespace strada::store {

struct StoredSitePage {
  std::string id;
  std::string org_id;
  std::string kind;  // "page" or "case_study"
  std::string slug;
  std::string language;
  std::string title;
  std::string summary;
  std::string body;    // Markdown
  std::string status;  // "draft" or "published"
  domain::UnixMillis published_at = 0;
  std::string created_by;
  domain::UnixMillis created_at = 0;
  std::string updated_by;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 0;
  std::string org_name;  // read only
};

// What the organisation's list filters on ("" for any).
struct SitePageFilter {
  std::string kind;
  std::string language;
  std::string status;
};

// Inserts `p` as version 1 (its created_at and updated_at are now).
[[nodiscard]] domain::Status insertSitePage(WriteContext& w, const StoredSitePage& p);
// Replaces the title, summary, body, status and publication date of `p` (its kind, slug,
// language and organisation never change) if its version is still `expected_version`.
[[nodiscard]] domain::Status updateSitePage(WriteContext& w, const StoredSitePage& p,
                                            std::int32_t expected_version);
// Removes the organisation's page `id` if its version is still `expected_version`.
[[nodiscard]] domain::Status deleteSitePage(WriteContext& w, const std::string& org_id,
                                            const std::string& id, std::int32_t expected_version);

// The organisation's page `id`.
[[nodiscard]] domain::Result<std::optional<StoredSitePage>> findSitePage(soci::session& sql,
                                                                         const std::string& org_id,
                                                                         const std::string& id);
// The organisation's pages, drafts too, most recently changed first.
[[nodiscard]] domain::Result<std::vector<StoredSitePage>> listOrganisationSitePages(
    soci::session& sql, const std::string& org_id, const SitePageFilter& filter, std::int32_t limit,
    std::int32_t offset);

// Every published page of `kind` with this slug (any organisation, any language), the first
// written first.
[[nodiscard]] domain::Result<std::vector<StoredSitePage>> listPublishedSlug(
    soci::session& sql, const std::string& kind, const std::string& slug);
// Published pages of `kind` and `language` (every organisation's), newest publication first.
[[nodiscard]] domain::Result<std::vector<StoredSitePage>> listPublishedSitePages(
    soci::session& sql, const std::string& kind, const std::string& language, std::int32_t limit,
    std::int32_t offset);
// How many published pages of `kind` `language` has.
[[nodiscard]] domain::Result<std::int64_t> countPublishedSitePages(soci::session& sql,
                                                                   const std::string& kind,
                                                                   const std::string& language);

}  // namespace strada::store
