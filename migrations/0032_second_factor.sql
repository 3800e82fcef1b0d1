-- 0032: the second factor and the sessions a user can see (issue 10, section 1;
-- docs/security.md). Dialect-neutral.
--
-- A user's TOTP secret (RFC 6238), sealed under the vault's key (never readable from the
-- database alone). `pending_sealed` holds a secret being enrolled until the user confirms it with
-- a code; `secret_sealed` the confirmed one (enabled_at > 0). `last_step` is the last time step
-- a code was accepted for: a code is never accepted twice (replay).
CREATE TABLE user_second_factors (
  user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL DEFAULT '',
  pending_sealed TEXT NOT NULL DEFAULT '',
  enabled_at BIGINT NOT NULL DEFAULT 0,
  last_step BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL DEFAULT 0
);

-- Ten one-time recovery codes per enrolment, as the SHA-256 of the code (80 random bits each:
-- the hash cannot be reversed by trying them). used_at > 0 once used.
CREATE TABLE user_recovery_codes (
  user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at BIGINT NOT NULL DEFAULT 0,
  CONSTRAINT user_recovery_codes_key PRIMARY KEY (user_id, code_hash)
);

-- A session's stage: 'full' (signed in), 'code' (password right, the second factor's code due
-- within five minutes), 'enrol' (password right, the user must set up a second factor first).
-- `factor_failures` counts wrong codes on this session: the fifth ends it. `agent` is the
-- browser's User-Agent (at most 200 characters), so that a user can tell their sessions apart.
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full';
ALTER TABLE sessions ADD COLUMN factor_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN agent TEXT NOT NULL DEFAULT '';

-- The organisation requires a second factor of every user, not only of the roles that reach
-- sealed data. A password set by an administrator must be changed at the next sign-in.
ALTER TABLE organisations ADD COLUMN second_factor_all SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change_password SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN password_changed_at BIGINT NOT NULL DEFAULT 0;
