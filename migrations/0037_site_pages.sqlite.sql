-- 0037: the organisations' pages and case studies on the public site (issue 11, section 1;
-- docs/public-site.md, public_site/site_pages.h). The same in both dialects.
--
-- Public by intent once published, like the news (0036): the title, summary and body (Markdown,
-- rendered and sanitised on the server) are the organisation's own words for the public pages.
-- A case study is an anonymised story: staff are told to write no person's data in it, and the
-- text is kept in the clear like the news's. A draft (status 'draft') never reaches a public page.
-- One slug names a page in each of its languages: unique per organisation and language.
CREATE TABLE site_pages (
  id TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL DEFAULT 'page',
  slug TEXT NOT NULL,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  published_at BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  UNIQUE (org_id, language, slug)
);
CREATE INDEX site_pages_public ON site_pages (status, kind, language, published_at);
CREATE INDEX site_pages_slug ON site_pages (slug, status);
CREATE INDEX site_pages_org ON site_pages (org_id, updated_at);
