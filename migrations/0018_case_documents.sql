-- 0018: documents attached to a case (issue 8, section 5). `case_attachments` holds what the list
-- shows; the title is sealed under the key of the case's client (hex of opaque bytes), `kind` a
-- document_kind code, `media_type` what the content was recognised as (never the sender's
-- claim). The content sits apart in `case_attachment_contents`, sealed under the same key (hex
-- of opaque bytes: at most 10 MiB of document, about 20 MiB of text), so that a list never reads
-- it and a withdrawal deletes it. Erasing the person (destroying their key) leaves both sealed
-- values unreadable. Dialect-neutral.
CREATE TABLE case_attachments (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL,
  media_type TEXT NOT NULL,
  byte_size BIGINT NOT NULL,
  title_sealed TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  withdrawn_by TEXT NOT NULL DEFAULT '',
  withdrawn_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_attachments_case_idx ON case_attachments (case_id, uploaded_at);
CREATE TABLE case_attachment_contents (
  attachment_id TEXT PRIMARY KEY REFERENCES case_attachments (id),
  content_sealed TEXT NOT NULL
);
