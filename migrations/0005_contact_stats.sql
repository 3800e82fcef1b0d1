-- 0005: contact lists, supervision and statistics (issue 3, sections 6, 7 and 9).
--
-- Filtered lists page newest first (ORDER BY started_at DESC, id DESC). Each filter on an
-- equality column gets an index (org_id, column, started_at, id): the planner then walks that
-- index in page order and stops after one page, instead of reading the organisation's whole
-- history or sorting every match. Both SQLite and PostgreSQL scan these indexes backwards.
CREATE INDEX contacts_category_idx ON contacts (org_id, category, started_at, id);
CREATE INDEX contacts_channel_idx ON contacts (org_id, channel, started_at, id);
CREATE INDEX contacts_caller_type_idx ON contacts (org_id, caller_type, started_at, id);
CREATE INDEX contacts_outcome_idx ON contacts (org_id, outcome, started_at, id);
CREATE INDEX contacts_kind_idx ON contacts (org_id, kind, started_at, id);
CREATE INDEX contacts_consultant_idx ON contacts (org_id, created_by, started_at, id);
CREATE INDEX contacts_caller_country_idx ON contacts (org_id, caller_country, started_at, id);
CREATE INDEX contacts_destination_idx ON contacts (org_id, destination_country, started_at, id);
CREATE INDEX contacts_danger_idx ON contacts (org_id, imminent_danger, started_at, id);
-- Supervision: stale drafts by age, follow-ups by due date.
CREATE INDEX contacts_status_created_idx ON contacts (org_id, status, created_at);

-- The statistics rollup: how many final contacts per organisation, UTC day (days since
-- 1970-01-01), dimension and code. Kept in the same transaction as every contact write
-- (store/contact_stats.h), so a figure never disagrees with the contacts it counts; rebuilt from
-- the contacts by `strada stats rebuild`. Dimension "total" has code ''.
CREATE TABLE contact_stats_daily (
  org_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  code TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day, dimension, code)
);
