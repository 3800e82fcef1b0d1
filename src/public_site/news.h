// The organisations' news items and statements (issue 11, section 2; docs/public-site.md): written
// by staff (news.manage, audited news.create/update/delete), published on /public/news and in one
// Atom feed (RFC 4287) a language, /public/feed/{language}.atom. The body is Markdown, rendered
// on the server by cmark with its safe default: raw HTML and javascript:, vbscript:, file: and
// data: links (but for images of a few types) never come through. A draft never reaches a public
// page or feed. News is public by intent and kept in the clear (store/news_repository.h).
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

struct NewsItem {
  std::string id;
  std::string slug;
  std::string kind = "news";  // "news" or "statement"
  std::string language;       // one of kPublicLanguages
  std::string title;
  std::string summary;
  std::string body;  // Markdown
  std::vector<std::string> tags;
  std::string status = "draft";         // "draft" or "published"
  domain::UnixMillis published_at = 0;  // 0: not published yet
  domain::UnixMillis created_at = 0;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 0;
  std::string organisation;  // the organisation's name
};

// What staff write: everything of an item but what the server keeps (id, times, version).
struct NewsInput {
  std::string title;    // 1 to 200 characters
  std::string summary;  // at most 500
  std::string body;     // Markdown, at most 50,000
  std::string language;
  std::vector<std::string> tags;  // at most 10, each 1 to 40 characters, no comma
  std::string kind = "news";
  std::string status = "draft";
  std::optional<domain::UnixMillis> published_at;  // when published; now when not given
  std::string slug;  // only on creation: [a-z0-9]+(-[a-z0-9]+)*, at most 80; "" derives one
};

// Markdown as sanitised HTML (cmark, safe mode; invalid UTF-8 replaced).
std::string renderMarkdown(std::string_view markdown);

// A slug from `title`: ASCII letters and digits lower-cased, anything else a hyphen (at most 60
// characters); "" when the title has none.
std::string slugOf(std::string_view title);

// The staff's use cases (news.manage), on the actor's organisation's items.
[[nodiscard]] domain::Result<NewsItem> createNews(store::Database& db, const hotline::Actor& actor,
                                                  NewsInput input);
[[nodiscard]] domain::Result<NewsItem> changeNews(store::Database& db, const hotline::Actor& actor,
                                                  const std::string& id, NewsInput input,
                                                  std::int32_t expected_version);
[[nodiscard]] domain::Status removeNews(store::Database& db, const hotline::Actor& actor,
                                        const std::string& id, std::int32_t expected_version);
[[nodiscard]] domain::Result<NewsItem> readNews(store::Database& db, const hotline::Actor& actor,
                                                const std::string& id);
[[nodiscard]] domain::Result<std::vector<NewsItem>> listNews(store::Database& db,
                                                             const hotline::Actor& actor,
                                                             std::int32_t limit,
                                                             std::int32_t offset);

// What the public pages read (needs no one): published items only.
struct PublishedNews {
  std::vector<NewsItem> items;
  std::int64_t total = 0;  // published items of the language
};
inline constexpr std::int32_t kNewsPageSize = 10;
inline constexpr std::int32_t kFeedEntries = 20;
[[nodiscard]] domain::Result<PublishedNews> publishedNews(store::Database& db,
                                                          std::string_view language,
                                                          std::int32_t limit, std::int32_t offset);
[[nodiscard]] domain::Result<std::optional<NewsItem>> publishedItem(store::Database& db,
                                                                    const std::string& slug);
// The installation's stable random key, from which the feed and entry ids are derived.
[[nodiscard]] domain::Result<std::string> feedKey(store::Database& db);

// GET /public/news (`page` from 1): the language's published items, newest first.
std::string newsListPage(const Catalog& c, const PublishedNews& news, std::int32_t page);
// GET /public/news/{slug}.
std::string newsItemPage(const Catalog& c, const NewsItem& item);
// GET /public/feed/{language}.atom: an Atom 1.0 feed of `items` (published, of c's language).
// Links are relative to the site (RFC 4287 §4.2.7.1: IRI references); ids are urn:uuid: derived
// from `feed_key`, stable for the life of the installation.
std::string atomFeed(const Catalog& c, const std::vector<NewsItem>& items,
                     std::string_view feed_key);

}  // namespace strada::public_site
