// The public site (issue 11, section 1; public_site/, docs/public-site.md): the server-rendered
// pages under /public/ and their two assets, needing no sign-in; the JSON of the published
// hotlines (GET /api/v1/public/hotlines); and the organisation's own public profile for its
// admins (GET and PUT /api/v1/public-profile, public_profile.manage).
//
// A page takes ?lang= (one of public_site::kPublicLanguages; otherwise Accept-Language decides)
// and ignores any other parameter. No answer here sets a cookie or names another origin.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "api/json_input.h"
#include "api/public_answers.h"
#include "api/routes.h"
#include "domain/codes.h"
#include "network/network_figures.h"
#include "public_site/catalog.h"
#include "public_site/pages.h"
#include "public_site/profile.h"
#include "store/async.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;
namespace json = boost::json;
namespace site = public_site;

awaitable<Result<std::vector<site::Listing>>> listings(ApiContext& ctx) {
  auto work = [&db = ctx.db] { return site::publishedListings(db); };
  co_return co_await store::awaitOnPool<Result<std::vector<site::Listing>>>(ctx.cpu,
                                                                            std::move(work));
}

template <class Render>
awaitable<http::Response> listingPage(ApiContext& ctx, http::Request& req, Render render) {
  auto all = co_await listings(ctx);
  if (!all) {
    co_return publicPageError(req, all.error());
  }
  co_return htmlPage(200, render(publicCatalogOf(req), *all));
}

awaitable<http::Response> countryPage(ApiContext& ctx, http::Request& req) {
  const std::string country(req.param("country"));
  if (!domain::countryCodes().contains(country)) {
    co_return publicNotFound(req);
  }
  co_return co_await listingPage(ctx, req, [&](const site::Catalog& c, const auto& all) {
    return site::countryPage(c, country, all);
  });
}

awaitable<http::Response> figuresPage(ApiContext& ctx, http::Request& req) {
  auto work = [&db = ctx.db] { return network::publishedFigures(db); };
  auto o = co_await store::awaitOnPool<Result<network::Overview>>(ctx.cpu, std::move(work));
  if (!o) {
    co_return publicPageError(req, o.error());
  }
  co_return htmlPage(200, site::figuresPage(publicCatalogOf(req), *o));
}

http::Response asset(std::string_view type, std::string_view body) {
  http::Response response = http::Response::text(200, std::string(type), std::string(body));
  response.headers.emplace_back("Cache-Control", "public, max-age=86400");
  return response;
}

json::object encodeHotline(const site::Hotline& h) {
  json::array channels;
  for (const auto& c : h.channels) {
    channels.push_back({{"kind", c.kind}, {"value", c.value}});
  }
  return {{"name", h.name},
          {"numbers", json::array(h.numbers.begin(), h.numbers.end())},
          {"hours", h.hours},
          {"free_of_charge", h.free_of_charge},
          {"languages", json::array(h.languages.begin(), h.languages.end())},
          {"channels", std::move(channels)}};
}

json::array encodeHotlines(const std::vector<site::Hotline>& hotlines) {
  json::array out;
  for (const auto& h : hotlines) {
    out.push_back(encodeHotline(h));
  }
  return out;
}

// GET /api/v1/public/hotlines: what the pages show, as JSON.
awaitable<http::Response> publicHotlines(ApiContext& ctx, http::Request& req) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  auto all = co_await listings(ctx);
  if (!all) {
    co_return errorResponse(req, all.error());
  }
  json::array items;
  for (const auto& l : *all) {
    items.push_back({{"member", l.org_code},
                     {"name", l.name},
                     {"country", l.country},
                     {"hotlines", encodeHotlines(l.hotlines)},
                     {"address", l.public_address.empty() ? json::value(nullptr)
                                                          : json::value(l.public_address)}});
  }
  co_return http::Response::json(200, json::object{{"items", std::move(items)}});
}

