// The knowledge base: search and read articles during a call (not audited: articles are not
// personal data), and write them (audited, optimistic versioning).
#include "domain/knowledge.h"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>
#include <limits>

#include "api/async.h"
#include "api/json_input.h"
#include "api/routes.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "domain/ids.h"
#include "store/knowledge_repository.h"

namespace strada::api {
namespace {

using boost::asio::awaitable;
using domain::Result;

constexpr std::int32_t kDefaultLimit = 20;
constexpr std::int32_t kMaxLimit = 100;
constexpr std::size_t kMaxQueryBytes = 400;
constexpr const char* kObjectType = "knowledge_article";

domain::Error notFound() {
  return domain::Error{domain::ErrorCode::kNotFound, "No such article.", "", ""};
}

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
  if (auto valid = domain::validateKnowledge(k); !valid) {
    return tl::unexpected(valid.error());
  }
  return k;
}

struct ListQuery {
  store::KnowledgeFilter filter;
  std::optional<std::string> text;
};

Result<ListQuery> decodeListQuery(const http::Request& req, const policy::Principal& who) {
  ListQuery q;
  q.filter.org_id = who.org_id;
  q.filter.limit = kDefaultLimit;
  for (const auto& [key, value] : req.query) {
    if (key == "q") {
      if (value.size() > kMaxQueryBytes) {
        return domain::invalidField("q", "The search text is too long: use a few words.");
      }
      q.text = value;
    } else if (key == "country") {
      if (!value.empty() && !domain::countryCodes().contains(value)) {
        return domain::invalidField("country", "Use an ISO 3166-1 two-letter country code.");
      }
      q.filter.country = value;
    } else if (key == "kind") {
      if (!value.empty() && !domain::isKnowledgeKind(value)) {
        return domain::invalidField("kind", "Use country_sheet, safety_tip or useful_numbers.");
      }
      q.filter.kind = value;
    } else if (key == "language") {
      if (!value.empty() && !domain::languageCodes().contains(value)) {
        return domain::invalidField("language", "Use an ISO 639-1 two-letter language code.");
      }
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
  auto query = decodeListQuery(req, who);
  if (!query) {
    co_return errorResponse(req, query.error());
  }
  // Search text with no letters or digits in it is no search: list instead.
  const bool search = query->text.has_value() && !store::knowledgeSearchWords(*query->text).empty();
  auto job = [q = std::move(*query), search](soci::session& sql) {
    return search ? store::searchKnowledge(sql, q.filter, *q.text)
                  : store::listKnowledgeArticles(sql, q.filter);
  };
  auto hits = co_await awaitRead<Result<std::vector<store::KnowledgeHit>>>(ctx.db, std::move(job));
  if (!hits) {
    co_return errorResponse(req, hits.error());
  }
  boost::json::array items;
  items.reserve(hits->size());
  for (const auto& h : *hits) {
    items.emplace_back(encodeHit(h, search));
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)}});
}

// The article `id` of the caller's organisation, or NotFound.
awaitable<Result<domain::KnowledgeArticle>> loadOwn(ApiContext& ctx, const std::string& id,
                                                    const policy::Principal& who) {
  if (!domain::isIdShaped(id)) {
    co_return tl::unexpected(notFound());
  }
  auto job = [id](soci::session& sql) { return store::findKnowledgeArticle(sql, id); };
  auto found =
      co_await awaitRead<Result<std::optional<domain::KnowledgeArticle>>>(ctx.db, std::move(job));
  if (!found) {
    co_return tl::unexpected(found.error());
  }
  if (!found->has_value() || !policy::requireSameOrganisation(who, (*found)->org_id)) {
    co_return tl::unexpected(notFound());
  }
  co_return std::move(**found);
}

awaitable<http::Response> getArticle(ApiContext& ctx, http::Request& req,
                                     const policy::Principal& who) {
  const std::string id(req.param("id"));
  auto article = co_await loadOwn(ctx, id, who);
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
  domain::KnowledgeArticle a;
  a.id = crypto::newId();
  a.org_id = who.org_id;
  a.data = std::move(*input);
  a.updated_at = domain::nowMillis();
  a.updated_by = who.user_id;
  a.version = 1;
  store::WriteJob insert = [a, who, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::insertKnowledgeArticle(w, a); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "knowledge.create", kObjectType, a.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(insert));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  auto response = http::Response::json(201, encodeArticle(a));
  response.headers.emplace_back("Location", "/api/v1/knowledge/" + a.id);
  co_return response;
}

awaitable<http::Response> updateArticle(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, notFound());
  }
  std::int32_t expected = 0;
  auto input = decodeInput(req.body, true, expected);
  if (!input) {
    co_return errorResponse(req, input.error());
  }
  if (expected == std::numeric_limits<std::int32_t>::max()) {
    co_return errorResponse(req, domain::Error{domain::ErrorCode::kConflict,
                                               "Someone else changed this article. Reload it and "
                                               "apply your change again.",
                                               "version", "version at maximum"});
  }
  domain::KnowledgeArticle a;
  a.id = id;
  a.org_id = who.org_id;  // the update matches this organisation's article only
  a.data = std::move(*input);
  a.updated_at = domain::nowMillis();
  a.updated_by = who.user_id;
  a.version = expected + 1;
  store::WriteJob update = [a, expected, who, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::updateKnowledgeArticle(w, a, expected); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "knowledge.update", kObjectType, a.id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(update));
  if (!status) {
    co_return errorResponse(req, status.error());
  }
  co_return http::Response::json(200, encodeArticle(a));
}

awaitable<http::Response> deleteArticle(ApiContext& ctx, http::Request& req,
                                        const policy::Principal& who) {
  const std::string id(req.param("id"));
  if (!domain::isIdShaped(id)) {
    co_return errorResponse(req, notFound());
  }
  store::WriteJob remove = [id, who, rid = req.request_id](store::WriteContext& w) {
    if (auto s = store::deleteKnowledgeArticle(w, who.org_id, id); !s) {
      return s;
    }
    return w.audit({who.user_id, who.org_id, "knowledge.delete", kObjectType, id, rid});
  };
  auto status = co_await awaitWrite(ctx.db, std::move(remove));
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
