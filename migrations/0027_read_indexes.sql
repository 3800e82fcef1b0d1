-- Indexes for issue 8's reads at 150,000 cases (docs/performance.md, "Direct assistance at
-- 150,000 cases").
--
-- Opening a case reads the records merged into its client (`WHERE merged_into = ? AND
-- merged_into <> ''`): without an index that read scanned every client of the installation
-- (212 ms p50 at 150,000 clients on SQLite). Partial: only merged-away clients are indexed.
CREATE INDEX clients_merged_into_idx ON clients (merged_into) WHERE merged_into <> '';

-- A year of case statistics sums the organisation's monthly rollup cells twice: per code over
-- the months (GROUP BY measure, dimension, code) and per month. Covering indexes in the order of
-- each GROUP BY: no table lookup per cell and no sort for the per-code sums (11 ms -> 4 ms for the
-- 3,000 cells of a 60,000-case organisation on SQLite).
CREATE INDEX case_stats_monthly_by_code_idx
  ON case_stats_monthly (org_id, measure, dimension, code, month, n);
CREATE INDEX case_stats_monthly_by_month_idx
  ON case_stats_monthly (org_id, month, measure, dimension, code, n);
