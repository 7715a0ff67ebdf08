-- Case tracking and the staff desk (issue 6): what a case carries beyond its submission
-- (supplement request, joint review), the audit trail of staff actions, staff accounts and
-- sessions, failed-attempt counters for rate limits, supplements, 好差评 with their
-- follow-ups, and complaints.

-- 超时默认 / 缺席默认 for an item's joint review. Not part of the published disclosures (they are
-- ServiceItem JSON); most 并联审批 rules deem silence consent, so the default is 1.
ALTER TABLE service_items ADD COLUMN joint_default_consent INTEGER NOT NULL DEFAULT 1;

-- What the latest 补正 asks for: {"missing": [..], "note": ".."} (NULL when none is pending).
ALTER TABLE cases ADD COLUMN supplement_request TEXT;
-- guichet_core::case::JointReview as JSON, set when a 联办件 is accepted.
ALTER TABLE cases ADD COLUMN joint_review TEXT;
-- When the state last changed (UTC), for the desk.
ALTER TABLE cases ADD COLUMN updated_at TEXT;

CREATE INDEX cases_by_department ON cases (department_code, state);

-- Every staff action (and every system act such as 超时默认), with who and when. The core
-- history in cases.history has the state-machine events; this has all of them, part
-- decisions and follow-up replies included, for 电子监察.
CREATE TABLE case_actions (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    at              TEXT NOT NULL,                 -- UTC, RFC 3339
    action          TEXT NOT NULL,                 -- e.g. "accept", "part_decision", "deemed_consent"
    staff_id        INTEGER REFERENCES staff_accounts (id),  -- NULL for the system or applicant
    department_code TEXT,                          -- the actor's department (NULL = center/system)
    detail          TEXT                           -- JSON: reason, decision, missing list…
) STRICT;

CREATE INDEX case_actions_by_case ON case_actions (case_id, id);

-- Supplements sent by applicants, idempotent on the client's id like submissions.
CREATE TABLE case_supplements (
    client_id    TEXT PRIMARY KEY NOT NULL,
    case_id      INTEGER NOT NULL REFERENCES cases (id),
    content_hash TEXT NOT NULL,
    answers      TEXT NOT NULL,
    response     TEXT NOT NULL,
    received_at  TEXT NOT NULL
) STRICT;

CREATE TABLE staff_accounts (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('department', 'center_admin')),
    department_code TEXT REFERENCES departments (code),
    password_hash   TEXT NOT NULL,                 -- argon2id PHC string
    failed_logins   INTEGER NOT NULL DEFAULT 0,    -- consecutive failures
    locked_until    TEXT,                          -- UTC; NULL when not locked
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((role = 'department') = (department_code IS NOT NULL))
) STRICT;

CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,          -- SHA-256 of the cookie's token, hex
    staff_id   INTEGER NOT NULL REFERENCES staff_accounts (id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL                       -- sliding: moved forward on use
) STRICT;

CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Failed attempts for the rate limits (lookup per case number and per IP, login per IP).
-- In SQLite rather than memory so they survive a restart and hold across processes.
CREATE TABLE failed_attempts (
    scope TEXT NOT NULL,                           -- "lookup_case", "lookup_ip", "login_ip", …
    key   TEXT NOT NULL,
    at    TEXT NOT NULL                            -- UTC, RFC 3339
) STRICT;

CREATE INDEX failed_attempts_by_key ON failed_attempts (scope, key, at);

CREATE TABLE evaluations (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL UNIQUE REFERENCES cases (id),   -- 一事一评
    client_id  TEXT NOT NULL UNIQUE,
    level      TEXT NOT NULL,                      -- guichet_core::evaluation::Rating code
    comment    TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE followups (
    id              INTEGER PRIMARY KEY,
    evaluation_id   INTEGER NOT NULL UNIQUE REFERENCES evaluations (id),
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    department_code TEXT NOT NULL,
    due_date        TEXT NOT NULL,                 -- YYYY-MM-DD, 15 working days
    reply           TEXT,
    replied_by      INTEGER REFERENCES staff_accounts (id),
    replied_at      TEXT,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE complaints (
    id           INTEGER PRIMARY KEY,
    complaint_no TEXT NOT NULL UNIQUE,
    client_id    TEXT NOT NULL UNIQUE,
    content_hash TEXT NOT NULL,
    subject      TEXT NOT NULL,
    facts        TEXT NOT NULL,
    contact      TEXT NOT NULL,
    case_no      TEXT,
    status       TEXT NOT NULL DEFAULT 'received',
    reply        TEXT,
    created_at   TEXT NOT NULL
) STRICT;
