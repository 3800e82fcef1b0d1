-- 0019: a case's transfer to another case worker, with acceptance (issue 8, section 2). A
-- pending transfer waits for the receiving worker (or a supervisor) to accept or decline it; at
-- most one is pending per case. `reason` is a short work note (never personal data), and so is
-- `decision_reason`. Dialect-neutral.
CREATE TABLE case_transfers (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  org_id TEXT NOT NULL,
  from_user TEXT NOT NULL,
  to_user TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  requested_by TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  decided_by TEXT NOT NULL DEFAULT '',
  decided_at BIGINT NOT NULL DEFAULT 0,
  decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_transfers_case_idx ON case_transfers (case_id, status);
CREATE INDEX case_transfers_to_idx ON case_transfers (org_id, to_user, status);
