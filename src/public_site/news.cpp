// News items and statements (public_site/news.h).
#include "public_site/news.h"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "crypto/crypto.h"
#include "domain/encoding.h"
#include "policy/policy.h"
#include "public_site/html.h"
#include "public_site/pages.h"
#include "public_site/text_input.h"
#include "store/news_repository.h"

namespace strada::public_site {
namespace {

constexpr std::size_t kMaxTags = 10;

domain::Status checkInput(NewsInput& in, bool creating) {
  if (auto s = checkText(in.title, "title", 1, 200); !s) {
    return s;
  }
  if (auto s = checkText(in.summary, "summary", 0, 500, true); !s) {
    return s;
  }
  if (auto s = checkText(in.body, "body", 0, 50000, true); !s) {
    return s;
  }
  if (!publicLanguage(in.language)) {
    return domain::invalidField("language", "Choose one of the public site's languages.");
  }
  if (in.kind != "news" && in.kind != "statement") {
    return domain::invalidField("kind", "Choose news or statement.");
  }
  if (in.status != "draft" && in.status != "published") {
    return domain::invalidField("status", "Choose draft or published.");
  }
  if (in.tags.size() > kMaxTags) {
    return domain::invalidField("tags", "Give at most 10 tags.");
  }
  for (std::size_t i = 0; i < in.tags.size(); ++i) {
    const std::string field = "tags[" + std::to_string(i) + "]";
    if (auto s = checkText(in.tags[i], field, 1, 40); !s) {
      return s;
    }
    if (in.tags[i].find(',') != std::string::npos) {
      return domain::invalidField(field, "A tag has no comma.");
    }
  }
  if (creating && !in.slug.empty() && !validSlug(in.slug)) {
    return domain::invalidField(
        "slug", "Use lower-case letters, digits and single hyphens, at most 80 characters.");
  }
  if (in.published_at && *in.published_at <= 0) {
    return domain::invalidField("published_at", "Give a date after 1970.");
  }
  return {};
}

// The row of item `id` of the actor's organisation as `input` writes it (authorship aside).
store::StoredNews storedOf(const hotline::Actor& actor, const std::string& id,
                           const NewsInput& input) {
  store::StoredNews n;
  n.id = id;
  n.org_id = actor.principal.org_id;
  n.kind = input.kind;
  n.language = input.language;
  n.title = input.title;
  n.summary = input.summary;
  n.body = input.body;
  n.tags = domain::joinList(input.tags);
  n.status = input.status;
  return n;
}

NewsItem itemOf(const store::StoredNews& n) {
  NewsItem out;
  out.id = n.id;
  out.slug = n.slug;
  out.kind = n.kind;
  out.language = n.language;
  out.title = n.title;
  out.summary = n.summary;
  out.body = n.body;
  out.tags = domain::splitList(n.tags);
  out.status = n.status;
  out.published_at = n.published_at;
  out.created_at = n.created_at;
  out.updated_at = n.updated_at;
  out.version = n.version;
  out.organisation = n.org_name;
  return out;
}

domain::Status may(const hotline::Actor& actor) {
  return policy::require(actor.principal, policy::Permission::kNewsManage);
}

domain::Result<NewsItem> reread(store::Database& db, const std::string& org_id,
                                const std::string& id) {
  domain::Result<std::optional<store::StoredNews>> found;
  db.read([&](soci::session& sql) { found = store::findNews(sql, org_id, id); });
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return domain::fail(domain::ErrorCode::kNotFound, "There is no such news item.", "id");
  }
  return itemOf(**found);
}

// A urn:uuid: from 32 hex digits of `seed`'s SHA-256 (version 5 and variant bits set).
std::string urnOf(std::string_view seed) {
  std::string hex = crypto::sha256Hex(seed).substr(0, 32);
  hex[12] = '5';
  constexpr std::string_view kVariant = "89ab";
  hex[16] = kVariant[static_cast<unsigned char>(hex[16]) % 4U];
  return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

std::string href(const Catalog& c, std::string_view path) {
  return std::string(path) + "?lang=" + urlEncode(c.language());
}

// The day of `t` as YYYY-MM-DD (in a <time> element's datetime and its text).
std::string dayOf(domain::UnixMillis t) { return domain::formatRfc3339(t).substr(0, 10); }

void itemMeta(Html& h, const Catalog& c, const NewsItem& item) {
  h.raw("<p class=\"meta\">");
  if (item.kind == "statement") {
    h.fill("<strong>{0}</strong> · ", {c.text("statement")});
  }
  h.fill("{0} <time datetime=\"{1}\">{2}</time> · {3}",
         {c.text("published"), domain::formatRfc3339(item.published_at), dayOf(item.published_at),
          item.organisation});
  h.raw("</p>");
}

}  // namespace

std::string renderMarkdown(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is the safe mode: raw HTML becomes a comment saying it was left out, and
  // links to javascript:, vbscript:, file: and data: (but images of png, gif, jpeg, webp) are
  // emptied. Never CMARK_OPT_UNSAFE.
  const std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(),
                             CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

std::string slugOf(std::string_view title) {
  std::string out;
  for (const char c : title) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 60) {
      break;
    }
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out;
}

domain::Result<NewsItem> createNews(store::Database& db, const hotline::Actor& actor,
                                    NewsInput input) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = checkInput(input, true); !s) {
    return tl::unexpected(s.error());
  }
  store::StoredNews n = storedOf(actor, crypto::newId(), input);
  n.created_by = actor.principal.user_id;
  n.slug = input.slug;
  if (n.slug.empty()) {
    // Derived from the title; a taken one gets a number, and a title of no Latin letters the
    // id's beginning.
    const std::string base = slugOf(input.title);
    n.slug = base.empty() ? "news-" + n.id.substr(0, 8) : base;
    for (int i = 2; i < 10; ++i) {
      domain::Result<bool> taken;
      db.read([&](soci::session& sql) { taken = store::newsSlugTaken(sql, n.slug); });
      if (!taken) {
        return tl::unexpected(taken.error());
      }
      if (!*taken) {
        break;
      }
      n.slug = (base.empty() ? "news" : base) + "-" + std::to_string(i);
      if (i == 9) {
        n.slug = (base.empty() ? "news" : base) + "-" + n.id.substr(0, 8);
      }
    }
  }
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    if (n.status == "published") {
      n.published_at = input.published_at.value_or(w.now());
    } else {
      n.published_at = input.published_at.value_or(0);
    }
    if (auto s = store::insertNews(w, n); !s) {
      return s;
    }
    return w.audit(actor.entry(audit::AuditAction::kNewsCreate, n.id));
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return reread(db, n.org_id, n.id);
}

