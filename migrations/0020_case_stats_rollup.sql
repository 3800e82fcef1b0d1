-- 0020: the case statistics as rollups (issue 8, section 7). Dialect-neutral.
--
-- case_stats_facts: one row per case, the coded dimensions it is counted by as they are now
-- (store/case_stats_facts.h computes them in one function) and whether it is counted at all
-- (a statistics consent recorded, not withdrawn and not expired). `opened_month` and
-- `closed_month` are days since 1970-01-01 of the first of the month (-1: not closed);
-- `consent_until` the last day the consent in force runs ('' when it does not expire).
--
-- case_stats_monthly: per organisation, month, measure ("opened", "closed", "service"),
-- dimension and code, how many counted cases (or services) fall there. Every write that changes a
-- case's facts subtracts the old facts' cells and adds the new ones in its own transaction, so a
-- figure never disagrees with the cases it counts. People assisted in a period are the cases
-- opened up to its end minus those closed before its start: prefix sums of these monthly rows.
-- Filled from existing cases by `strada stats rebuild-cases`.
CREATE TABLE case_stats_facts (
  case_id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL,
  counted INTEGER NOT NULL DEFAULT 0,
  consent_until TEXT NOT NULL DEFAULT '',
  opened_month INTEGER NOT NULL DEFAULT 0,
  closed_month INTEGER NOT NULL DEFAULT -1,
  status TEXT NOT NULL DEFAULT '',
  referral_source TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '',
  age_band TEXT NOT NULL DEFAULT '',
  citizenships TEXT NOT NULL DEFAULT '',
  trafficking_status TEXT NOT NULL DEFAULT '',
  exploitation_types TEXT NOT NULL DEFAULT '',
  closure_outcome TEXT NOT NULL DEFAULT '',
  in_proceedings INTEGER NOT NULL DEFAULT 0
);
-- The consents that lapse with time (no write marks them): counted cases by expiry.
CREATE INDEX case_stats_facts_lapse_idx ON case_stats_facts (org_id, counted, consent_until);

CREATE TABLE case_stats_monthly (
  org_id TEXT NOT NULL,
  month INTEGER NOT NULL,
  measure TEXT NOT NULL,
  dimension TEXT NOT NULL,
  code TEXT NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, month, measure, dimension, code)
);
