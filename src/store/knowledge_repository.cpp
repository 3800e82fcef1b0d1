#include "store/knowledge_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <iterator>

#include "domain/country_names.h"
#include "store/sql_errors.h"
#include "store/statements.h"

namespace strada::store {

using detail::internalFrom;
using detail::isUniqueViolation;
using detail::prepareAndExecute;
using domain::ErrorCode;

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

struct ArticleColumns {
  std::string id, org_id, kind, country, language, title, body, updated_by;
  long long updated_at = 0;
  int version = 0;

  domain::KnowledgeArticle toDomain() const {
    domain::KnowledgeArticle a;
    a.id = id;
    a.org_id = org_id;
    a.data.kind = kind;
    a.data.country = country;
    a.data.language = language;
    a.data.title = title;
    a.data.body = body;
    a.updated_at = updated_at;
    a.updated_by = updated_by;
    a.version = version;
    return a;
  }
};

struct HitColumns {
  std::string id, kind, country, language, title, snippet;
  long long updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st, bool with_snippet) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(country));
    st.exchange(soci::into(language));
    st.exchange(soci::into(title));
    st.exchange(soci::into(updated_at));
    st.exchange(soci::into(version));
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
  if (!f.kind.empty()) {
    text += " AND a.kind = :kind";
    st.exchange(soci::use(f.kind, "kind"));
  }
  if (!f.country.empty()) {
    text += " AND a.country = :country";
    st.exchange(soci::use(f.country, "country"));
  }
  if (!f.language.empty()) {
    text += " AND a.language = :language";
    st.exchange(soci::use(f.language, "language"));
  }
}

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

// FTS5 query: every word as a quoted string (a doubled quote inside; our words hold none), so
// no word is read as an operator; the last one as a prefix.
std::string fts5Query(const std::vector<std::string>& words, bool prefix_last) {
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      q += ' ';
    }
    q += '"';
    for (char c : words[i]) {
      q += c;
      if (c == '"') {
        q += '"';
      }
    }
    q += '"';
    if (prefix_last && i + 1 == words.size()) {
      q += '*';
    }
  }
  return q;
}

// tsquery text for to_tsquery('strada_search', ...) (migration 0009): quoted lexemes joined by &,
// the last with :*.
std::string tsQuery(const std::vector<std::string>& words, bool prefix_last) {
  std::string q;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      q += " & ";
    }
    q += '\'';
    for (char c : words[i]) {
      if (c == '\'' || c == '\\') {
        q += '\\';
      }
      q += c;
    }
    q += '\'';
    if (prefix_last && i + 1 == words.size()) {
      q += ":*";
    }
  }
  return q;
}

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
  try {
    const long long updated_at = a.updated_at;
    const int version = a.version;
    const std::string country_names = domain::countrySearchNames(a.data.country);
    w.sql() << "INSERT INTO knowledge_articles (id, org_id, kind, country, language, title, body, "
               "updated_at, updated_by, version, country_names) VALUES (:id, :org_id, :kind, "
               ":country, :language, :title, :body, :updated_at, :updated_by, :version, "
               ":country_names)",
        soci::use(a.id), soci::use(a.org_id), soci::use(a.data.kind), soci::use(a.data.country),
        soci::use(a.data.language), soci::use(a.data.title), soci::use(a.data.body),
        soci::use(updated_at), soci::use(a.updated_by), soci::use(version),
        soci::use(country_names);
    if (w.backend() == Backend::kSqlite) {
      indexSqlite(w, a.id);
    }
    return {};
  } catch (const std::exception& e) {
    if (isUniqueViolation(e)) {
      return domain::fail(ErrorCode::kConflict, "An article with this id already exists.", "id");
    }
    return internalFrom("insert knowledge article", e);
  }
}

domain::Status updateKnowledgeArticle(WriteContext& w, const domain::KnowledgeArticle& a,
                                      std::int32_t expected_version) {
  try {
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
      int exists = 0;
      w.sql() << "SELECT COUNT(*) FROM knowledge_articles WHERE id = :id AND org_id = :org_id",
          soci::into(exists), soci::use(a.id), soci::use(a.org_id);
      if (exists == 0) {
        return domain::fail(ErrorCode::kNotFound, "No such article.");
      }
      return domain::fail(ErrorCode::kConflict,
                          "Someone else changed this article. Reload it and apply your change "
                          "again.",
                          "version");
    }
    if (w.backend() == Backend::kSqlite) {
      unindexSqlite(w, a.id);
      indexSqlite(w, a.id);
    }
    return {};
  } catch (const std::exception& e) {
    return internalFrom("update knowledge article", e);
  }
}

