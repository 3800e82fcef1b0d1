-- 0033: retention (issue 10, section 5; docs/security.md "Retention"). Dialect-neutral.
--
-- How long an organisation keeps each kind of record, and what happens after: `kind` is one of
-- contacts, closed_cases, case_notes, case_documents; `action` 'delete' or 'deidentify' (the
-- kinds that allow it: domain/retention.h). No row: the kind is kept without limit. The daily
-- job of `strada serve` and `strada purge --apply` apply the rules.
CREATE TABLE retention_rules (
  org_id TEXT NOT NULL REFERENCES organisations (id),
  kind TEXT NOT NULL,
  keep_days INTEGER NOT NULL,
  action TEXT NOT NULL,
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  CONSTRAINT retention_rules_key PRIMARY KEY (org_id, kind)
);
-- The purge's lookups by age.
CREATE INDEX case_notes_created_idx ON case_notes (created_at);
CREATE INDEX case_attachments_uploaded_idx ON case_attachments (uploaded_at);
