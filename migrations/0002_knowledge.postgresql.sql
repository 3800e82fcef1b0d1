-- 0002 (PostgreSQL): the knowledge base a consultant searches during a call.
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
  version INTEGER NOT NULL DEFAULT 1,
  -- The 'simple' configuration: no stemming or stop words, because articles come in many
  -- languages. Title words weigh more (A) than body words (B) in ts_rank.
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
  ) STORED
);
CREATE INDEX knowledge_articles_org_idx ON knowledge_articles (org_id, country, kind, language);
CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING GIN (search);