domain::Result<NewsItem> changeNews(store::Database& db, const hotline::Actor& actor,
                                    const std::string& id, NewsInput input,
                                    std::int32_t expected_version) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = checkInput(input, false); !s) {
    return tl::unexpected(s.error());
  }
  auto before = reread(db, actor.principal.org_id, id);
  if (!before) {
    return before;
  }
  store::StoredNews n = storedOf(actor, id, input);
  n.updated_by = actor.principal.user_id;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    // The publication date stays what it was unless given; publishing first sets it to now.
    n.published_at = input.published_at.value_or(before->published_at);
    if (n.status == "published" && n.published_at == 0) {
      n.published_at = w.now();
    }
    if (auto s = store::updateNews(w, n, expected_version); !s) {
      return s;
    }
    return w.audit(actor.entry(audit::AuditAction::kNewsUpdate, id));
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return reread(db, n.org_id, id);
}

domain::Status removeNews(store::Database& db, const hotline::Actor& actor, const std::string& id,
                          std::int32_t expected_version) {
  if (auto s = may(actor); !s) {
    return s;
  }
  return db.write([&](store::WriteContext& w) -> domain::Status {
    if (auto s = store::deleteNews(w, actor.principal.org_id, id, expected_version); !s) {
      return s;
    }
    return w.audit(actor.entry(audit::AuditAction::kNewsDelete, id));
  });
}

domain::Result<NewsItem> readNews(store::Database& db, const hotline::Actor& actor,
                                  const std::string& id) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  return reread(db, actor.principal.org_id, id);
}

domain::Result<std::vector<NewsItem>> listNews(store::Database& db, const hotline::Actor& actor,
                                               std::int32_t limit, std::int32_t offset) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  domain::Result<std::vector<store::StoredNews>> rows;
  db.read([&](soci::session& sql) {
    rows = store::listOrganisationNews(sql, actor.principal.org_id, limit, offset);
  });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::vector<NewsItem> out;
  out.reserve(rows->size());
  for (const auto& n : *rows) {
    out.push_back(itemOf(n));
  }
  return out;
}

domain::Result<PublishedNews> publishedNews(store::Database& db, std::string_view language,
                                            std::int32_t limit, std::int32_t offset) {
  const std::string lang(language);
  domain::Result<std::vector<store::StoredNews>> rows;
  domain::Result<std::int64_t> total;
  db.read([&](soci::session& sql) {
    rows = store::listPublishedNews(sql, lang, limit, offset);
    total = store::countPublishedNews(sql, lang);
  });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (!total) {
    return tl::unexpected(total.error());
  }
  PublishedNews out;
  out.total = *total;
  for (const auto& n : *rows) {
    out.items.push_back(itemOf(n));
  }
  return out;
}

domain::Result<std::optional<NewsItem>> publishedItem(store::Database& db,
                                                      const std::string& slug) {
  domain::Result<std::optional<store::StoredNews>> found;
  db.read([&](soci::session& sql) { found = store::findPublishedNews(sql, slug); });
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return std::optional<NewsItem>();
  }
  return std::optional<NewsItem>(itemOf(**found));
}

domain::Result<std::string> feedKey(store::Database& db) {
  domain::Result<std::string> key;
  db.read([&](soci::session& sql) { key = store::newsFeedKey(sql); });
  return key;
}

