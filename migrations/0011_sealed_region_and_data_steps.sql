-- 0010: the caller's region is free text about a person, so it is sealed like the summary
-- (issue 2.4): region_sealed holds it (the "contacts.v1" key, AAD "contacts.region:" + id, hex);
-- the clear caller_region column stays empty from now on.
--
-- SQL cannot open or seal a value, so what needs the vault runs as a step in code after the
-- schema migrations (hotline/stored_contacts_upgrade.h), at `strada migrate` and at server
-- start: it seals the regions written before, empties caller_region, and recomputes the
-- repeat-caller blind indexes of contacts, caller flags and telephony calls from the sealed
-- caller identifiers (numbers to E.164, issue 2.7). data_migrations records each step done, so
-- none runs twice.
ALTER TABLE contacts ADD COLUMN region_sealed TEXT NOT NULL DEFAULT '';
CREATE TABLE data_migrations (
  name TEXT PRIMARY KEY,
  done_at BIGINT NOT NULL DEFAULT 0
);
