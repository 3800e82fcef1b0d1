#include "store/knowledge_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <iterator>
#include <string_view>

#include "domain/country_names.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::addClauseIfSet;
using detail::collectRows;
using detail::guarded;
using detail::guardedWrite;
using detail::prepareAndExecute;

namespace {

constexpr std::int32_t kMaxLimit = 200;
constexpr std::size_t kMaxWords = 12;
constexpr std::size_t kMaxWordBytes = 64;

bool isPostgres(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

bool isAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Cuts `word` to at most kMaxWordBytes without splitting a UTF-8 sequence.
void truncateWord(std::string& word) {
  if (word.size() <= kMaxWordBytes) {
    return;
  }
  std::size_t end = kMaxWordBytes;
  while (end > 0 && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80) {
    --end;
  }
  word.resize(end);
}

// Holders for one knowledge_articles row: the text columns are read straight into `article`.
struct ArticleColumns {
  domain::KnowledgeArticle article;
  long long updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    domain::KnowledgeArticle& a = article;
    detail::intoEach(st, a.id, a.org_id, a.data.kind, a.data.country, a.data.language, a.data.title,
                     a.data.body, updated_at, a.updated_by, version);
  }

  domain::KnowledgeArticle toRow() const {
    domain::KnowledgeArticle a = article;
    a.updated_at = updated_at;
    a.version = version;
    return a;
  }
};

struct HitColumns {
  std::string id, kind, country, language, title, snippet;
  long long updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st, bool with_snippet) {
    detail::intoEach(st, id, kind, country, language, title, updated_at, version);
    if (with_snippet) {
      st.exchange(soci::into(snippet));
    }
  }

  KnowledgeHit toHit() const {
    return KnowledgeHit{id, kind, country, language, title, snippet, updated_at, version};
  }
};

// Appends " AND a.<column> = :<column>" for each filter that is set; values stay bound.
void addFilters(std::string& text, soci::statement& st, const KnowledgeFilter& f) {
  addClauseIfSet(text, st, " AND a.kind = :kind", f.kind, "kind");
  addClauseIfSet(text, st, " AND a.country = :country", f.country, "country");
  addClauseIfSet(text, st, " AND a.language = :language", f.language, "language");
}

constexpr detail::VersionedTable kArticles = {
    "knowledge_articles", "No such article.",
    "Someone else changed this article. Reload it and apply your change again."};

// SQLite keeps its own copy of title, body and country names in knowledge_fts (migrations 0002,
// 0010), taken from the article's row.
void indexSqlite(WriteContext& w, const std::string& id) {
  w.sql() << "INSERT INTO knowledge_fts (article_id, title, body, country_names) SELECT id, title, "
             "body, country_names FROM knowledge_articles WHERE id = :id",
      soci::use(id);
}

void unindexSqlite(WriteContext& w, const std::string& id) {
  w.sql() << "DELETE FROM knowledge_fts WHERE article_id = :id", soci::use(id);
}

// How one full-text engine reads a query of quoted words, the last one possibly a prefix.
struct QuerySyntax {
  std::string_view separator;
  char quote;
  std::string_view escaped;  // characters written with `escape` before them
  char escape;
  std::string_view prefix_mark;
};

// FTS5: every word a quoted string (a doubled quote inside; our words hold none), so no word is
// read as an operator; the last one as a prefix.
constexpr QuerySyntax kFts5Syntax = {" ", '"', "\"", '"', "*"};
// to_tsquery('strada_search', ...) (migration 0009): quoted lexemes joined by &, the last with :*.
constexpr QuerySyntax kTsQuerySyntax = {" & ", '\'', "'\\", '\\', ":*"};

std::string matchQuery(const QuerySyntax& syntax, const std::vector<std::string>& words,
                       bool prefix_last) {
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      q += syntax.separator;
    }
    q += syntax.quote;
    for (char c : words[i]) {
      if (syntax.escaped.find(c) != std::string_view::npos) {
        q += syntax.escape;
      }
      q += c;
    }
    q += syntax.quote;
    if (prefix_last && i + 1 == words.size()) {
      q += syntax.prefix_mark;
    }
  }
  return q;
}

// A search's SQL around its filters (addFilters): `head` binds :q and :org_id, `tail` :lim.
struct MatchQueryText {
  const char* head;
  const char* tail;
};

