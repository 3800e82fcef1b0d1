-- The reason for an erasure is free text a person typed: it may name the person, so it is sealed
-- (the "clients.v1" key, AAD "clients.erasure_reason:" + client id, hex) in erasure_reason_sealed.
-- The clear erasure_reason column stays empty from now on; a reason written before is sealed and
-- emptied by the erasure reconciliation in code at start (cases/erasure_ledger.h), which also
-- keeps the data folder's erasure ledger and the database in step (an erasure survives a restore
-- of a backup made before it).
ALTER TABLE clients ADD COLUMN erasure_reason_sealed TEXT NOT NULL DEFAULT '';
