-- 0034: trainings given to partner professionals (issue 11, section 3; docs/trainings.md).
-- Dialect-neutral.
--
-- A course of one organisation: its first day and optional last day ("YYYY-MM-DD", compared as
-- text), draft or held, its topics, the directory agencies that took part and the staff who gave
-- it (comma-separated codes and ids), an average evaluation score in tenths (10..50; 0 when not
-- evaluated), and the free text (place, external trainers' names, evaluation summary) sealed as
-- one JSON text (hex of the ciphertext under the "agencies.v1" data key, vault field
-- kTrainingText). Participants are counts per audience (training_audiences), never names.
CREATE TABLE trainings (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  status TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL DEFAULT '',
  topics TEXT NOT NULL DEFAULT '',
  agencies TEXT NOT NULL DEFAULT '',
  trainers TEXT NOT NULL DEFAULT '',
  score_tenths INTEGER NOT NULL DEFAULT 0,
  text_sealed TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
-- The list (newest first, keyset on start_date, id) and the figures of a period.
CREATE INDEX trainings_org_date_idx ON trainings (org_id, start_date, id);

-- The participants of a training, counted per audience (codes of training_audience).
CREATE TABLE training_audiences (
  training_id TEXT NOT NULL REFERENCES trainings (id) ON DELETE CASCADE,
  audience TEXT NOT NULL,
  participants INTEGER NOT NULL,
  CONSTRAINT training_audiences_key PRIMARY KEY (training_id, audience)
);