// PostgreSQL: the headline is computed for the page of best matches only (ts_headline re-parses
// the body).
constexpr MatchQueryText kPostgresMatch = {
    "WITH query AS (SELECT to_tsquery('strada_search', :q) AS tsq), "
    "best AS (SELECT a.id, a.kind, a.country, a.language, a.title, a.updated_at, "
    "a.version, a.body, ts_rank(a.search, query.tsq) AS rank "
    "FROM knowledge_articles a, query WHERE a.org_id = :org_id AND a.search @@ query.tsq",
    " ORDER BY rank DESC, a.title, a.id LIMIT :lim) "
    "SELECT best.id, best.kind, best.country, best.language, best.title, best.updated_at, "
    "best.version, ts_headline('strada_search', best.body, query.tsq, 'StartSel=' || chr(2) "
    "|| "
    "', StopSel=' || chr(3) || ', MaxWords=28, MinWords=12, MaxFragments=1, "
    "FragmentDelimiter=\" … \"') FROM best, query ORDER BY best.rank DESC, best.title, "
    "best.id"};

// SQLite FTS5. Weights: article_id (unindexed), title, body, country names (as much as the
// title).
constexpr MatchQueryText kSqliteMatch = {
    "SELECT a.id, a.kind, a.country, a.language, a.title, a.updated_at, a.version, "
    "snippet(knowledge_fts, 2, char(2), char(3), '…', 24) "
    "FROM knowledge_fts JOIN knowledge_articles a ON a.id = knowledge_fts.article_id "
    "WHERE knowledge_fts MATCH :q AND a.org_id = :org_id",
    " ORDER BY bm25(knowledge_fts, 0.0, 8.0, 1.0, 8.0), a.title, a.id LIMIT :lim"};

}  // namespace

std::vector<std::string> knowledgeSearchWords(const std::string& text) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty() && words.size() < kMaxWords) {
      truncateWord(current);
      words.push_back(current);
    }
    current.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    // Bytes of multi-byte UTF-8 sequences belong to words; the tokenizers of both backends split
    // non-ASCII punctuation further themselves.
    if (c >= 0x80 || isAsciiAlnum(c)) {
      current += ch;
    } else {
      flush();
    }
  }
  flush();
  return words;
}

domain::Status insertKnowledgeArticle(WriteContext& w, const domain::KnowledgeArticle& a) {
  return guardedWrite(
      "insert knowledge article", "knowledge_articles",
      {{"", "An article with this id already exists.", "id"}}, [&]() -> domain::Status {
        const long long updated_at = a.updated_at;
        const int version = a.version;
        const std::string country_names = domain::countrySearchNames(a.data.country);
        w.sql() << "INSERT INTO knowledge_articles (id, org_id, kind, country, language, title, "
                   "body, updated_at, updated_by, version, country_names) VALUES (:id, :org_id, "
                   ":kind, :country, :language, :title, :body, :updated_at, :updated_by, "
                   ":version, :country_names)",
            soci::use(a.id), soci::use(a.org_id), soci::use(a.data.kind), soci::use(a.data.country),
            soci::use(a.data.language), soci::use(a.data.title), soci::use(a.data.body),
            soci::use(updated_at), soci::use(a.updated_by), soci::use(version),
            soci::use(country_names);
        if (w.backend() == Backend::kSqlite) {
          indexSqlite(w, a.id);
        }
        return {};
      });
}

domain::Status updateKnowledgeArticle(WriteContext& w, const domain::KnowledgeArticle& a,
                                      std::int32_t expected_version) {
  return guarded("update knowledge article", [&]() -> domain::Status {
    const long long updated_at = a.updated_at;
    const int version = a.version;
    const int expected = expected_version;
    const std::string country_names = domain::countrySearchNames(a.data.country);
    soci::statement st =
        (w.sql().prepare << "UPDATE knowledge_articles SET kind = :kind, country = :country, "
                            "language = :language, title = :title, body = :body, updated_at = "
                            ":updated_at, updated_by = :updated_by, version = :version, "
                            "country_names = :country_names "
                            "WHERE id = :id AND org_id = :org_id AND version = :expected",
         soci::use(a.data.kind), soci::use(a.data.country), soci::use(a.data.language),
         soci::use(a.data.title), soci::use(a.data.body), soci::use(updated_at),
         soci::use(a.updated_by), soci::use(version), soci::use(country_names), soci::use(a.id),
         soci::use(a.org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kArticles, a.id, a.org_id);
    }
    if (w.backend() == Backend::kSqlite) {
      unindexSqlite(w, a.id);
      indexSqlite(w, a.id);
    }
    return {};
  });
}

