// The organisations' news items and statements (store/news_repository.h).
#include "store/news_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {
namespace {

constexpr detail::VersionedTable kNews = {
    "news_items", "There is no such news item.",
    "Someone changed this news item meanwhile. Reload it and try again."};

constexpr const char* kColumns =
    "n.id, n.org_id, n.slug, n.kind, n.language, n.title, n.summary, n.body, n.tags, n.status, "
    "n.published_at, n.created_by, n.created_at, n.updated_by, n.updated_at, n.version, o.name "
    "FROM news_items n JOIN organisations o ON o.id = n.org_id ";

struct NewsColumns {
  StoredNews n;
  long long published_at = 0;
  long long created_at = 0;
  long long updated_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, n.id, n.org_id, n.slug, n.kind, n.language, n.title, n.summary, n.body,
                     n.tags, n.status, published_at, n.created_by, created_at, n.updated_by,
                     updated_at, n.version, n.org_name);
  }
  StoredNews toRow() const {
    StoredNews out = n;
    out.published_at = published_at;
    out.created_at = created_at;
    out.updated_at = updated_at;
    return out;
  }
};

}  // namespace

domain::Status insertNews(WriteContext& w, const StoredNews& n) {
  return detail::guardedWrite(
      "insert news item", "news_items",
      {{"slug", "Another news item has this slug. Choose another.", "slug"}},
      [&]() -> domain::Status {
        const long long now = w.now();
        const long long published_at = n.published_at;
        const int version = 1;
        detail::insertRow(w.sql(), "news_items",
                          "id, org_id, slug, kind, language, title, summary, body, tags, status, "
                          "published_at, created_by, created_at, updated_by, updated_at, version",
                          n.id, n.org_id, n.slug, n.kind, n.language, n.title, n.summary, n.body,
                          n.tags, n.status, published_at, n.created_by, now, n.created_by, now,
                          version);
        return {};
      });
}

domain::Status updateNews(WriteContext& w, const StoredNews& n, std::int32_t expected_version) {
  return detail::guarded("update news item", [&]() -> domain::Status {
    const long long now = w.now();
    const long long published_at = n.published_at;
    const int version = expected_version + 1;
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "UPDATE news_items SET kind = :kind, language = :language, "
                            "title = :title, summary = :summary, body = :body, tags = :tags, "
                            "status = :status, published_at = :published_at, "
                            "updated_by = :updated_by, updated_at = :updated_at, "
                            "version = :version "
                            "WHERE id = :id AND org_id = :org_id AND version = :expected",
         soci::use(n.kind), soci::use(n.language), soci::use(n.title), soci::use(n.summary),
         soci::use(n.body), soci::use(n.tags), soci::use(n.status), soci::use(published_at),
         soci::use(n.updated_by), soci::use(now), soci::use(version), soci::use(n.id),
         soci::use(n.org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kNews, n.id, n.org_id);
    }
    return {};
  });
}

domain::Status deleteNews(WriteContext& w, const std::string& org_id, const std::string& id,
                          std::int32_t expected_version) {
  return detail::guarded("delete news item", [&]() -> domain::Status {
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "DELETE FROM news_items WHERE id = :id AND org_id = :org_id "
                            "AND version = :expected",
         soci::use(id), soci::use(org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kNews, id, org_id);
    }
    return {};
  });
}

domain::Result<bool> newsSlugTaken(soci::session& sql, const std::string& slug) {
  return detail::guarded("read news slug", [&]() -> domain::Result<bool> {
    int n = 0;
    sql << "SELECT COUNT(*) FROM news_items WHERE slug = :slug", soci::use(slug), soci::into(n);
    return n > 0;
  });
}

domain::Result<std::optional<StoredNews>> findNews(soci::session& sql, const std::string& org_id,
                                                   const std::string& id) {
  NewsColumns columns;
  return detail::selectRow(
      sql, "read news item", columns,
      std::string("SELECT ") + kColumns + "WHERE n.id = :id AND n.org_id = :org_id", id, org_id);
}

domain::Result<std::vector<StoredNews>> listOrganisationNews(soci::session& sql,
                                                             const std::string& org_id,
                                                             std::int32_t limit,
                                                             std::int32_t offset) {
  NewsColumns columns;
  const int lim = limit;
  const int off = offset;
  return detail::selectRows(sql, "list news items", columns,
                            std::string("SELECT ") + kColumns +
                                "WHERE n.org_id = :org_id ORDER BY n.updated_at DESC, n.id "
                                "LIMIT :lim OFFSET :off",
                            org_id, lim, off);
}

domain::Result<std::vector<StoredNews>> listPublishedNews(soci::session& sql,
                                                          const std::string& language,
                                                          std::int32_t limit, std::int32_t offset) {
  NewsColumns columns;
  const int lim = limit;
  const int off = offset;
  return detail::selectRows(sql, "list published news", columns,
                            std::string("SELECT ") + kColumns +
                                "WHERE n.status = 'published' AND n.language = :language "
                                "ORDER BY n.published_at DESC, n.id LIMIT :lim OFFSET :off",
                            language, lim, off);
}

domain::Result<std::int64_t> countPublishedNews(soci::session& sql, const std::string& language) {
  return detail::guarded("count published news", [&]() -> domain::Result<std::int64_t> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM news_items WHERE status = 'published' AND language = :language",
        soci::use(language), soci::into(n);
    return static_cast<std::int64_t>(n);
  });
}

domain::Result<std::optional<StoredNews>> findPublishedNews(soci::session& sql,
                                                            const std::string& slug) {
  NewsColumns columns;
  return detail::selectRow(
      sql, "read published news", columns,
      std::string("SELECT ") + kColumns + "WHERE n.slug = :slug AND n.status = 'published'", slug);
}

domain::Result<std::string> newsFeedKey(soci::session& sql) {
  return detail::guarded("read news feed key", [&]() -> domain::Result<std::string> {
    std::string key;
    sql << "SELECT feed_key FROM news_feed WHERE singleton = 1", soci::into(key);
    return key;
  });
}

}  // namespace strada::store
