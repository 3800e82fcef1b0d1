-- 0006: telephony (issue 3, section 5). A PBX or a telephony provider's relay posts signed call
-- events; an answered call becomes a draft contact of the consultant who took it.

-- A telephony line: one PBX or relay, with its own shared secret (HMAC-SHA-256 key), sealed with
-- the "telephony.v1" data key (AAD "telephony.secret:" + id), lower-case hex like every sealed
-- column. Rotation adds a new line and deactivates the old one.
CREATE TABLE telephony_lines (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL DEFAULT '',
  secret_sealed TEXT NOT NULL DEFAULT '',
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX telephony_lines_org_idx ON telephony_lines (org_id);

-- One call on one line. contact_id is '' until the call is answered; the instants are NULL until
-- their event arrives (events may arrive out of order). The caller's number is never stored, only
-- its blind index (the same HMAC as contacts.caller_hash).
CREATE TABLE telephony_calls (
  line_id TEXT NOT NULL REFERENCES telephony_lines (id),
  call_id TEXT NOT NULL,
  org_id TEXT NOT NULL DEFAULT '',
  contact_id TEXT NOT NULL DEFAULT '',
  offered_at BIGINT,
  answered_at BIGINT,
  ended_at BIGINT,
  caller_hash TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (line_id, call_id)
);
CREATE INDEX telephony_calls_contact_idx ON telephony_calls (contact_id);

-- Idempotency: one row per (line, call_id + ':' + event) applied. A replayed event finds its row
-- and answers with the result recorded here (result_contact_id, '' for none).
CREATE TABLE telephony_events_seen (
  line_id TEXT NOT NULL REFERENCES telephony_lines (id),
  event_key TEXT NOT NULL,
  received_at BIGINT NOT NULL DEFAULT 0,
  result_contact_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (line_id, event_key)
);
