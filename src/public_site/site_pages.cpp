// The organisations' pages and case studies (public_site/site_pages.h).
#include "public_site/site_pages.h"

#include <algorithm>

#include "crypto/crypto.h"
#include "policy/policy.h"
#include "public_site/html.h"
#include "public_site/news.h"
#include "public_site/pages.h"
#include "public_site/text_input.h"
#include "store/site_page_repository.h"

namespace strada::public_site {
namespace {

bool validKind(std::string_view kind) { return kind == "page" || kind == "case_study"; }
bool validStatus(std::string_view status) { return status == "draft" || status == "published"; }

domain::Status checkInput(SitePageInput& in, bool creating) {
  if (creating) {
    if (!validKind(in.kind)) {
      return domain::invalidField("kind", "Choose page or case_study.");
    }
    if (!validSlug(in.slug)) {
      return domain::invalidField(
          "slug", "Use lower-case letters, digits and single hyphens, at most 80 characters.");
    }
    if (!publicLanguage(in.language)) {
      return domain::invalidField("language", "Choose one of the public site's languages.");
    }
  }
  if (auto s = checkText(in.title, "title", 1, 200); !s) {
    return s;
  }
  if (auto s = checkText(in.summary, "summary", 0, 500, true); !s) {
    return s;
  }
  if (in.body.size() > kMaxSitePageBody) {
    return domain::invalidField("body", "Write at most 100,000 bytes.");
  }
  if (auto s = checkText(in.body, "body", 0, kMaxSitePageBody, true); !s) {
    return s;
  }
  if (!validStatus(in.status)) {
    return domain::invalidField("status", "Choose draft or published.");
  }
  return {};
}

SitePage pageOf(const store::StoredSitePage& p) {
  SitePage out;
  out.id = p.id;
  out.kind = p.kind;
  out.slug = p.slug;
  out.language = p.language;
  out.title = p.title;
  out.summary = p.summary;
  out.body = p.body;
  out.status = p.status;
  out.published_at = p.published_at;
  out.created_at = p.created_at;
  out.updated_at = p.updated_at;
  out.version = p.version;
  out.organisation = p.org_name;
  return out;
}

domain::Status may(const hotline::Actor& actor) {
  return policy::require(actor.principal, policy::Permission::kSitePagesManage);
}

domain::Result<SitePage> reread(store::Database& db, const std::string& org_id,
                                const std::string& id) {
  domain::Result<std::optional<store::StoredSitePage>> found;
  db.read([&](soci::session& sql) { found = store::findSitePage(sql, org_id, id); });
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return domain::fail(domain::ErrorCode::kNotFound, "There is no such page.", "id");
  }
  return pageOf(**found);
}

std::string href(const Catalog& c, std::string_view path) {
  return std::string(path) + "?lang=" + urlEncode(c.language());
}

}  // namespace

std::string sitePagePath(std::string_view kind, std::string_view slug) {
  return std::string(kind == "case_study" ? "/public/case-studies/" : "/public/pages/") +
         std::string(slug);
}

domain::Result<SitePage> createSitePage(store::Database& db, const hotline::Actor& actor,
                                        SitePageInput input) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  if (auto s = checkInput(input, true); !s) {
    return tl::unexpected(s.error());
  }
  store::StoredSitePage p;
  p.id = crypto::newId();
  p.org_id = actor.principal.org_id;
  p.kind = input.kind;
  p.slug = input.slug;
  p.language = input.language;
  p.title = input.title;
  p.summary = input.summary;
  p.body = input.body;
  p.status = input.status;
  p.created_by = actor.principal.user_id;
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    p.published_at = p.status == "published" ? w.now() : 0;
    if (auto s = store::insertSitePage(w, p); !s) {
      return s;
    }
    if (auto s = w.audit(actor.entry(audit::AuditAction::kSitePageCreate, p.id)); !s) {
      return s;
    }
    if (p.status == "published") {
      return w.audit(actor.entry(audit::AuditAction::kSitePagePublish, p.id));
    }
    return {};
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return reread(db, p.org_id, p.id);
}

domain::Result<SitePage> changeSitePage(store::Database& db, const hotline::Actor& actor,
                                        const std::string& id, SitePageInput input,
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
  store::StoredSitePage p;
  p.id = id;
  p.org_id = actor.principal.org_id;
  p.title = input.title;
  p.summary = input.summary;
  p.body = input.body;
  p.status = input.status;
  p.updated_by = actor.principal.user_id;
  const bool publishing = p.status == "published" && before->status != "published";
  auto status = db.write([&](store::WriteContext& w) -> domain::Status {
    // Published first now; published again later keeps its first date; a draft keeps it too.
    p.published_at = before->published_at;
    if (p.status == "published" && p.published_at == 0) {
      p.published_at = w.now();
    }
    if (auto s = store::updateSitePage(w, p, expected_version); !s) {
      return s;
    }
    if (auto s = w.audit(actor.entry(audit::AuditAction::kSitePageUpdate, id)); !s) {
      return s;
    }
    if (publishing) {
      return w.audit(actor.entry(audit::AuditAction::kSitePagePublish, id));
    }
    return {};
  });
  if (!status) {
    return tl::unexpected(status.error());
  }
  return reread(db, p.org_id, id);
}

