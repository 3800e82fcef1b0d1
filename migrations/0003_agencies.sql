-- 0003: the directory of partner agencies (where people are referred to and from).
-- Dialect-neutral. The address is always sealed (agencies.address_sealed, hex of the ciphertext
-- under the "agencies.v1" data key); a confidential address (a shelter's) is additionally never
-- sent in lists, searches or exports. languages and services are comma-separated codes.

CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  org_id TEXT NOT NULL REFERENCES organisations (id),
  name TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  languages TEXT NOT NULL DEFAULT '',
  services TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  address_sealed TEXT NOT NULL DEFAULT '',
  address_confidential SMALLINT NOT NULL DEFAULT 0,
  active SMALLINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL DEFAULT 0,
  updated_by TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1
);
-- The directory list: WHERE org_id = ? AND active = 1 ORDER BY name, id (keyset on name, id).
CREATE INDEX agencies_org_name_idx ON agencies (org_id, active, name, id);
