-- 0009 (PostgreSQL): the knowledge search folds accents, as SQLite's FTS5 index has since 0002
-- (unicode61 remove_diacritics 2). A consultant on a call types "Romania" or "pasaport" for
-- "România" and "pașaport"; both backends now find the same articles.
--
-- unaccent ships with PostgreSQL and is a trusted extension: the database's owner (or a role
-- with CREATE on the database) may create it. It is a filtering dictionary put in front of
-- 'simple' for the token types that can carry accents, as PostgreSQL's own documentation
-- shows. The two-argument to_tsvector stays immutable, so the generated column keeps working.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION strada_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION strada_search
  ALTER MAPPING FOR word, hword, hword_part WITH unaccent, simple;
ALTER TABLE knowledge_articles DROP COLUMN search;
ALTER TABLE knowledge_articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('strada_search', title), 'A') ||
  setweight(to_tsvector('strada_search', body), 'B')
) STORED;
CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING GIN (search);
