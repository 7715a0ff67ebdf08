-- Service items (事项) with their ten disclosures, their versioned forms, the cases created by
-- online submissions, the idempotency receipts that make a submission arrive exactly once, and
-- uploaded attachments.

CREATE TABLE departments (
    code       TEXT PRIMARY KEY NOT NULL,          -- short code used in case numbers ("JT")
    name       TEXT NOT NULL,
    address    TEXT NOT NULL,
    telephone  TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE service_items (
    code            TEXT PRIMARY KEY NOT NULL,
    department_code TEXT NOT NULL REFERENCES departments (code),
    name            TEXT NOT NULL,
    case_type       TEXT NOT NULL,                 -- guichet_core::case::CaseType (snake_case)
    promised_days   INTEGER NOT NULL,
    legal_days      INTEGER NOT NULL CHECK (promised_days <= legal_days),
    -- The whole guichet_core::service::ServiceItem as JSON: the columns above are copies for
    -- listing and filtering; the JSON is what the API returns.
    disclosure      TEXT NOT NULL,
    -- The latest published form version (NULL until one is published).
    current_form_version INTEGER,
    sort_order      INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX service_items_by_department ON service_items (department_code, sort_order);

-- Published versions are never updated or deleted: a submission names its version.
CREATE TABLE form_definitions (
    item_code    TEXT NOT NULL REFERENCES service_items (code),
    version      INTEGER NOT NULL CHECK (version >= 1),
    definition   TEXT NOT NULL,                    -- guichet_core::form::FormDefinition as JSON
    published_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (item_code, version)
) STRICT;

-- Per-day, per-department counters behind case numbers (20261127-JT-000123).
CREATE TABLE case_sequences (
    day             TEXT NOT NULL,                 -- YYYYMMDD, China time
    department_code TEXT NOT NULL,
    last_value      INTEGER NOT NULL,
    PRIMARY KEY (day, department_code)
) STRICT;

CREATE TABLE cases (
    id              INTEGER PRIMARY KEY,
    case_no         TEXT NOT NULL UNIQUE,
    -- The submission's idempotency key, made by the client; UNIQUE so that no race, retry
    -- or bug can ever make two cases of one submission.
    client_id       TEXT NOT NULL UNIQUE,
    item_code       TEXT NOT NULL,
    form_version    INTEGER NOT NULL,
    department_code TEXT NOT NULL,
    case_type       TEXT NOT NULL,
    state           TEXT NOT NULL,                 -- guichet_core::case::CaseState::code()
    answers         TEXT NOT NULL,                 -- normalised answers (JSON)
    content_hash    TEXT NOT NULL,                 -- SHA-256 of the submission as sent
    -- The query code (查询码) is stored only as SHA-256(salt || code), salt random per case.
    query_code_salt TEXT NOT NULL,
    query_code_hash TEXT NOT NULL,
    history         TEXT NOT NULL,                 -- guichet_core::case::Event list (JSON)
    submitted_at    TEXT,                          -- when the person pressed "submit" (client clock)
    received_at     TEXT NOT NULL,                 -- when the server committed it (UTC)
    FOREIGN KEY (item_code, form_version) REFERENCES form_definitions (item_code, version)
) STRICT;

-- What was answered to a client id, for replay: a retry after a lost response gets the same
-- answer. `response` keeps the query code in clear only until `replay_until`; after that it is
-- removed from the stored response (see submissions_store.rs for the trade-off).
CREATE TABLE submission_receipts (
    client_id    TEXT PRIMARY KEY NOT NULL,
    content_hash TEXT NOT NULL,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    response     TEXT NOT NULL,
    replay_until TEXT NOT NULL,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE INDEX submission_receipts_by_expiry ON submission_receipts (replay_until);

-- Uploaded attachments, content-addressed: the id is the SHA-256 of the bytes, so an upload
-- retried after a lost response gives the same id and stores nothing twice.
CREATE TABLE uploads (
    id          TEXT PRIMARY KEY NOT NULL,
    media_type  TEXT NOT NULL,                     -- sniffed from the bytes
    size        INTEGER NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
