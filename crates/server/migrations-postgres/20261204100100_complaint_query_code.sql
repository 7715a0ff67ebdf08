-- Complaints get a query code like cases (issue #13): the contact phone alone does not protect
-- a complaint, since the department complained about knows it. Stored as SHA-256(salt ‖ code),
-- the code itself only for the replay window (an outbox retry must get it again), then erased.
-- Complaints filed before this get a code when the server starts (random values cannot be made
-- the same way in SQL on SQLite and PostgreSQL); until then query_code_hash is NULL, which no
-- code matches.
ALTER TABLE complaints ADD COLUMN query_code_salt TEXT;
ALTER TABLE complaints ADD COLUMN query_code_hash TEXT;
ALTER TABLE complaints ADD COLUMN query_code_replay TEXT;
ALTER TABLE complaints ADD COLUMN replay_until TEXT;
