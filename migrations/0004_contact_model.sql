-- The complete hotline contact (issue 3): kind and status, the coded fields, follow-up, the
-- repeat-caller blind index, multi-valued codes, referrals, safety plans and caller profiles.
-- Multi-valued codes live in contact_codes (one row per code) so that lists can be filtered and
-- counted by index; started_at is copied there for the same reason.

ALTER TABLE contacts ADD COLUMN status TEXT NOT NULL DEFAULT 'final';
ALTER TABLE contacts ADD COLUMN kind TEXT NOT NULL DEFAULT 'data';
ALTER TABLE contacts ADD COLUMN non_data_type TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN caller_gender TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN caller_age_band TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN caller_country TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN caller_region TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN destination_country TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN imminent_danger SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN follow_up_needed SMALLINT NOT NULL DEFAULT 0;
-- NULL when there is no follow-up; follow_up_done_at is set when it was done.
ALTER TABLE contacts ADD COLUMN follow_up_due BIGINT;
ALTER TABLE contacts ADD COLUMN follow_up_done_at BIGINT;
-- Repeat callers: HMAC-SHA-256 (blind-index subkey) of the normalised identifier, hex, '' if none;
-- the identifier itself only sealed.
ALTER TABLE contacts ADD COLUMN caller_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN caller_sealed TEXT NOT NULL DEFAULT '';
ALTER TABLE contacts ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE contacts ADD COLUMN finalised_at BIGINT;
ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE INDEX contacts_drafts_idx ON contacts (org_id, status, created_by, created_at);
CREATE INDEX contacts_follow_up_idx ON contacts (org_id, follow_up_needed, follow_up_due);
CREATE INDEX contacts_caller_idx ON contacts (org_id, caller_hash, started_at);

CREATE TABLE contact_codes (
  contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  org_id TEXT NOT NULL,
  list TEXT NOT NULL,
  code TEXT NOT NULL,
  started_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (contact_id, list, code)
);
CREATE INDEX contact_codes_filter_idx ON contact_codes (org_id, list, code, started_at);

CREATE TABLE contact_referrals (
  contact_id TEXT NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  agency_id TEXT NOT NULL,
  PRIMARY KEY (contact_id, agency_id)
);

-- A safety plan attached to a contact (later also to a case): every field sealed together.
CREATE TABLE safety_plans (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  contact_id TEXT NOT NULL DEFAULT '',
  sealed TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX safety_plans_contact_idx ON safety_plans (org_id, contact_id);

-- Flags on a repeat caller ("abusive", ...), by blind index, each with an expiry.
CREATE TABLE caller_flags (
  org_id TEXT NOT NULL REFERENCES organisations (id),
  caller_hash TEXT NOT NULL,
  flag TEXT NOT NULL,
  expires_at BIGINT NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, caller_hash, flag)
);
