// The knowledge base's SQL: articles, and their full-text search (SQLite FTS5 with bm25 on one
// backend, a generated tsvector with ts_rank on PostgreSQL) over title, body and the names of the
// article's country in every UI language (migration 0010).
//
// Every function is scoped to one organisation where it takes an org_id: an article of another
// organisation behaves exactly as a missing one. Errors: Conflict on a duplicate id or a stale
// version; NotFound for a missing article; Internal for anything else (database text in
// `detail` only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/knowledge.h"
#include "store/database.h"

namespace strada::store {

// Inserts `article` (its version as given, normally 1) and indexes it for search: its title, its
// body and the names of its country in every UI language (domain::countrySearchNames).
[[nodiscard]] domain::Status insertKnowledgeArticle(WriteContext& w,
                                                    const domain::KnowledgeArticle& article);

// Replaces the content of article `article.id` of `article.org_id` when its stored version is
// still `expected_version`; stores `article.version` (the caller passes expected_version + 1),
// `updated_at` and `updated_by`, and re-indexes it (country names too). NotFound when there is no
// such article in that organisation; Conflict (field "version") when someone changed it meanwhile.
[[nodiscard]] domain::Status updateKnowledgeArticle(WriteContext& w,
                                                    const domain::KnowledgeArticle& article,
                                                    std::int32_t expected_version);

// Deletes the article and its index entry. NotFound when there is no such article in `org_id`.
[[nodiscard]] domain::Status deleteKnowledgeArticle(WriteContext& w, const std::string& org_id,
                                                    const std::string& id);

// Every article is indexed with the names of its country in every UI language
// (domain::countrySearchNames), written with the article. Brings the names of the articles whose
// stored names differ from the program's up to date (articles stored before migration 0010, or a
// program with new names), and re-indexes them; returns how many it changed (0 on later runs).
[[nodiscard]] domain::Result<std::int32_t> refreshKnowledgeCountryNames(WriteContext& w);

// By id, any organisation: the caller applies the same-organisation rule.
[[nodiscard]] domain::Result<std::optional<domain::KnowledgeArticle>> findKnowledgeArticle(
    soci::session& sql, const std::string& id);

struct KnowledgeFilter {
  std::string org_id;  // required
  std::string kind;    // "" for any
  std::string country;
  std::string language;
  std::int32_t limit = 20;  // clamped to [1, 200]
};

// One article in a list or a search result; `snippet` is empty in lists. In search results it is
// a short extract of the body with each matched word between U+0002 and U+0003 (characters the
// domain refuses in articles, so they cannot come from the text itself).
struct KnowledgeHit {
  std::string id;
  std::string kind;
  std::string country;
  std::string language;
  std::string title;
  std::string snippet;
  domain::UnixMillis updated_at = 0;
  std::int32_t version = 1;
};

// Articles matching the filter, ordered by country, then title; bodies are not loaded.
[[nodiscard]] domain::Result<std::vector<KnowledgeHit>> listKnowledgeArticles(
    soci::session& sql, const KnowledgeFilter& filter);

// Full-text search of `text` as a person typed it: it is split into words (anything but letters
// and digits separates words, so search syntax such as quotes, OR, NEAR, -, *, ( has no effect),
// every word must match, and the last word also matches as a prefix unless `text` ends with a
// space. Best match first (title matches weigh more). No words: an empty result.
[[nodiscard]] domain::Result<std::vector<KnowledgeHit>> searchKnowledge(
    soci::session& sql, const KnowledgeFilter& filter, const std::string& text);

// The words searchKnowledge() uses for `text` (at most 12, each at most 64 bytes); exposed for
// tests.
std::vector<std::string> knowledgeSearchWords(const std::string& text);

}  // namespace strada::store
