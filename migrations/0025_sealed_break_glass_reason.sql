-- A break-glass reason is free text a supervisor typed to open a case they are not on: it may
-- name the person, so it is sealed (the "clients.v1" key, AAD "case_break_glass.reason:" + grant
-- id, hex) in reason_sealed, and the clear reason column stays empty from now on. A reason written
-- before is sealed and emptied in code at start (cases/break_glass.h), before anything is served.
ALTER TABLE case_break_glass ADD COLUMN reason_sealed TEXT NOT NULL DEFAULT '';
