// Use cases of the knowledge base: search and read articles during a call (not recorded:
// articles are organisational knowledge, not personal data), write them (recorded, optimistic
// versions), and keep the search index's country names current.
//
// An article is found by its title, its body and the names of its country in every UI language
// (en, nl, ro, bg, ar, cs, pl, uk, ru: domain::countrySearchNames), accents folded: "Duitsland",
// "Germania", "Германия" and "Germany" all find the articles about DE.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/knowledge.h"
#include "hotline/context.h"
#include "store/knowledge_repository.h"

namespace strada::hotline {

// A search as typed, or a list when `text` is absent or holds no letters or digits.
struct KnowledgeQuery {
  store::KnowledgeFilter filter;  // its org_id is the actor's, whatever it holds
  std::optional<std::string> text;
};

struct KnowledgeResults {
  std::vector<store::KnowledgeHit> hits;
  bool searched = false;  // true: best match first, with snippets; false: a list, no snippets
};

// The actor's organisation's articles matching `query`. InvalidArgument naming "q", "country",
// "kind" or "language" when a filter is not one the knowledge base knows.
[[nodiscard]] awaitable<Result<KnowledgeResults>> searchKnowledge(Context ctx, Actor actor,
                                                                  KnowledgeQuery query);

// The article `id`. NotFound ("No such article.") for another organisation's article and for an
// id of the wrong shape.
[[nodiscard]] awaitable<Result<domain::KnowledgeArticle>> readArticle(Context ctx, Actor actor,
                                                                      std::string id);

// Validates `input` (domain::validateKnowledge) and stores it as a new article (version 1) with
// its knowledge.create event.
[[nodiscard]] awaitable<Result<domain::KnowledgeArticle>> createArticle(
    Context ctx, Actor actor, domain::KnowledgeInput input);

// Replaces the article's content if its version is still `expected_version` (Conflict naming
// "version" otherwise), with a knowledge.update event. NotFound as readArticle.
[[nodiscard]] awaitable<Result<domain::KnowledgeArticle>> updateArticle(
    Context ctx, Actor actor, std::string id, domain::KnowledgeInput input,
    std::int32_t expected_version);

// Deletes the article, with a knowledge.delete event. NotFound as readArticle.
[[nodiscard]] awaitable<domain::Status> deleteArticle(Context ctx, Actor actor, std::string id);

// Run at every start, after the migrations: gives the articles whose indexed country names are
// missing (stored before migration 0010) or out of date (a program with new names) the current
// ones. Returns how many articles it re-indexed: 0 once they are current (later starts change
// nothing). Not recorded in the audit trail: no article's content changes.
[[nodiscard]] awaitable<Result<std::int32_t>> refreshKnowledgeIndex(Context ctx);

}  // namespace strada::hotline
