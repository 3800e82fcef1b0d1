-- 0016: a case's tasks (issue 8, section 5): the to-dos of the assistance team, with a due day
-- and an owner (a user of the organisation). The title is sealed under the key of the case's
-- client (hex of opaque bytes); `kind` is a task_kind code or ''. Dialect-neutral.
CREATE TABLE case_tasks (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases (id),
  kind TEXT NOT NULL DEFAULT '',
  title_sealed TEXT NOT NULL,
  due_on TEXT NOT NULL,
  assigned_to TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  done_by TEXT NOT NULL DEFAULT '',
  done_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_tasks_case_idx ON case_tasks (case_id, due_on);
CREATE INDEX case_tasks_owner_idx ON case_tasks (assigned_to, done, due_on);
