// News items and statements (issue 11, section 2; public_site/news.h, docs/public-site.md): the
// staff's routes (GET/POST /api/v1/news, GET/PUT/DELETE /api/v1/news/{id}, news.manage) and the
// public ones, needing no sign-in: /public/news, /public/news/{slug} and the Atom feeds
// /public/feed/{language}.atom.
#include "public_site/news.h"

#include <boost/json/array.hpp>
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

constexpr std::int32_t kDefaultLimit = 50;
constexpr std::int32_t kMaxLimit = 200;

json::object encodeNews(const site::NewsItem& n) {
  return {{"id", n.id},
          {"slug", n.slug},
          {"kind", n.kind},
          {"language", n.language},
          {"title", n.title},
          {"summary", n.summary},
          {"body", n.body},
          {"tags", json::array(n.tags.begin(), n.tags.end())},
          {"status", n.status},
          {"published_at", timeOrNull(n.published_at)},
          {"created_at", domain::formatRfc3339(n.created_at)},
          {"updated_at", domain::formatRfc3339(n.updated_at)},
          {"organisation", n.organisation},
          {"url", "/public/news/" + n.slug},
          {"version", n.version}};
}

Result<site::NewsInput> decodeNews(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  site::NewsInput n;
  in.required("title", n.title, 200);
  in.optional("summary", n.summary, 500);
  in.optional("body", n.body, 50000);
  in.required("language", n.language, 8);
  in.list("tags", n.tags, 10, 40);
  in.optional("kind", n.kind, 16);
  in.optional("status", n.status, 16);
  in.time("published_at", n.published_at, false);
  if (version != nullptr) {
    in.version(*version);
  } else {
    in.optional("slug", n.slug, 80);
  }
  return in.finish(std::move(n));
}

Result<std::tuple<std::int32_t, std::int32_t>> decodeListQuery(const http::Request& req) {
  for (const auto& [key, value] : req.query) {
    if (key != "limit" && key != "offset") {
      return unknownParam(key);
    }
  }
  auto limit = intParam(req, "limit", 1, kMaxLimit, kDefaultLimit, "Use a limit from 1 to 200.");
  if (!limit) {
    return tl::unexpected(limit.error());
  }
  auto offset = intParam(req, "offset", 0, 1000000, 0, "Use an offset of 0 or more.");
  if (!offset) {
    return tl::unexpected(offset.error());
  }
  return std::tuple(*limit, *offset);
}

http::Response newsCreated(const site::NewsItem& n) {
  return created(encodeNews(n), "/api/v1/news/" + n.id);
}

json::object encodeNewsList(const std::vector<site::NewsItem>& items) {
  return itemsBody(items, encodeNews);
}

awaitable<http::Response> newsList(ApiContext& ctx, http::Request& req) {
  const site::Catalog& c = publicCatalogOf(req);
  const auto page_number = publicPageNumber(req);
  if (!page_number) {
    co_return publicNotFound(req);
  }
  const std::int32_t number = *page_number;
  auto work = [&db = ctx.db, lang = std::string(c.language()), number] {
    return site::publishedNews(db, lang, site::kNewsPageSize, (number - 1) * site::kNewsPageSize);
  };
  auto news = co_await onCpuPool<site::PublishedNews>(ctx, std::move(work));
  if (!news) {
    co_return publicPageError(req, news.error());
  }
  co_return htmlPage(200, site::newsListPage(c, *news, number));
}

awaitable<http::Response> newsItem(ApiContext& ctx, http::Request& req) {
  auto work = [&db = ctx.db, slug = std::string(req.param("slug"))] {
    return site::publishedItem(db, slug);
  };
  auto item = co_await onCpuPool<std::optional<site::NewsItem>>(ctx, std::move(work));
  if (!item) {
    co_return publicPageError(req, item.error());
  }
  if (!*item) {
    co_return publicNotFound(req);
  }
  co_return htmlPage(200, site::newsItemPage(publicCatalogOf(req), **item));
}

// GET /public/feed/{language}.atom
awaitable<http::Response> feed(ApiContext& ctx, http::Request& req) {
  const std::string_view file = req.param("file");
  constexpr std::string_view kSuffix = ".atom";
  const std::string lang(file.size() > kSuffix.size() && file.ends_with(kSuffix)
                             ? file.substr(0, file.size() - kSuffix.size())
                             : std::string_view());
  if (std::find(site::kPublicLanguages.begin(), site::kPublicLanguages.end(), lang) ==
      site::kPublicLanguages.end()) {
    co_return publicNotFound(req);
  }
  struct Feed {
    std::vector<site::NewsItem> items;
    std::string key;
  };
  auto work = [&db = ctx.db, lang]() -> Result<Feed> {
    auto news = site::publishedNews(db, lang, site::kFeedEntries, 0);
    if (!news) {
      return tl::unexpected(news.error());
    }
    auto key = site::feedKey(db);
    if (!key) {
      return tl::unexpected(key.error());
    }
    return Feed{std::move(news->items), std::move(*key)};
  };
  auto got = co_await onCpuPool<Feed>(ctx, std::move(work));
  if (!got) {
    co_return errorResponse(req, got.error());
  }
  http::Response response =
      http::Response::text(200, "application/atom+xml; charset=utf-8",
                           site::atomFeed(site::Catalog::of(lang), got->items, got->key));
  response.headers.emplace_back("Cache-Control", "public, max-age=300");
  co_return response;
}

}  // namespace

void registerNewsRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  using policy::Permission;
  routes.route("GET", "/api/v1/news", Permission::kNewsManage, decodeListQuery,
               blocking(ctx.cpu, &site::listNews), encodeNewsList);
  routes.route("POST", "/api/v1/news", Permission::kNewsManage, bodyOf<decodeNews>,
               blocking(ctx.cpu, &site::createNews), newsCreated);
  routes.route("GET", "/api/v1/news/{id}", Permission::kNewsManage, idParam,
               blocking(ctx.cpu, &site::readNews), encodeNews);
  routes.route("PUT", "/api/v1/news/{id}", Permission::kNewsManage, versionedChange<decodeNews>,
               blocking(ctx.cpu, &site::changeNews), encodeNews);
  routes.route("DELETE", "/api/v1/news/{id}", Permission::kNewsManage, idAndVersionQuery,
               blocking(ctx.cpu, &site::removeNews));
  routes.publicRoute("GET", "/public/news",
                     [&ctx](http::Request& req) { return newsList(ctx, req); });
  routes.publicRoute("GET", "/public/news/{slug}",
                     [&ctx](http::Request& req) { return newsItem(ctx, req); });
  routes.publicRoute("GET", "/public/feed/{file}",
                     [&ctx](http::Request& req) { return feed(ctx, req); });
}

}  // namespace strada::api