domain::Status deleteKnowledgeArticle(WriteContext& w, const std::string& org_id,
                                      const std::string& id) {
  try {
    soci::statement st =
        (w.sql().prepare << "DELETE FROM knowledge_articles WHERE id = :id AND org_id = :org_id",
         soci::use(id), soci::use(org_id));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return domain::fail(ErrorCode::kNotFound, "No such article.");
    }
    if (w.backend() == Backend::kSqlite) {
      unindexSqlite(w, id);
    }
    return {};
  } catch (const std::exception& e) {
    return internalFrom("delete knowledge article", e);
  }
}

domain::Result<std::int32_t> refreshKnowledgeCountryNames(WriteContext& w) {
  try {
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
  } catch (const std::exception& e) {
    return internalFrom("refresh knowledge country names", e);
  }
}

domain::Result<std::optional<domain::KnowledgeArticle>> findKnowledgeArticle(
    soci::session& sql, const std::string& id) {
  try {
    ArticleColumns r;
    sql << "SELECT id, org_id, kind, country, language, title, body, updated_at, updated_by, "
           "version FROM knowledge_articles WHERE id = :id",
        soci::into(r.id), soci::into(r.org_id), soci::into(r.kind), soci::into(r.country),
        soci::into(r.language), soci::into(r.title), soci::into(r.body), soci::into(r.updated_at),
        soci::into(r.updated_by), soci::into(r.version), soci::use(id);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toDomain();
  } catch (const std::exception& e) {
    return internalFrom("find knowledge article", e);
  }
}

domain::Result<std::vector<KnowledgeHit>> listKnowledgeArticles(soci::session& sql,
                                                                const KnowledgeFilter& filter) {
  try {
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
    std::vector<KnowledgeHit> out;
    while (st.fetch()) {
      out.push_back(cols.toHit());
    }
    return out;
  } catch (const std::exception& e) {
    return internalFrom("list knowledge articles", e);
  }
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
  const std::string match = postgres ? tsQuery(words, prefix) : fts5Query(words, prefix);
  try {
    HitColumns cols;
    const int limit = std::clamp<std::int32_t>(filter.limit, 1, kMaxLimit);
    soci::statement st(sql);
    cols.bindInto(st, true);
    std::string q;
    if (postgres) {
      // The headline is computed for the page of best matches only (ts_headline re-parses
      // the body).
      q = "WITH query AS (SELECT to_tsquery('strada_search', :q) AS tsq), "
          "best AS (SELECT a.id, a.kind, a.country, a.language, a.title, a.updated_at, "
          "a.version, a.body, ts_rank(a.search, query.tsq) AS rank "
          "FROM knowledge_articles a, query WHERE a.org_id = :org_id AND a.search @@ query.tsq";
      st.exchange(soci::use(match, "q"));
      st.exchange(soci::use(filter.org_id, "org_id"));
      addFilters(q, st, filter);
      q += " ORDER BY rank DESC, a.title, a.id LIMIT :lim) "
           "SELECT best.id, best.kind, best.country, best.language, best.title, best.updated_at, "
           "best.version, ts_headline('strada_search', best.body, query.tsq, 'StartSel=' || chr(2) "
           "|| "
           "', StopSel=' || chr(3) || ', MaxWords=28, MinWords=12, MaxFragments=1, "
           "FragmentDelimiter=\" … \"') FROM best, query ORDER BY best.rank DESC, best.title, "
           "best.id";
      st.exchange(soci::use(limit, "lim"));
    } else {
      q = "SELECT a.id, a.kind, a.country, a.language, a.title, a.updated_at, a.version, "
          "snippet(knowledge_fts, 2, char(2), char(3), '…', 24) "
          "FROM knowledge_fts JOIN knowledge_articles a ON a.id = knowledge_fts.article_id "
          "WHERE knowledge_fts MATCH :q AND a.org_id = :org_id";
      st.exchange(soci::use(match, "q"));
      st.exchange(soci::use(filter.org_id, "org_id"));
      addFilters(q, st, filter);
      // Weights: article_id (unindexed), title, body, country names (as much as the title).
      q += " ORDER BY bm25(knowledge_fts, 0.0, 8.0, 1.0, 8.0), a.title, a.id LIMIT :lim";
      st.exchange(soci::use(limit, "lim"));
    }
    prepareAndExecute(st, q);
    std::vector<KnowledgeHit> out;
    while (st.fetch()) {
      out.push_back(cols.toHit());
    }
    return out;
  } catch (const std::exception& e) {
    return internalFrom("search knowledge", e);
  }
}

}  // namespace strada::store
