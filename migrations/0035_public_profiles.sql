-- 0035: the organisations' public hotline profiles (issue 11, section 1; docs/public-site.md).
-- Dialect-neutral.
--
-- What an organisation's admin publishes about its hotlines on the public pages (/public/):
-- `hotlines` is JSON (names, E.164 numbers, hours, free of charge, languages, channels), public
-- by intent. The organisation's address is always sealed (address_sealed: hex of the ciphertext
-- under the "agencies.v1" data key, bound to "organisations.address:<org id>"); only when
-- address_public is 1 is it also kept in the clear in public_address, the one column the public
-- pages read. A non-public address is a secret address (a shelter's): never in public_address.
CREATE TABLE public_profiles (
  org_id TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id),
  hotlines TEXT NOT NULL DEFAULT '[]',
  address_sealed TEXT NOT NULL DEFAULT '',
  address_public SMALLINT NOT NULL DEFAULT 0,
  public_address TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1
);

-- At the hub: the public part of each member's profile, as the member last sent it
-- (public_profile.publish, signed, through the outbox). Only what the member's public pages
-- show: its hotlines and its address when public. Never a secret address.
CREATE TABLE network_public_profiles (
  member_code TEXT NOT NULL PRIMARY KEY,
  hotlines TEXT NOT NULL DEFAULT '[]',
  public_address TEXT NOT NULL DEFAULT '',
  message_id TEXT NOT NULL DEFAULT '',
  received_at BIGINT NOT NULL DEFAULT 0
);
