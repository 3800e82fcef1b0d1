-- 0010 (PostgreSQL): the knowledge search finds an article by the name of its country in every UI
-- language. A consultant reading "Duitsland" on screen types "Duitsland", a Romanian colleague
-- "Germania": both find the articles whose country is DE, whatever language they are written in.
--
-- country_names holds those names (en, nl, ro; domain/country_names.h). SQL knows the code only:
-- the names come from the program, which writes them with every article and, at every start
-- (hotline::refreshKnowledgeIndex), fills in the rows whose names are missing or out of date, so
-- the articles stored before this migration are found by name from the first start on.
-- The names weigh as much as the title.
ALTER TABLE knowledge_articles ADD COLUMN country_names TEXT NOT NULL DEFAULT '';
ALTER TABLE knowledge_articles DROP COLUMN search;
ALTER TABLE knowledge_articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('strada_search', title), 'A') ||
  setweight(to_tsvector('strada_search', country_names), 'A') ||
  setweight(to_tsvector('strada_search', body), 'B')
) STORED;
CREATE INDEX knowledge_articles_search_idx ON knowledge_articles USING GIN (search);
