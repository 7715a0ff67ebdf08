-- 好差评申诉复核 (国办发〔2019〕51号): a department appeals a bad rating once, with reasons and
-- evidence; the center upholds or rejects it. An upheld appeal takes the rating out of the
-- department's published results and its rectification list (the rating stays on record).
CREATE TABLE evaluation_appeals (
    id              INTEGER PRIMARY KEY,
    evaluation_id   INTEGER NOT NULL UNIQUE REFERENCES evaluations (id),
    department_code TEXT NOT NULL,
    reasons         TEXT NOT NULL,
    evidence        TEXT NOT NULL DEFAULT '[]',   -- JSON [{"id", "name", "media_type", "size"}]
    filed_by        INTEGER NOT NULL REFERENCES staff_accounts (id),
    filed_at        TEXT NOT NULL,
    decision        TEXT CHECK (decision IN ('upheld', 'rejected')),
    decision_note   TEXT,
    decided_by      INTEGER REFERENCES staff_accounts (id),
    decided_at      TEXT
) STRICT;

CREATE INDEX evaluation_appeals_open ON evaluation_appeals (decision, filed_at);

-- The names of files attached to appeals as evidence (the bytes are uploads).
CREATE TABLE appeal_files (
    id   TEXT PRIMARY KEY NOT NULL REFERENCES uploads (id),
    name TEXT NOT NULL
) STRICT;
