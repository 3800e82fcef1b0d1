-- Erasing a person (issue 8, section 8): the person's key is destroyed (client_keys) and the
-- client is marked erased: when, by whom and the stated reason (not personal data; at most 500
-- characters). The coded columns stay for the statistics.
ALTER TABLE clients ADD COLUMN erased_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN erased_by TEXT NOT NULL DEFAULT '';
ALTER TABLE clients ADD COLUMN erasure_reason TEXT NOT NULL DEFAULT '';
