// The organisations' news items and statements (migration 0036; public_site/news.h).
//
// Errors: NotFound on "id" for an item that is not the organisation's; Conflict on "version" when
// a change started from another version, on "slug" when the slug is taken; Internal for anything
// else, with the database's text in `detail` only.
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

struct StoredNews {
  std::string id;
  std::string org_id;
  std::string slug;
  std::string kind;  // "news" or "statement"
  std::string language;
  std::string title;
  std::string summary;
  std::string body;    // Markdown
  std::string tags;    // comma-separated
  std::string status;  // "draft" or "published"
  domain::UnixMillis published_at = 0;
  std::string created_by;
  domain::UnixMillis created_at = 0;
  std::string updated_by;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 0;
  std::string org_name;  // read only: the organisation's name (the feed's author)
};

// Inserts `n` as version 1 (its created_at and updated_at are now).
[[nodiscard]] domain::Status insertNews(WriteContext& w, const StoredNews& n);
// Replaces the editable columns of `n` (not its slug, organisation or creation) if its version is
// still `expected_version`.
[[nodiscard]] domain::Status updateNews(WriteContext& w, const StoredNews& n,
                                        std::int32_t expected_version);
// Removes the organisation's item `id` if its version is still `expected_version`.
[[nodiscard]] domain::Status deleteNews(WriteContext& w, const std::string& org_id,
                                        const std::string& id, std::int32_t expected_version);

// Whether some item (of any organisation) has this slug.
[[nodiscard]] domain::Result<bool> newsSlugTaken(soci::session& sql, const std::string& slug);

// The organisation's item `id`.
[[nodiscard]] domain::Result<std::optional<StoredNews>> findNews(soci::session& sql,
                                                                 const std::string& org_id,
                                                                 const std::string& id);
// The organisation's items, drafts too, most recently changed first.
[[nodiscard]] domain::Result<std::vector<StoredNews>> listOrganisationNews(
    soci::session& sql, const std::string& org_id, std::int32_t limit, std::int32_t offset);

// Published items of `language` (every organisation's), newest publication first.
[[nodiscard]] domain::Result<std::vector<StoredNews>> listPublishedNews(soci::session& sql,
                                                                        const std::string& language,
                                                                        std::int32_t limit,
                                                                        std::int32_t offset);
// How many published items `language` has.
[[nodiscard]] domain::Result<std::int64_t> countPublishedNews(soci::session& sql,
                                                              const std::string& language);
// The published item with this slug.
[[nodiscard]] domain::Result<std::optional<StoredNews>> findPublishedNews(soci::session& sql,
                                                                          const std::string& slug);

// The installation's random feed key (migration 0036).
[[nodiscard]] domain::Result<std::string> newsFeedKey(soci::session& sql);

}  // namespace strada::store
