-- PostgreSQL form of migrations/20260101000000_meta.sql (same name, same version): the same
-- schema in PostgreSQL's dialect. SQLite's STRICT has no counterpart (PostgreSQL always
-- enforces the declared types); SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now') is written with
-- to_char in the same text format (UTC, milliseconds, Z).
--
-- Key/value facts about the database itself (schema creation time, later: instance id,
-- demo flag).
CREATE TABLE meta (
    key        TEXT PRIMARY KEY NOT NULL,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
);

INSERT INTO meta (key, value)
VALUES ('schema_created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