domain::Status deleteKnowledgeArticle(WriteContext& w, const std::string& org_id,
                                      const std::string& id) {
  return guarded("delete knowledge article", [&]() -> domain::Status {
    soci::statement st =
        (w.sql().prepare << "DELETE FROM knowledge_articles WHERE id = :id AND org_id = :org_id",
         soci::use(id), soci::use(org_id));
    auto deleted = detail::changeOneRow(st, "No such article.");
    if (deleted && w.backend() == Backend::kSqlite) {
      unindexSqlite(w, id);
    }
    return deleted;
  });
}

domain::Result<std::int32_t> refreshKnowledgeCountryNames(WriteContext& w) {
  return guarded("refresh knowledge country names", [&]() -> domain::Result<std::int32_t> {
    std::vector<std::string> countries;
    const soci::rowset<std::string> distinct =
        (w.sql().prepare << "SELECT DISTINCT country FROM knowledge_articles");
    std::copy(distinct.begin(), distinct.end(), std::back_inserter(countries));
    std::int32_t refreshed = 0;
    for (const std::string& country : countries) {
      const std::string names = domain::countrySearchNames(country);
      std::vector<std::string> stale;
      const soci::rowset<std::string> ids =
          (w.sql().prepare << "SELECT id FROM knowledge_articles WHERE country = :country AND "
                              "country_names <> :names",
           soci::use(country), soci::use(names));
      std::copy(ids.begin(), ids.end(), std::back_inserter(stale));
      for (const std::string& id : stale) {
        w.sql() << "UPDATE knowledge_articles SET country_names = :names WHERE id = :id",
            soci::use(names), soci::use(id);
        if (w.backend() == Backend::kSqlite) {
          unindexSqlite(w, id);
          indexSqlite(w, id);
        }
        ++refreshed;
      }
    }
    return refreshed;
  });
}

domain::Result<std::optional<domain::KnowledgeArticle>> findKnowledgeArticle(
    soci::session& sql, const std::string& id) {
  ArticleColumns r;
  return detail::selectRow(sql, "find knowledge article", r,
                           "SELECT id, org_id, kind, country, language, title, body, updated_at, "
                           "updated_by, version FROM knowledge_articles WHERE id = :id",
                           id);
}

domain::Result<std::vector<KnowledgeHit>> listKnowledgeArticles(soci::session& sql,
                                                                const KnowledgeFilter& filter) {
  return guarded("list knowledge articles", [&]() -> domain::Result<std::vector<KnowledgeHit>> {
    HitColumns cols;
    const int limit = std::clamp<std::int32_t>(filter.limit, 1, kMaxLimit);
    std::string text =
        "SELECT a.id, a.kind, a.country, a.language, a.title, a.updated_at, a.version "
        "FROM knowledge_articles a WHERE a.org_id = :org_id";
    soci::statement st(sql);
    cols.bindInto(st, false);
    st.exchange(soci::use(filter.org_id, "org_id"));
    addFilters(text, st, filter);
    text += " ORDER BY a.country, a.title, a.id LIMIT :lim";
    st.exchange(soci::use(limit, "lim"));
    prepareAndExecute(st, text);
    return collectRows(st, [&] { return cols.toHit(); });
  });
}

domain::Result<std::vector<KnowledgeHit>> searchKnowledge(soci::session& sql,
                                                          const KnowledgeFilter& filter,
                                                          const std::string& text) {
  const std::vector<std::string> words = knowledgeSearchWords(text);
  if (words.empty()) {
    return std::vector<KnowledgeHit>{};
  }
  // A trailing space means the person finished the last word.
  const auto last = static_cast<unsigned char>(text.back());
  const bool prefix = isAsciiAlnum(last) || last >= 0x80;
  const bool postgres = isPostgres(sql);
  const std::string match = matchQuery(postgres ? kTsQuerySyntax : kFts5Syntax, words, prefix);
  return guarded("search knowledge", [&]() -> domain::Result<std::vector<KnowledgeHit>> {
    HitColumns cols;
    const int limit = std::clamp<std::int32_t>(filter.limit, 1, kMaxLimit);
    soci::statement st(sql);
    cols.bindInto(st, true);
    const MatchQueryText& sql_text = postgres ? kPostgresMatch : kSqliteMatch;
    std::string q(sql_text.head);
    st.exchange(soci::use(match, "q"));
    st.exchange(soci::use(filter.org_id, "org_id"));
    addFilters(q, st, filter);
    q += sql_text.tail;
    st.exchange(soci::use(limit, "lim"));
    prepareAndExecute(st, q);
    return collectRows(st, [&] { return cols.toHit(); });
  });
}

}  // namespace strada::store
