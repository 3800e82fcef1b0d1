-- 0013: the services delivered on a case (issue 8, section 4). Dialect-neutral.
-- Services delivered: the figures behind "services delivered". Coded (service_type,
-- service_outcome); provider the own organisation ('') or a directory agency.
CREATE TABLE case_services (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  type TEXT NOT NULL,
  provider_agency_id TEXT NOT NULL DEFAULT '',
  started_on TEXT NOT NULL,
  ended_on TEXT NOT NULL DEFAULT '',
  duration_minutes INTEGER NOT NULL DEFAULT -1,
  amount INTEGER NOT NULL DEFAULT -1,
  outcome TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  recorded_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_services_case_idx ON case_services (case_id, started_on);
