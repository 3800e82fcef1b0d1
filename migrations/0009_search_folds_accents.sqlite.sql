-- 0009 (SQLite): nothing to do. The knowledge index has folded accents since 0002
-- (unicode61 remove_diacritics 2); 0009 gives PostgreSQL the same search.
SELECT 1;