json::object encodeProfile(const site::PublicProfile& p) {
  return {{"hotlines", encodeHotlines(p.hotlines)},
          {"address", p.address},
          {"address_public", p.address_public},
          {"updated_at", p.updated_at > 0 ? json::value(domain::formatRfc3339(p.updated_at))
                                          : json::value(nullptr)},
          {"version", p.version}};
}

Result<site::PublicProfile> decodeProfile(std::string_view body, std::int32_t& version) {
  JsonFields in(body);
  site::PublicProfile p;
  for (JsonFields& each : in.objects("hotlines", 20)) {
    site::Hotline& h = p.hotlines.emplace_back();
    each.required("name", h.name, 200);
    each.list("numbers", h.numbers, 10, 40);
    each.optional("hours", h.hours, 200);
    each.optional("free_of_charge", h.free_of_charge);
    each.list("languages", h.languages, 40, 8);
    for (JsonFields& way : each.objects("channels", 20)) {
      site::HotlineChannel& c = h.channels.emplace_back();
      way.required("kind", c.kind, 16);
      way.required("value", c.value, 300);
    }
  }
  in.optional("address", p.address, 500);
  in.optional("address_public", p.address_public);
  in.version(version, 0);
  return in.finish(std::move(p));
}

awaitable<http::Response> getProfile(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  if (auto s = noParams(req); !s) {
    co_return errorResponse(req, s.error());
  }
  auto work = [&db = ctx.db, &vault = ctx.vault, actor = actorOf(who, req.request_id)] {
    return site::readPublicProfile(db, vault, actor);
  };
  auto p = co_await store::awaitOnPool<Result<site::PublicProfile>>(ctx.cpu, std::move(work));
  if (!p) {
    co_return errorResponse(req, p.error());
  }
  co_return http::Response::json(200, encodeProfile(*p));
}

awaitable<http::Response> putProfile(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  std::int32_t version = 0;
  auto decoded = decodeProfile(req.body, version);
  if (!decoded) {
    co_return errorResponse(req, decoded.error());
  }
  auto work = [&db = ctx.db, &vault = ctx.vault, actor = actorOf(who, req.request_id),
               p = std::move(*decoded),
               version] { return site::changePublicProfile(db, vault, actor, p, version); };
  auto p = co_await store::awaitOnPool<Result<site::PublicProfile>>(ctx.cpu, std::move(work));
  if (!p) {
    co_return errorResponse(req, p.error());
  }
  co_return http::Response::json(200, encodeProfile(*p));
}

}  // namespace

void registerPublicSiteRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.publicRoute("GET", "/public/", [&ctx](http::Request& req) {
    return listingPage(
        ctx, req, [](const site::Catalog& c, const auto& all) { return site::homePage(c, all); });
  });
  routes.publicRoute("GET", "/public/hotlines", [&ctx](http::Request& req) {
    return listingPage(ctx, req, [](const site::Catalog& c, const auto& all) {
      return site::hotlinesPage(c, all);
    });
  });
  routes.publicRoute("GET", "/public/hotlines/{country}",
                     [&ctx](http::Request& req) { return countryPage(ctx, req); });
  routes.publicRoute("GET", "/public/figures",
                     [&ctx](http::Request& req) { return figuresPage(ctx, req); });
  routes.publicRoute("GET", "/public/assets/site.css",
                     [](http::Request&) -> awaitable<http::Response> {
                       co_return asset("text/css; charset=utf-8", site::siteCss());
                     });
  routes.publicRoute("GET", "/public/assets/site.js",
                     [](http::Request&) -> awaitable<http::Response> {
                       co_return asset("text/javascript; charset=utf-8", site::siteJs());
                     });
  routes.publicRoute("GET", "/api/v1/public/hotlines",
                     [&ctx](http::Request& req) { return publicHotlines(ctx, req); });
  routes.route("GET", "/api/v1/public-profile", policy::Permission::kPublicProfileManage,
               &getProfile);
  routes.route("PUT", "/api/v1/public-profile", policy::Permission::kPublicProfileManage,
               &putProfile);
}

}  // namespace strada::api
