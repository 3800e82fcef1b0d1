// The knowledge base: search and read articles during a call (not audited: articles are not
// personal data), and write them (audited, optimistic versioning). Each route decodes, calls its
// use case in hotline/knowledge.h, and encodes.
#include "hotline/knowledge.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>
#include <limits>

#include "api/json_input.h"
#include "api/routes.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kDefaultLimit = 20;
constexpr std::int32_t kMaxLimit = 100;

boost::json::object encodeArticle(const domain::KnowledgeArticle& a) {
  return {{"id", a.id},
          {"kind", a.data.kind},
          {"country", a.data.country},
          {"language", a.data.language},
          {"title", a.data.title},
          {"body", a.data.body},
          {"updated_at", domain::formatRfc3339(a.updated_at)},
          {"updated_by", a.updated_by},
          {"version", a.version}};
}

boost::json::object encodeHit(const store::KnowledgeHit& h, bool with_snippet) {
  boost::json::object out{
      {"id", h.id},           {"kind", h.kind},
      {"country", h.country}, {"language", h.language},
      {"title", h.title},     {"updated_at", domain::formatRfc3339(h.updated_at)},
      {"version", h.version}};
  if (with_snippet) {
    out["snippet"] = h.snippet;
  }
  return out;
}

// The article fields of a POST or PUT body; `with_version` also reads "version" into `version`.
Result<domain::KnowledgeInput> decodeInput(std::string_view body, bool with_version,
                                           std::int32_t& version) {
  auto in = JsonInput::parse(body);
  if (!in) {
    return tl::unexpected(in.error());
  }
  domain::KnowledgeInput k;
  auto kind = in->requiredString("kind");
  if (!kind) {
    return tl::unexpected(kind.error());
  }
  auto country = in->optionalString("country");
  if (!country) {
    return tl::unexpected(country.error());
  }
  auto language = in->requiredString("language");
  if (!language) {
    return tl::unexpected(language.error());
  }
  auto title = in->requiredString("title");
  if (!title) {
    return tl::unexpected(title.error());
  }
  auto text = in->requiredString("body");
  if (!text) {
    return tl::unexpected(text.error());
  }
  if (with_version) {
    auto v = in->requiredInteger("version", 1, std::numeric_limits<std::int32_t>::max());
    if (!v) {
      return tl::unexpected(v.error());
    }
    version = static_cast<std::int32_t>(*v);
  }
  if (auto unknown = in->rejectUnknownFields(); !unknown) {
    return tl::unexpected(unknown.error());
  }
  k.kind = std::move(*kind);
  k.country = country->value_or("");
  k.language = std::move(*language);
  k.title = std::move(*title);
  k.body = std::move(*text);
  return k;
}

// The filters as given: the use case checks them against the knowledge base's lists.
Result<hotline::KnowledgeQuery> decodeListQuery(const http::Request& req) {
  hotline::KnowledgeQuery q;
  q.filter.limit = kDefaultLimit;
  for (const auto& [key, value] : req.query) {
    if (key == "q") {
      q.text = value;
    } else if (key == "country") {
      q.filter.country = value;
    } else if (key == "kind") {
      q.filter.kind = value;
    } else if (key == "language") {
      q.filter.language = value;
    } else if (key == "limit") {
      std::int32_t n = 0;
      const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || ptr != value.data() + value.size() || n < 1 || n > kMaxLimit) {
        return domain::invalidField("limit", "Use a limit between 1 and 100.");
      }
      q.filter.limit = n;
    } else {
      return domain::invalidField(key.substr(0, 64),
                                  "This parameter is not known here. Remove it.");
    }
  }
  return q;
}

awaitable<http::Response> listOrSearch(ApiContext& ctx, http::Request& req,
                                       const policy::Principal& who) {
  auto query = decodeListQuery(req);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  auto found = co_await hotline::searchKnowledge(ctx.hotline(), actorOf(who, req.request_id),
                                                 std::move(*query));
  if (!found) {
    co_return errorResponse(req, found.error());
  }
  boost::json::array items;
  items.reserve(found->hits.size());
  for (const auto& h : found->hits) {
    items.emplace_back(encodeHit(h, found->searched));
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
}

awaitable<http::Response> getArticle(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  auto article = co_await hotline::readArticle(ctx.hotline(), actorOf(who, req.request_id),
                                               std::string(req.param("id")));
  if (!article) {
    co_return errorResponse(req, article.error());
  }
  co_return http::Response::json(200, encodeArticle(*article));
}

awaitable<http::Response> createArticle(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  std::int32_t unused_version = 0;
  auto input = decodeInput(req.body, false, unused_version);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto created = co_await hotline::createArticle(ctx.hotline(), actorOf(who, req.request_id),
                                                 std::move(*input));
  if (!created) {
    co_return errorResponse(req, created.error());
  }
  auto response = http::Response::json(201, encodeArticle(*created));
  response.headers.emplace_back("Location", "/api/v1/knowledge/" + created->id);
  co_return response;
}

awaitable<http::Response> updateArticle(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  std::int32_t expected = 0;
  auto input = decodeInput(req.body, true, expected);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  auto updated =
      co_await hotline::updateArticle(ctx.hotline(), actorOf(who, req.request_id),
                                      std::string(req.param("id")), std::move(*input), expected);
  if (!updated) {
    co_return errorResponse(req, updated.error());
  }
  co_return http::Response::json(200, encodeArticle(*updated));
}

awaitable<http::Response> deleteArticle(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  auto status = co_await hotline::deleteArticle(ctx.hotline(), actorOf(who, req.request_id),
                                                std::string(req.param("id")));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::noContent();
}

}  // namespace

void registerKnowledgeRoutes(RouteTable& routes) {
  ApiContext& ctx = routes.context();
  routes.route("GET", "/api/v1/knowledge", policy::Permission::kKnowledgeRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return listOrSearch(ctx, req, who);
               });
  routes.route("POST", "/api/v1/knowledge", policy::Permission::kKnowledgeEdit,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return createArticle(ctx, req, who);
               });
  routes.route("GET", "/api/v1/knowledge/{id}", policy::Permission::kKnowledgeRead,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return getArticle(ctx, req, who);
               });
  routes.route("PUT", "/api/v1/knowledge/{id}", policy::Permission::kKnowledgeEdit,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return updateArticle(ctx, req, who);
               });
  routes.route("DELETE", "/api/v1/knowledge/{id}", policy::Permission::kKnowledgeEdit,
               [&ctx](http::Request& req, const policy::Principal& who) {
                 return deleteArticle(ctx, req, who);
               });
}

}  // namespace strada::api
