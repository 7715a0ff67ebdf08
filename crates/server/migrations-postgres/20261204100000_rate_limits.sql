-- Rate limits counted atomically (issue #13). Every attempt is reserved (a row in
-- rate_attempts) before it is decided on, inside a transaction that first writes the key's row
-- in rate_keys: concurrent attempts on one key, from any server process, take turns there, so
-- each one counts the others. The old failed_attempts table (check, then record) is replaced.
DROP TABLE IF EXISTS failed_attempts;

CREATE TABLE rate_attempts (
    id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope TEXT NOT NULL,
    key   TEXT NOT NULL,
    at    TEXT NOT NULL
);

CREATE INDEX rate_attempts_by_key ON rate_attempts (scope, key, at);
CREATE INDEX rate_attempts_by_at ON rate_attempts (at);

CREATE TABLE rate_keys (
    scope      TEXT NOT NULL,
    key        TEXT NOT NULL,
    touched_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE INDEX rate_keys_by_touched ON rate_keys (touched_at);
