-- 0002 (SQLite): the knowledge base a consultant searches during a call.
-- Articles are organisational knowledge, not personal data: stored in the clear.

CREATE TABLE knowledge_articles (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX knowledge_articles_org_idx ON knowledge_articles (org_id, country, kind, language);

-- Full-text index over title and body, ranked with bm25(). A regular FTS5 table (it keeps its own
-- copy of the text) rather than an external-content one: external content is keyed by the
-- implicit rowid of knowledge_articles, which VACUUM may renumber, and the migration runner splits
-- on semicolons so trigger bodies cannot be written here. The repository therefore keeps this
-- table in step within the write's own transaction. The knowledge base is small (hundreds of
-- articles), so the copy costs little.
-- unicode61 with remove_diacritics 2 folds case for every script (Cyrillic too) and lets
-- "Romania" find "România".
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
  article_id UNINDEXED,
  title,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
