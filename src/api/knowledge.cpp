// The knowledge base: search and read articles during a call (not audited: articles are not
// personal data), and write them (audited, optimistic versioning). Each route decodes, calls its
// use case in hotline/knowledge.h, and encodes.
#include "hotline/knowledge.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "api/json_input.h"
#include "api/routes.h"

namespace strada::api {
namespace {

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

// The article in a POST or PUT body. With `version`, "version" is required too.
Result<domain::KnowledgeInput> decodeArticle(std::string_view body, std::int32_t* version) {
  JsonFields in(body);
  domain::KnowledgeInput k;
  in.required("kind", k.kind);
  in.optional("country", k.country);
  in.required("language", k.language);
  in.required("title", k.title);
  in.required("body", k.body);
  if (version != nullptr) {
    in.version(*version);
  }
  return in.finish(std::move(k));
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
      return unknownParam(key);
    }
  }
  return q;
}

boost::json::object encodeResults(const hotline::KnowledgeResults& found) {
  return itemsBody(found.hits,
                   [&found](const store::KnowledgeHit& h) { return encodeHit(h, found.searched); });
}

http::Response articleCreated(const domain::KnowledgeArticle& article) {
  return created(encodeArticle(article), "/api/v1/knowledge/" + article.id);
}

}  // namespace

void registerKnowledgeRoutes(RouteTable& routes) {
  using policy::Permission;
  routes.route("GET", "/api/v1/knowledge", Permission::kKnowledgeRead, decodeListQuery,
               hotline::searchKnowledge, encodeResults);
  routes.route("POST", "/api/v1/knowledge", Permission::kKnowledgeEdit, bodyOf<decodeArticle>,
               hotline::createArticle, articleCreated);
  routes.route("GET", "/api/v1/knowledge/{id}", Permission::kKnowledgeRead, idParam,
               hotline::readArticle, encodeArticle);
  routes.route("PUT", "/api/v1/knowledge/{id}", Permission::kKnowledgeEdit,
               versionedChange<decodeArticle>, hotline::updateArticle, encodeArticle);
  routes.route("DELETE", "/api/v1/knowledge/{id}", Permission::kKnowledgeEdit, idParam,
               hotline::deleteArticle);
}

}  // namespace strada::api
