-- 0027: the network's transport (issue 9, section 1; src/network/, docs/network.md).
-- `network_instance`: this instance's place in the network (one row, id 1): its member code, name,
-- ISO 3166-1 country and public URL; `role` '' (in no network), 'hub' or 'member'; on a member,
-- the hub's URL and code and `membership` ('', 'pending', 'active', 'revoked').
-- `network_keys`: this instance's own key pairs. Public halves in hex; the secret halves (the
-- Ed25519 seed and the X25519 secret) sealed by the vault (hex of opaque bytes), never in the
-- clear. `status` 'current' (one row) or 'retired'.
-- `network_members`: at the hub, the member registry (join requests 'pending', 'active',
-- 'revoked'); at a member, the list the hub sent (the hub included, `is_hub` 1).
-- `network_peer_keys`: every other instance's public keys by key id ('active', 'retired',
-- 'revoked'); a message is checked against these only.
-- `network_seen_nonces`: the nonces of accepted deliveries (replay), kept past the skew window.
-- `network_outbox`: messages to send, retried until acknowledged; `envelope` is the signed
-- envelope's JSON (emptied at the hub once a relayed one is acknowledged).
-- `network_inbox`: messages received for this instance, keyed by message id (idempotent).
-- `network_relays`: at the hub, routing metadata of the messages it relayed: never their body.
-- Dialect-neutral.
CREATE TABLE network_instance (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT '',
  hub_url TEXT NOT NULL DEFAULT '',
  hub_code TEXT NOT NULL DEFAULT '',
  membership TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE network_keys (
  key_id TEXT PRIMARY KEY,
  signing_public TEXT NOT NULL,
  box_public TEXT NOT NULL,
  signing_secret_sealed TEXT NOT NULL,
  box_secret_sealed TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  retired_at BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE network_members (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  country TEXT NOT NULL,
  url TEXT NOT NULL,
  key_id TEXT NOT NULL,
  status TEXT NOT NULL,
  is_hub INTEGER NOT NULL DEFAULT 0,
  joined_at BIGINT NOT NULL,
  approved_at BIGINT NOT NULL DEFAULT 0,
  approved_by TEXT NOT NULL DEFAULT '',
  revoked_at BIGINT NOT NULL DEFAULT 0,
  revoked_by TEXT NOT NULL DEFAULT '',
  revoke_reason TEXT NOT NULL DEFAULT '',
  last_message_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE network_peer_keys (
  key_id TEXT PRIMARY KEY,
  member_code TEXT NOT NULL,
  signing_public TEXT NOT NULL,
  box_public TEXT NOT NULL,
  status TEXT NOT NULL,
  added_at BIGINT NOT NULL
);
CREATE INDEX network_peer_keys_member_idx ON network_peer_keys (member_code);
CREATE TABLE network_seen_nonces (
  nonce TEXT PRIMARY KEY,
  seen_at BIGINT NOT NULL
);
CREATE INDEX network_seen_nonces_time_idx ON network_seen_nonces (seen_at);
CREATE TABLE network_outbox (
  message_id TEXT PRIMARY KEY,
  destination_code TEXT NOT NULL,
  destination_url TEXT NOT NULL,
  kind TEXT NOT NULL,
  envelope TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  acknowledged_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX network_outbox_due_idx ON network_outbox (acknowledged_at, next_attempt_at);
CREATE TABLE network_inbox (
  message_id TEXT PRIMARY KEY,
  sender_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at BIGINT NOT NULL
);
CREATE TABLE network_relays (
  message_id TEXT PRIMARY KEY,
  sender_code TEXT NOT NULL,
  receiver_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  received_at BIGINT NOT NULL
);
