-- 0031: the network's figures (issue 9, sections 3 and 4; docs/reports.md, docs/network.md).
-- Dialect-neutral.
--
-- At a member: when a report left for the hub (`submitted_at`, by `submitted_by`, queued in the
-- outbox) and when the hub said it received it (`hub_received_at`, message report.received).
ALTER TABLE reports ADD COLUMN submitted_by TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN submitted_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN hub_received_at BIGINT NOT NULL DEFAULT 0;

-- At the hub: every report revision a member submitted, kept (the visible history). `packet` is
-- the exact JSON text the member signed, `signature` its detached Ed25519 signature (base64url)
-- by the member's key `key_id`: proof of origin beyond the transport. `is_latest` 1 on the
-- highest revision of a (member, period): the one that counts.
CREATE TABLE network_report_revisions (
  id TEXT PRIMARY KEY,
  member_code TEXT NOT NULL,
  period_kind TEXT NOT NULL,
  period_start TEXT NOT NULL,
  revision INTEGER NOT NULL,
  origin TEXT NOT NULL,
  small_count_k INTEGER NOT NULL,
  definition_version INTEGER NOT NULL,
  packet TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  message_id TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  is_latest SMALLINT NOT NULL DEFAULT 1,
  CONSTRAINT network_report_revisions_key UNIQUE (member_code, period_kind, period_start, revision)
);
CREATE INDEX network_report_latest_idx
  ON network_report_revisions (period_kind, is_latest, period_start);

-- A received revision's figures: `state` count (n), suppressed or not_collected (n 0).
CREATE TABLE network_report_figures (
  revision_id TEXT NOT NULL REFERENCES network_report_revisions (id),
  figure TEXT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (revision_id, figure)
);

-- What the coordinator publishes (one row, id 1): the years, and the figures and members
-- chosen (network_publication_items: `kind` 'figure' or 'member'). No row: nothing published.
CREATE TABLE network_publication (
  id INTEGER PRIMARY KEY,
  year_from INTEGER NOT NULL,
  year_to INTEGER NOT NULL,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE network_publication_items (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (kind, value)
);
