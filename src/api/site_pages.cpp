// Pages and case studies (issue 11, section 1; public_site/site_pages.h, docs/public-site.md): the
// staff's routes (GET/POST /api/v1/site-pages, GET/PUT/DELETE /api/v1/site-pages/{id},
// site_pages.manage) and the public ones, needing no sign-in: /public/pages/{slug},
// /public/case-studies and /public/case-studies/{slug}; and the footer every public page gets.
#include "public_site/site_pages.h"

#include <boost/json/object.hpp>

#include "api/encode.h"
#include "api/handler.h"
#include "api/json_input.h"
#include "api/public_answers.h"
#include "api/routes.h"
#include "public_site/catalog.h"
#include "public_site/pages.h"
#include "store/async.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;
namespace json = boost::json;
namespace site = public_site;

json::object encodePage(const site::SitePage& p) {
  return {{"id", p.id},
          {"kind", p.kind},
          {"slug", p.slug},
          {"language", p.language},
          {"title", p.title},
          {"summary", p.summary},
          {"body", p.body},
          {"status", p.status},
          {"published_at", timeOrNull(p.published_at)},
          {"created_at", domain::formatRfc3339(p.created_at)},
          {"updated_at", domain::formatRfc3339(p.updated_at)},
          {"organisation", p.organisation},
          {"url", site::sitePagePath(p.kind, p.slug) + "?lang=" + p.language},
          {"version", p.version}};
}

Result<site::SitePageInput> decodePage(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  site::SitePageInput p;
  in.required("title", p.title, 200);
  in.optional("summary", p.summary, 500);
  in.optional("body", p.body, site::kMaxSitePageBody);
  in.optional("status", p.status, 16);
  if (version != nullptr) {
    in.version(*version);
  } else {
    in.optional("kind", p.kind, 16);
    in.required("slug", p.slug, 80);
    in.required("language", p.language, 8);
  }
  return in.finish(std::move(p));
}

Result<site::SitePageQuery> decodeQuery(const http::Request& req) {
  site::SitePageQuery q;
  for (const auto& [key, value] : req.query) {
    if (key == "kind") {
      q.kind = value;
    } else if (key == "language") {
      q.language = value;
    } else if (key == "status") {
      q.status = value;
    } else if (key != "limit" && key != "offset") {
      return unknownParam(key);
    }
  }
  auto limit = intParam(req, "limit", 1, 200, 50, "Use a limit from 1 to 200.");
  if (!limit) {
    return tl::unexpected(limit.error());
  }
  auto offset = intParam(req, "offset", 0, 1000000, 0, "Use an offset of 0 or more.");
  if (!offset) {
    return tl::unexpected(offset.error());
  }
  q.limit = *limit;
  q.offset = *offset;
  return q;
}

http::Response pageCreated(const site::SitePage& p) {
  return created(encodePage(p), "/api/v1/site-pages/" + p.id);
}

json::object encodePageList(const std::vector<site::SitePage>& items) {
  return itemsBody(items, encodePage);
}

awaitable<http::Response> pageRoute(ApiContext& ctx, http::Request& req, std::string kind) {
  const site::Catalog& c = publicCatalogOf(req);
  auto work = [&db = ctx.db, kind = std::move(kind), slug = std::string(req.param("slug")),
               lang = std::string(c.language())] {
    return site::publishedSitePage(db, kind, slug, lang);
  };
  auto found = co_await onCpuPool<std::optional<site::PublishedPage>>(ctx, std::move(work));
  if (!found) {
    co_return publicPageError(req, found.error());
  }
  if (!*found) {
    co_return publicNotFound(req);
  }
  co_return htmlPage(200, site::sitePageView(c, **found));
}

awaitable<http::Response> caseStudiesRoute(ApiContext& ctx, http::Request& req) {
  const site::Catalog& c = publicCatalogOf(req);
  const auto page_number = publicPageNumber(req);
  if (!page_number) {
    co_return publicNotFound(req);
  }
  const std::int32_t number = *page_number;
  auto work = [&db = ctx.db, lang = std::string(c.language()), number] {
    return site::publishedCaseStudies(db, lang, site::kCaseStudiesPageSize,
                                      (number - 1) * site::kCaseStudiesPageSize);
  };
  auto list = co_await onCpuPool<site::PublishedCaseStudies>(ctx, std::move(work));
  if (!list) {
    co_return publicPageError(req, list.error());
  }
  co_return htmlPage(200, site::caseStudiesPage(c, *list, number));
}

}  // namespace

awaitable<http::Response> withSiteFooter(ApiContext& ctx, const http::Request& req,
                                         http::Response response) {
  if (!req.path.starts_with("/public/") || !response.content_type.starts_with("text/html")) {
    co_return response;
  }
  const site::Catalog& c = publicCatalogOf(req);
  auto work = [&db = ctx.db, lang = std::string(c.language())] {
    return site::footerLinks(db, lang);
  };
  auto links = co_await onCpuPool<std::vector<site::PageLink>>(ctx, std::move(work));
  // Without its links (the database failing) the page still answers, with the case studies'.
  response.body =
      site::withFooter(std::move(response.body), c, links ? *links : std::vector<site::PageLink>());
  co_return response;
}

void registerSitePageRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  using policy::Permission;
  routes.route("GET", "/api/v1/site-pages", Permission::kSitePagesManage, decodeQuery,
               blocking(ctx.cpu, &site::listSitePages), encodePageList);
  routes.route("POST", "/api/v1/site-pages", Permission::kSitePagesManage, bodyOf<decodePage>,
               blocking(ctx.cpu, &site::createSitePage), pageCreated);
  routes.route("GET", "/api/v1/site-pages/{id}", Permission::kSitePagesManage, idParam,
               blocking(ctx.cpu, &site::readSitePage), encodePage);
  routes.route("PUT", "/api/v1/site-pages/{id}", Permission::kSitePagesManage,
               versionedChange<decodePage>, blocking(ctx.cpu, &site::changeSitePage), encodePage);
  routes.route("DELETE", "/api/v1/site-pages/{id}", Permission::kSitePagesManage, idAndVersionQuery,
               blocking(ctx.cpu, &site::removeSitePage));
  routes.publicRoute("GET", "/public/pages/{slug}",
                     [&ctx](http::Request& req) { return pageRoute(ctx, req, "page"); });
  routes.publicRoute("GET", "/public/case-studies",
                     [&ctx](http::Request& req) { return caseStudiesRoute(ctx, req); });
  routes.publicRoute("GET", "/public/case-studies/{slug}",
                     [&ctx](http::Request& req) { return pageRoute(ctx, req, "case_study"); });
}

}  // namespace strada::api
