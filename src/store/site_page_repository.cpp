// The organisations' pages and case studies (store/site_page_repository.h).
#include "store/site_page_repository.h"

#include <soci/soci.h>

#include "store/guarded.h"

namespace strada::store {
namespace {

constexpr detail::VersionedTable kSitePages = {
    "site_pages", "There is no such page.",
    "Someone changed this page meanwhile. Reload it and try again."};

constexpr const char* kColumns =
    "p.id, p.org_id, p.kind, p.slug, p.language, p.title, p.summary, p.body, p.status, "
    "p.published_at, p.created_by, p.created_at, p.updated_by, p.updated_at, p.version, o.name "
    "FROM site_pages p JOIN organisations o ON o.id = p.org_id ";

struct SitePageColumns {
  StoredSitePage p;
  long long published_at = 0;
  long long created_at = 0;
  long long updated_at = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, p.id, p.org_id, p.kind, p.slug, p.language, p.title, p.summary, p.body,
                     p.status, published_at, p.created_by, created_at, p.updated_by, updated_at,
                     p.version, p.org_name);
  }
  StoredSitePage toRow() const {
    StoredSitePage out = p;
    out.published_at = published_at;
    out.created_at = created_at;
    out.updated_at = updated_at;
    return out;
  }
};

}  // namespace

domain::Status insertSitePage(WriteContext& w, const StoredSitePage& p) {
  return detail::guardedWrite(
      "insert site page", "site_pages",
      {{"", "This organisation has a page with this slug in this language. Choose another.",
        "slug"}},
      [&]() -> domain::Status {
        const long long now = w.now();
        const long long published_at = p.published_at;
        const int version = 1;
        detail::insertRow(w.sql(), "site_pages",
                          "id, org_id, kind, slug, language, title, summary, body, status, "
                          "published_at, created_by, created_at, updated_by, updated_at, version",
                          p.id, p.org_id, p.kind, p.slug, p.language, p.title, p.summary, p.body,
                          p.status, published_at, p.created_by, now, p.created_by, now, version);
        return {};
      });
}

domain::Status updateSitePage(WriteContext& w, const StoredSitePage& p,
                              std::int32_t expected_version) {
  return detail::guarded("update site page", [&]() -> domain::Status {
    const long long now = w.now();
    const long long published_at = p.published_at;
    const int version = expected_version + 1;
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "UPDATE site_pages SET title = :title, summary = :summary, "
                            "body = :body, status = :status, published_at = :published_at, "
                            "updated_by = :updated_by, updated_at = :updated_at, "
                            "version = :version "
                            "WHERE id = :id AND org_id = :org_id AND version = :expected",
         soci::use(p.title), soci::use(p.summary), soci::use(p.body), soci::use(p.status),
         soci::use(published_at), soci::use(p.updated_by), soci::use(now), soci::use(version),
         soci::use(p.id), soci::use(p.org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kSitePages, p.id, p.org_id);
    }
    return {};
  });
}

domain::Status deleteSitePage(WriteContext& w, const std::string& org_id, const std::string& id,
                              std::int32_t expected_version) {
  return detail::guarded("delete site page", [&]() -> domain::Status {
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "DELETE FROM site_pages WHERE id = :id AND org_id = :org_id "
                            "AND version = :expected",
         soci::use(id), soci::use(org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kSitePages, id, org_id);
    }
    return {};
  });
}

domain::Result<std::optional<StoredSitePage>> findSitePage(soci::session& sql,
                                                           const std::string& org_id,
                                                           const std::string& id) {
  SitePageColumns columns;
  return detail::selectRow(
      sql, "read site page", columns,
      std::string("SELECT ") + kColumns + "WHERE p.id = :id AND p.org_id = :org_id", id, org_id);
}

domain::Result<std::vector<StoredSitePage>> listOrganisationSitePages(soci::session& sql,
                                                                      const std::string& org_id,
                                                                      const SitePageFilter& filter,
                                                                      std::int32_t limit,
                                                                      std::int32_t offset) {
  SitePageColumns columns;
  const int lim = limit;
  const int off = offset;
  // An empty filter matches every value: one statement for every combination.
  return detail::selectRows(
      sql, "list site pages", columns,
      std::string("SELECT ") + kColumns +
          "WHERE p.org_id = :org_id AND (CAST(:kind AS TEXT) = '' OR p.kind = :kind2) "
          "AND (CAST(:language AS TEXT) = '' OR p.language = :language2) "
          "AND (CAST(:status AS TEXT) = '' OR p.status = :status2) "
          "ORDER BY p.updated_at DESC, p.id LIMIT :lim OFFSET :off",
      org_id, filter.kind, filter.kind, filter.language, filter.language, filter.status,
      filter.status, lim, off);
}

domain::Result<std::vector<StoredSitePage>> listPublishedSlug(soci::session& sql,
                                                              const std::string& kind,
                                                              const std::string& slug) {
  SitePageColumns columns;
  return detail::selectRows(sql, "read published site page", columns,
                            std::string("SELECT ") + kColumns +
                                "WHERE p.slug = :slug AND p.kind = :kind AND "
                                "p.status = 'published' ORDER BY p.created_at, p.id",
                            slug, kind);
}

domain::Result<std::vector<StoredSitePage>> listPublishedSitePages(soci::session& sql,
                                                                   const std::string& kind,
                                                                   const std::string& language,
                                                                   std::int32_t limit,
                                                                   std::int32_t offset) {
  SitePageColumns columns;
  const int lim = limit;
  const int off = offset;
  return detail::selectRows(sql, "list published site pages", columns,
                            std::string("SELECT ") + kColumns +
                                "WHERE p.status = 'published' AND p.kind = :kind AND "
                                "p.language = :language "
                                "ORDER BY p.published_at DESC, p.id LIMIT :lim OFFSET :off",
                            kind, language, lim, off);
}

domain::Result<std::int64_t> countPublishedSitePages(soci::session& sql, const std::string& kind,
                                                     const std::string& language) {
  return detail::guarded("count published site pages", [&]() -> domain::Result<std::int64_t> {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM site_pages WHERE status = 'published' AND kind = :kind AND "
           "language = :language",
        soci::use(kind), soci::use(language), soci::into(n);
    return static_cast<std::int64_t>(n);
  });
}

}  // namespace strada::store