domain::Status removeSitePage(store::Database& db, const hotline::Actor& actor,
                              const std::string& id, std::int32_t expected_version) {
  if (auto s = may(actor); !s) {
    return s;
  }
  return db.write([&](store::WriteContext& w) -> domain::Status {
    if (auto s = store::deleteSitePage(w, actor.principal.org_id, id, expected_version); !s) {
      return s;
    }
    return w.audit(actor.entry(audit::AuditAction::kSitePageDelete, id));
  });
}

domain::Result<SitePage> readSitePage(store::Database& db, const hotline::Actor& actor,
                                      const std::string& id) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  return reread(db, actor.principal.org_id, id);
}

domain::Result<std::vector<SitePage>> listSitePages(store::Database& db,
                                                    const hotline::Actor& actor,
                                                    const SitePageQuery& query) {
  if (auto s = may(actor); !s) {
    return tl::unexpected(s.error());
  }
  if (!query.kind.empty() && !validKind(query.kind)) {
    return domain::invalidField("kind", "Choose page or case_study.");
  }
  if (!query.language.empty() && !publicLanguage(query.language)) {
    return domain::invalidField("language", "Choose one of the public site's languages.");
  }
  if (!query.status.empty() && !validStatus(query.status)) {
    return domain::invalidField("status", "Choose draft or published.");
  }
  const store::SitePageFilter filter{query.kind, query.language, query.status};
  domain::Result<std::vector<store::StoredSitePage>> rows;
  db.read([&](soci::session& sql) {
    rows = store::listOrganisationSitePages(sql, actor.principal.org_id, filter, query.limit,
                                            query.offset);
  });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::vector<SitePage> out;
  out.reserve(rows->size());
  for (const auto& p : *rows) {
    out.push_back(pageOf(p));
  }
  return out;
}

domain::Result<std::optional<PublishedPage>> publishedSitePage(store::Database& db,
                                                               std::string_view kind,
                                                               const std::string& slug,
                                                               std::string_view language) {
  if (!validSlug(slug)) {
    return std::optional<PublishedPage>();
  }
  domain::Result<std::vector<store::StoredSitePage>> rows;
  db.read(
      [&](soci::session& sql) { rows = store::listPublishedSlug(sql, std::string(kind), slug); });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (rows->empty()) {
    return std::optional<PublishedPage>();
  }
  // The first writer's organisation names the slug; its languages are the page's.
  const std::string org = rows->front().org_id;
  std::vector<const store::StoredSitePage*> mine;
  for (const auto& r : *rows) {
    if (r.org_id == org) {
      mine.push_back(&r);
    }
  }
  // The reader's language, else the first of kPublicLanguages the page has.
  const store::StoredSitePage* chosen = nullptr;
  auto in = [&](std::string_view l) -> const store::StoredSitePage* {
    auto it =
        std::find_if(mine.begin(), mine.end(), [l](const auto* r) { return r->language == l; });
    return it == mine.end() ? nullptr : *it;
  };
  chosen = in(language);
  for (std::size_t i = 0; chosen == nullptr && i < kPublicLanguages.size(); ++i) {
    chosen = in(kPublicLanguages[i]);
  }
  if (chosen == nullptr) {
    chosen = mine.front();
  }
  PublishedPage out;
  out.page = pageOf(*chosen);
  out.fallback = chosen->language != language;
  for (const std::string_view l : kPublicLanguages) {
    if (in(l) != nullptr) {
      out.languages.emplace_back(l);
    }
  }
  return std::optional<PublishedPage>(std::move(out));
}

domain::Result<PublishedCaseStudies> publishedCaseStudies(store::Database& db,
                                                          std::string_view language,
                                                          std::int32_t limit, std::int32_t offset) {
  const std::string lang(language);
  const std::string kind = "case_study";
  domain::Result<std::vector<store::StoredSitePage>> rows;
  domain::Result<std::int64_t> total;
  db.read([&](soci::session& sql) {
    rows = store::listPublishedSitePages(sql, kind, lang, limit, offset);
    total = store::countPublishedSitePages(sql, kind, lang);
  });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  if (!total) {
    return tl::unexpected(total.error());
  }
  PublishedCaseStudies out;
  out.total = *total;
  for (const auto& p : *rows) {
    out.items.push_back(pageOf(p));
  }
  return out;
}