std::string newsListPage(const Catalog& c, const PublishedNews& news, std::int32_t page) {
  Html h;
  openNewsPage(h, c, c.text("news_heading"), "/public/news");
  h.fill("<h1>{0}</h1>", {c.text("news_heading")});
  h.fill("<p><a href=\"{0}\" type=\"application/atom+xml\">{1}</a></p>",
         {"/public/feed/" + std::string(c.language()) + ".atom", c.text("news_feed")});
  if (news.items.empty()) {
    h.fill("<p>{0}</p>", {c.text("no_news")});
  }
  for (const NewsItem& item : news.items) {
    h.raw("<article class=\"news\">");
    h.fill("<h2><a href=\"{0}\">{1}</a></h2>", {href(c, "/public/news/" + item.slug), item.title});
    itemMeta(h, c, item);
    if (!item.summary.empty()) {
      h.fill("<p>{0}</p>", {item.summary});
    }
    h.raw("</article>");
  }
  const bool newer = page > 1;
  const bool older = static_cast<std::int64_t>(page) * kNewsPageSize < news.total;
  if (newer || older) {
    h.fill("<nav aria-label=\"{0}\"><ul class=\"pages\">", {c.text("news_heading")});
    if (newer) {
      h.fill("<li><a href=\"{0}&amp;page={1}\" rel=\"prev\">{2}</a></li>",
             {href(c, "/public/news"), std::to_string(page - 1), c.text("news_newer")});
    }
    if (older) {
      h.fill("<li><a href=\"{0}&amp;page={1}\" rel=\"next\">{2}</a></li>",
             {href(c, "/public/news"), std::to_string(page + 1), c.text("news_older")});
    }
    h.raw("</ul></nav>");
  }
  return closePage(h);
}

std::string newsItemPage(const Catalog& c, const NewsItem& item) {
  Html h;
  openNewsPage(h, c, item.title, "/public/news/" + item.slug);
  h.fill("<article class=\"news\" lang=\"{0}\"><h1>{1}</h1>", {item.language, item.title});
  itemMeta(h, c, item);
  if (!item.summary.empty()) {
    h.fill("<p class=\"summary\"><strong>{0}</strong></p>", {item.summary});
  }
  // cmark's safe HTML (renderMarkdown): the one place markup that is not the code's own is kept.
  h.raw("<div class=\"body\">").raw(renderMarkdown(item.body)).raw("</div>");
  if (!item.tags.empty()) {
    h.fill("<p class=\"tags\">{0}: ", {c.text("tags")});
    for (std::size_t i = 0; i < item.tags.size(); ++i) {
      h.fill("{0}<span class=\"tag\">{1}</span>", {i == 0 ? "" : ", ", item.tags[i]});
    }
    h.raw("</p>");
  }
  h.fill("</article><p><a href=\"{0}\">{1}</a></p>",
         {href(c, "/public/news"), c.text("news_heading")});
  return closePage(h);
}

std::string atomFeed(const Catalog& c, const std::vector<NewsItem>& items,
                     std::string_view feed_key) {
  const std::string lang(c.language());
  domain::UnixMillis updated = 0;
  for (const NewsItem& item : items) {
    updated = std::max({updated, item.updated_at, item.published_at});
  }
  const std::string title =
      std::string(c.text("site_title")) + " – " + std::string(c.text("news_heading"));
  Html x;
  x.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
  x.fill("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{0}\">\n", {lang});
  x.fill("<id>{0}</id>\n", {urnOf(std::string(feed_key) + ":feed:" + lang)});
  x.fill("<title type=\"text\">{0}</title>\n", {title});
  x.fill("<updated>{0}</updated>\n", {domain::formatRfc3339(updated)});
  x.fill("<link rel=\"self\" type=\"application/atom+xml\" href=\"/public/feed/{0}.atom\"/>\n",
         {lang});
  x.fill("<link rel=\"alternate\" type=\"text/html\" hreflang=\"{0}\" href=\"{1}\"/>\n",
         {lang, href(c, "/public/news")});
  x.fill("<author><name>{0}</name></author>\n", {c.text("site_title")});
  for (const NewsItem& item : items) {
    x.raw("<entry>\n");
    x.fill("<id>{0}</id>\n", {urnOf(std::string(feed_key) + ":entry:" + item.id)});
    x.fill("<title type=\"text\">{0}</title>\n", {item.title});
    x.fill("<updated>{0}</updated>\n",
           {domain::formatRfc3339(std::max(item.updated_at, item.published_at))});
    x.fill("<published>{0}</published>\n", {domain::formatRfc3339(item.published_at)});
    x.fill("<link rel=\"alternate\" type=\"text/html\" href=\"{0}\"/>\n",
           {href(c, "/public/news/" + item.slug)});
    x.fill("<author><name>{0}</name></author>\n", {item.organisation});
    for (const std::string& tag : item.tags) {
      x.fill("<category term=\"{0}\"/>\n", {tag});
    }
    if (!item.summary.empty()) {
      x.fill("<summary type=\"text\">{0}</summary>\n", {item.summary});
    }
    x.fill("<content type=\"html\">{0}</content>\n", {renderMarkdown(item.body)});
    x.raw("</entry>\n");
  }
  x.raw("</feed>\n");
  return x.take();
}

}  // namespace strada::public_site
