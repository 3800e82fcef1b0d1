-- 0001: the first schema. Dialect-neutral: runs unchanged on SQLite and PostgreSQL.
-- Every TEXT column is NOT NULL DEFAULT '' so the store never has to map NULLs.
-- Sealed values (ciphertext: contacts.summary_sealed) and wrapped keys (data_keys.wrapped) are
-- stored as lower-case hex TEXT: the same bytes round-trip through both backends without SOCI's
-- backend-specific blob handling.

CREATE TABLE organisations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL CONSTRAINT organisations_code_key UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  email TEXT NOT NULL CONSTRAINT users_email_key UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  roles TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  active SMALLINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0,
  last_seen_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at);
CREATE INDEX sessions_created_idx ON sessions (created_at);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_throttle (
  "key" TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  window_start BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE data_keys (
  key_id TEXT PRIMARY KEY,
  wrapped TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL DEFAULT 0,
  channel TEXT NOT NULL DEFAULT '',
  started_at BIGINT NOT NULL DEFAULT 0,
  duration_s INTEGER NOT NULL DEFAULT 0,
  caller_type TEXT NOT NULL DEFAULT '',
  anonymous SMALLINT NOT NULL DEFAULT 1,
  language TEXT NOT NULL DEFAULT '',
  summary_sealed TEXT NOT NULL DEFAULT '',
  code_version TEXT NOT NULL DEFAULT ''
);
-- Keyset pagination: WHERE org_id = ? AND (started_at, id) < (?, ?) ORDER BY started_at DESC, id DESC
CREATE INDEX contacts_org_started_idx ON contacts (org_id, started_at DESC, id DESC);
CREATE INDEX contacts_created_by_idx ON contacts (created_by);

CREATE TABLE audit_events (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL DEFAULT 0,
  actor_user_id TEXT NOT NULL DEFAULT '',
  org_id TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL DEFAULT '',
  object_type TEXT NOT NULL DEFAULT '',
  object_id TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL DEFAULT '',
  hash TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id, seq);
