-- 0010 (SQLite): the knowledge search finds an article by the name of its country in every UI
-- language. A consultant reading "Duitsland" on screen types "Duitsland", a Romanian colleague
-- "Germania": both find the articles whose country is DE, whatever language they are written in.
--
-- country_names holds those names (en, nl, ro; domain/country_names.h). SQL knows the code only:
-- the names come from the program, which writes them with every article and, at every start
-- (hotline::refreshKnowledgeIndex), fills in the rows whose names are missing or out of date, so
-- the articles stored before this migration are found by name from the first start on.
-- An FTS5 table cannot gain a column: it is built again, with the same tokenizer as in 0002.
ALTER TABLE knowledge_articles ADD COLUMN country_names TEXT NOT NULL DEFAULT '';
DROP TABLE knowledge_fts;
CREATE VIRTUAL TABLE knowledge_fts USING fts5(
  article_id UNINDEXED,
  title,
  body,
  country_names,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO knowledge_fts (article_id, title, body, country_names)
  SELECT id, title, body, country_names FROM knowledge_articles;
