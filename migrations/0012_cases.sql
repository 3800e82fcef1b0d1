-- 0012: direct assistance (issue 8): clients, their per-person keys and blind indexes, cases,
-- case teams, status history, linked contacts, break-glass grants, consents and notes.
-- Dialect-neutral.
--
-- A client's personal data (person_sealed, and every case note) is sealed under a key of that
-- person alone: client_keys.wrapped_key (hex, wrapped by a subkey of the master key with the
-- client id as associated data). Erasing the person empties wrapped_key and sets destroyed_at:
-- nothing sealed under it opens again. The coded columns are HTCDS 2.0 codes ('' unknown;
-- multi-valued ones comma-separated, like agencies.services).

CREATE TABLE client_keys (
  client_id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  wrapped_key TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  destroyed_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE clients (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  client_code TEXT NOT NULL,
  person_sealed TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '',
  birth_year INTEGER NOT NULL DEFAULT 0,
  age_band TEXT NOT NULL DEFAULT '',
  citizenships TEXT NOT NULL DEFAULT '',
  primary_language TEXT NOT NULL DEFAULT '',
  education TEXT NOT NULL DEFAULT '',
  trafficking_status TEXT NOT NULL DEFAULT '',
  status_decided_by TEXT NOT NULL DEFAULT '',
  relationship_to_trafficker TEXT NOT NULL DEFAULT '',
  age_when_trafficked INTEGER NOT NULL DEFAULT -1,
  recruitment_methods TEXT NOT NULL DEFAULT '',
  control_methods TEXT NOT NULL DEFAULT '',
  exploitation_types TEXT NOT NULL DEFAULT '',
  industries TEXT NOT NULL DEFAULT '',
  countries_origin TEXT NOT NULL DEFAULT '',
  countries_transit TEXT NOT NULL DEFAULT '',
  countries_exploitation TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX clients_org_code_idx ON clients (org_id, client_code);

-- Search before create: keyed hashes of the normalised name, birth date and phone numbers
-- (vault::BlindIndex), scoped to the organisation. kind: name, birth_date, phone.
CREATE TABLE client_index (
  org_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  hash TEXT NOT NULL,
  client_id TEXT NOT NULL REFERENCES clients (id),
  PRIMARY KEY (org_id, kind, hash, client_id)
);
CREATE INDEX client_index_client_idx ON client_index (client_id);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  client_id TEXT NOT NULL REFERENCES clients (id),
  case_code TEXT NOT NULL,
  status TEXT NOT NULL,
  assigned_to TEXT NOT NULL DEFAULT '',
  referral_source TEXT NOT NULL DEFAULT '',
  referral_agency_id TEXT NOT NULL DEFAULT '',
  referred_on TEXT NOT NULL DEFAULT '',
  reflection_start TEXT NOT NULL DEFAULT '',
  reflection_end TEXT NOT NULL DEFAULT '',
  plan_status TEXT NOT NULL DEFAULT 'none',
  closure_reason TEXT NOT NULL DEFAULT '',
  closure_outcome TEXT NOT NULL DEFAULT '',
  closure_requested_by TEXT NOT NULL DEFAULT '',
  closure_requested_at BIGINT NOT NULL DEFAULT 0,
  closure_approved_by TEXT NOT NULL DEFAULT '',
  closure_approved_at BIGINT NOT NULL DEFAULT 0,
  opened_on TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
-- One case per client per organisation.
CREATE UNIQUE INDEX cases_org_client_idx ON cases (org_id, client_id);
CREATE UNIQUE INDEX cases_org_code_idx ON cases (org_id, case_code);
-- The case list: by worker and status, newest change first (keyset on updated_at, id).
CREATE INDEX cases_list_worker_idx ON cases (org_id, assigned_to, status, updated_at, id);
CREATE INDEX cases_list_status_idx ON cases (org_id, status, updated_at, id);
CREATE INDEX cases_list_org_idx ON cases (org_id, updated_at, id);

CREATE TABLE case_team (
  case_id TEXT NOT NULL REFERENCES cases (id),
  user_id TEXT NOT NULL,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_team_user_idx ON case_team (user_id, case_id);

CREATE TABLE case_status_history (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'status_change',
  at BIGINT NOT NULL,
  by_user TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_status_history_case_idx ON case_status_history (case_id, at);

CREATE TABLE case_contacts (
  case_id TEXT NOT NULL REFERENCES cases (id),
  contact_id TEXT NOT NULL,
  linked_by TEXT NOT NULL DEFAULT '',
  linked_at BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (case_id, contact_id)
);

-- A break-glass: who opened a case they are not on, why (shown to supervisors), until when.
CREATE TABLE case_break_glass (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  user_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX case_break_glass_case_idx ON case_break_glass (case_id, user_id, expires_at);

CREATE TABLE case_consents (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  share_agency_id TEXT NOT NULL DEFAULT '',
  share_kind TEXT NOT NULL DEFAULT '',
  given_as TEXT NOT NULL,
  given_on TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  expires_on TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_at BIGINT NOT NULL DEFAULT 0,
  withdrawn_on TEXT NOT NULL DEFAULT '',
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawn_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_consents_case_idx ON case_consents (case_id, recorded_at);

-- Notes: the text sealed under the key of the case's client (AAD "case_notes.text:" + id).
CREATE TABLE case_notes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  author TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  text_sealed TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at);
