-- 0028: the aggregate reports of issue 9, section 3 (docs/reports.md). Dialect-neutral.
--
-- reports: one row per revision of an organisation's report for a period (`period_kind` month,
-- quarter or year; `period_start` its first day, YYYY-MM-DD). A new report for the same period
-- is the next `revision`; earlier ones stay (the visible history). `origin` is "computed" (from
-- the organisation's own rollups) or "imported" (historic figures from a CSV); `status` is
-- "draft", "approved" (frozen, ready to leave) or "submitted" (the network's transport sets it).
-- `small_count_k` is the k the figures were suppressed with.
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  period_kind TEXT NOT NULL,
  period_start TEXT NOT NULL,
  revision INTEGER NOT NULL,
  origin TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  small_count_k INTEGER NOT NULL,
  definition_version INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  approved_by TEXT NOT NULL DEFAULT '',
  approved_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  CONSTRAINT reports_revision_key UNIQUE (org_id, period_kind, period_start, revision)
);
CREATE INDEX reports_org_idx ON reports (org_id, period_start, period_kind, revision);

-- A report's figures as they are published: `state` "count" (n), "suppressed" or "not_collected"
-- (n 0). A suppressed figure's count is never stored.
CREATE TABLE report_figures (
  report_id TEXT NOT NULL REFERENCES reports (id),
  figure TEXT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (report_id, figure)
);

-- Which figure groups an organisation does NOT collect (no row: collected), and the k it
-- suppresses small counts under (never below 11; no row: 11).
CREATE TABLE report_groups_collected (
  org_id TEXT NOT NULL REFERENCES organisations (id),
  figure_group TEXT NOT NULL,
  collected SMALLINT NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, figure_group)
);
CREATE TABLE report_settings (
  org_id TEXT PRIMARY KEY REFERENCES organisations (id),
  small_count_k INTEGER NOT NULL DEFAULT 11
);

-- The outgoing referrals of a period, for the reports' referral figures.
CREATE INDEX case_referrals_period_idx ON case_referrals (org_id, referred_on);
