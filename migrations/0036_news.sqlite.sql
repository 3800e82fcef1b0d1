-- 0036: the organisations' news items and statements (issue 11, section 2; docs/public-site.md).
-- SQLite (0036_news.postgresql.sql is the same but for the feed's random id).
--
-- Public by intent once published: the title, summary, body (Markdown, rendered and sanitised on
-- the server) and tags are the organisation's own words for the public pages and the Atom feeds,
-- never a person's data, and so are kept in the clear. A draft (status 'draft') never reaches a
-- public page or feed. The slug is chosen once, when the item is written first, and never changes.
CREATE TABLE news_items (
  id TEXT NOT NULL PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  slug TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL DEFAULT 'news',
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft',
  published_at BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX news_items_public ON news_items (status, language, published_at);
CREATE INDEX news_items_org ON news_items (org_id, updated_at);

-- The installation's own random id, from which each language's feed id (a urn:uuid:) is derived:
-- stable for the life of the installation, unlike any host name it is reached by.
CREATE TABLE news_feed (
  singleton INTEGER NOT NULL PRIMARY KEY,
  feed_key TEXT NOT NULL
);
INSERT INTO news_feed (singleton, feed_key) VALUES (1, lower(hex(randomblob(16))));
