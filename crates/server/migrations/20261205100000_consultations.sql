-- 咨询: questions about a service item, answered by its department within the center's time
-- limit (working days, counted by guichet_core::consultation), readable by number and query
-- code, and published as the item's 常见问题 when the asker allowed it and staff chose to, with
-- the texts staff wrote for publication (personal data removed).

-- The center's settings of 咨询 and 预约 (key → whole number), e.g. answer_days.
CREATE TABLE contact_settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value INTEGER NOT NULL
) STRICT;

CREATE TABLE consultations (
    id                INTEGER PRIMARY KEY,
    consultation_no   TEXT NOT NULL UNIQUE,
    client_id         TEXT NOT NULL UNIQUE,        -- idempotency key from the device's outbox
    content_hash      TEXT NOT NULL,               -- of what was sent, to tell a replay from a reuse
    item_code         TEXT NOT NULL REFERENCES service_items (code),
    department_code   TEXT NOT NULL REFERENCES departments (code),
    question          TEXT NOT NULL,
    asker_name        TEXT NOT NULL,
    phone             TEXT NOT NULL,
    publish_allowed   INTEGER NOT NULL CHECK (publish_allowed IN (0, 1)),
    query_code_salt   TEXT NOT NULL,
    query_code_hash   TEXT NOT NULL,
    query_code_replay TEXT,                        -- the code, for outbox retries until replay_until
    replay_until      TEXT,
    received_at       TEXT NOT NULL,
    counted_from      TEXT NOT NULL,               -- YYYY-MM-DD
    answer_due        TEXT NOT NULL,               -- YYYY-MM-DD
    due_provisional   INTEGER NOT NULL CHECK (due_provisional IN (0, 1)),
    answer            TEXT,
    answered_at       TEXT,
    answered_on       TEXT,                        -- YYYY-MM-DD (China) of answered_at
    answered_by       INTEGER REFERENCES staff_accounts (id),
    faq_question      TEXT,                        -- published texts; NULL when not published
    faq_answer        TEXT,
    faq_published_at  TEXT
) STRICT;

CREATE INDEX consultations_desk ON consultations (department_code, answered_at, answer_due);
CREATE INDEX consultations_faq ON consultations (item_code, faq_published_at);
