-- 0017: court proceedings and social-inclusion outcomes of a case (issue 8, section 4).
-- A proceeding's coded fields are in the clear (kind, the person's role, status, outcome, the
-- amounts of compensation with their ISO 4217 currency; -1 for an amount not given); the court's
-- name in free text and the court's case reference are sealed under the key of the case's client
-- (hex of opaque bytes, '' for none). Its hearings are kept in order (`position` from 0), each
-- with a hearing_kind, the hearing_support codes given (space-separated) and a sealed note.
-- A follow-up (kind 'closure' when recorded with the closure request, else 'follow_up') holds the
-- outcomes per inclusion_domain, each an inclusion_status. Dialect-neutral.
CREATE TABLE case_proceedings (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  court_agency_id TEXT NOT NULL DEFAULT '',
  court_sealed TEXT NOT NULL DEFAULT '',
  reference_sealed TEXT NOT NULL DEFAULT '',
  claimed_amount BIGINT NOT NULL DEFAULT -1,
  claimed_currency TEXT NOT NULL DEFAULT '',
  awarded_amount BIGINT NOT NULL DEFAULT -1,
  awarded_currency TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX case_proceedings_case_idx ON case_proceedings (case_id, created_at);
CREATE TABLE case_hearings (
  proceeding_id TEXT NOT NULL REFERENCES case_proceedings (id),
  position INTEGER NOT NULL,
  held_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  support TEXT NOT NULL DEFAULT '',
  note_sealed TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (proceeding_id, position)
);
CREATE TABLE case_follow_ups (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  followed_on TEXT NOT NULL,
  note_sealed TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX case_follow_ups_case_idx ON case_follow_ups (case_id, followed_on);
CREATE TABLE case_inclusion_outcomes (
  follow_up_id TEXT NOT NULL REFERENCES case_follow_ups (id),
  case_id TEXT NOT NULL REFERENCES cases (id),
  domain TEXT NOT NULL,
  status TEXT NOT NULL,
  PRIMARY KEY (follow_up_id, domain)
);
CREATE INDEX case_inclusion_outcomes_case_idx ON case_inclusion_outcomes (case_id);
