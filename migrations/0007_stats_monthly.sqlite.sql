-- 0007 (SQLite): a monthly statistics rollup beside the daily one (issue 3, section 9).
--
-- A year of the statistics page summed about 36,000 daily cells per organisation (365 days x
-- about 100 dimension/code cells). Whole months now come from contact_stats_monthly (12 x about
-- 100 cells) and only the partial months at the ends of the period from the daily rollup.
-- `month` is the day (since 1970-01-01, UTC) of the month's first day. Kept in the same
-- transaction as the daily cells (store/contact_stats.h).
CREATE TABLE contact_stats_monthly (
  org_id TEXT NOT NULL,
  month INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  code TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, month, dimension, code)
);

INSERT INTO contact_stats_monthly (org_id, month, dimension, code, n)
SELECT org_id,
       CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER),
       dimension, code, SUM(n)
FROM contact_stats_daily
GROUP BY org_id,
         CAST(julianday(date(day * 86400, 'unixepoch', 'start of month')) - 2440587.5 AS INTEGER),
         dimension, code;

-- The per-day series (dimensions "total" and "kind") reads a few cells per day, not all of them.
CREATE INDEX contact_stats_daily_dimension_idx ON contact_stats_daily (org_id, dimension, day);