domain::Result<std::vector<PageLink>> footerLinks(store::Database& db, std::string_view language) {
  const std::string lang(language);
  const std::string kind = "page";
  domain::Result<std::vector<store::StoredSitePage>> rows;
  db.read([&](soci::session& sql) {
    rows = store::listPublishedSitePages(sql, kind, lang, kFooterPages, 0);
  });
  if (!rows) {
    return tl::unexpected(rows.error());
  }
  std::vector<PageLink> out;
  for (const auto& p : *rows) {
    if (std::none_of(out.begin(), out.end(), [&](const PageLink& l) { return l.slug == p.slug; })) {
      out.push_back({p.slug, p.title});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const PageLink& a, const PageLink& b) { return a.title < b.title; });
  return out;
}

std::string sitePageView(const Catalog& c, const PublishedPage& published) {
  const SitePage& p = published.page;
  const std::string path = sitePagePath(p.kind, p.slug);
  Html h;
  openOtherPage(h, c, p.title, path);
  h.fill("<article class=\"site-page\" lang=\"{0}\" dir=\"{1}\">",
         {p.language, Catalog::of(p.language).direction()});
  if (published.fallback) {
    h.fill("<p class=\"note\" lang=\"{0}\" dir=\"{1}\">{2}</p>",
           {c.language(), c.direction(),
            c.format("page_fallback", {Catalog::of(p.language).text("lang_name")})});
  }
  h.fill("<h1>{0}</h1>", {p.title});
  if (p.kind == "case_study") {
    h.fill("<p class=\"meta\">{0} · {1}</p>", {c.text("case_study"), p.organisation});
  }
  if (!p.summary.empty()) {
    h.fill("<p class=\"summary\"><strong>{0}</strong></p>", {p.summary});
  }
  // cmark's safe HTML (news.h renderMarkdown): raw HTML and javascript: links never come through.
  h.raw("<div class=\"body\">").raw(renderMarkdown(p.body)).raw("</div></article>");
  if (published.languages.size() > 1) {
    h.fill("<nav aria-label=\"{0}\"><p>{0}:</p><ul class=\"pages\">", {c.text("page_languages")});
    for (const std::string& l : published.languages) {
      if (l == p.language) {
        continue;
      }
      h.fill("<li><a href=\"{0}?lang={1}\" lang=\"{1}\" hreflang=\"{1}\">{2}</a></li>",
             {path, l, Catalog::of(l).text("lang_name")});
    }
    h.raw("</ul></nav>");
  }
  if (p.kind == "case_study") {
    h.fill("<p><a href=\"{0}\">{1}</a></p>",
           {href(c, "/public/case-studies"), c.text("case_studies_heading")});
  }
  return closePage(h);
}

std::string caseStudiesPage(const Catalog& c, const PublishedCaseStudies& list, std::int32_t page) {
  Html h;
  openOtherPage(h, c, c.text("case_studies_heading"), "/public/case-studies");
  h.fill("<h1>{0}</h1>", {c.text("case_studies_heading")});
  if (list.items.empty()) {
    h.fill("<p>{0}</p>", {c.text("no_case_studies")});
  }
  for (const SitePage& item : list.items) {
    h.raw("<article class=\"news\">");
    h.fill("<h2><a href=\"{0}\">{1}</a></h2>",
           {href(c, sitePagePath("case_study", item.slug)), item.title});
    h.fill("<p class=\"meta\">{0}</p>", {item.organisation});
    if (!item.summary.empty()) {
      h.fill("<p>{0}</p>", {item.summary});
    }
    h.raw("</article>");
  }
  const bool newer = page > 1;
  const bool older = static_cast<std::int64_t>(page) * kCaseStudiesPageSize < list.total;
  if (newer || older) {
    h.fill("<nav aria-label=\"{0}\"><ul class=\"pages\">", {c.text("case_studies_heading")});
    if (newer) {
      h.fill("<li><a href=\"{0}&amp;page={1}\" rel=\"prev\">{2}</a></li>",
             {href(c, "/public/case-studies"), std::to_string(page - 1), c.text("news_newer")});
    }
    if (older) {
      h.fill("<li><a href=\"{0}&amp;page={1}\" rel=\"next\">{2}</a></li>",
             {href(c, "/public/case-studies"), std::to_string(page + 1), c.text("news_older")});
    }
    h.raw("</ul></nav>");
  }
  return closePage(h);
}

std::string withFooter(std::string html, const Catalog& c, const std::vector<PageLink>& links) {
  const std::size_t at = html.rfind("</body>");
  if (at == std::string::npos) {
    return html;
  }
  Html h;
  h.fill("<footer><nav aria-label=\"{0}\"><ul>", {c.text("footer_nav")});
  for (const PageLink& l : links) {
    h.fill("<li><a href=\"{0}\">{1}</a></li>", {href(c, sitePagePath("page", l.slug)), l.title});
  }
  h.fill("<li><a href=\"{0}\">{1}</a></li></ul></nav></footer>",
         {href(c, "/public/case-studies"), c.text("case_studies_heading")});
  html.insert(at, h.str());
  return html;
}

}  // namespace strada::public_site
