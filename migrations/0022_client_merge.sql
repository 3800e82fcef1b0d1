-- Possible duplicate clients (issue 8, section 1): a pair of clients of one organisation flagged
-- as perhaps the same person, when a client is registered while search before create matches
-- another, or by a case worker. A supervisor dismisses the flag or merges the pair. A merge keeps
-- both records and both keys (nothing is sealed again): the merged-away client names its
-- survivor in merged_into and leaves search and lists; its audit trail stays, read with the
-- survivor's.
ALTER TABLE clients ADD COLUMN merged_into TEXT NOT NULL DEFAULT '';

CREATE TABLE client_duplicate_flags (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  client_a TEXT NOT NULL REFERENCES clients (id),
  client_b TEXT NOT NULL REFERENCES clients (id),
  reason TEXT NOT NULL,
  flagged_by TEXT NOT NULL DEFAULT '',
  flagged_at BIGINT NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',
  resolved_by TEXT NOT NULL DEFAULT '',
  resolved_at BIGINT NOT NULL DEFAULT 0,
  survivor_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX client_duplicate_flags_open ON client_duplicate_flags (org_id, status, flagged_at);
