-- 依申请公开 (issue 11): the agencies that answer requests for government information, with
-- their 公开指南; the requests themselves (each is a case of type `disclosure`, filed through the
-- form engine, with its own clock); and the agencies' 信息公开工作人员, a third staff role.
--
-- staff_accounts' CHECK constraints name the roles, and SQLite cannot alter a constraint: the
-- table is rebuilt by SQLite's documented procedure (new table, copy, drop, rename); db::migrate
-- runs migrations with foreign keys off and checks them afterwards.

CREATE TABLE disclosure_agencies (
    code       TEXT PRIMARY KEY NOT NULL,          -- the agency's 统一社会信用代码 (索引号 prefix)
    name       TEXT NOT NULL,
    guide      TEXT NOT NULL,                      -- the 公开指南 as JSON (office, address, hours…)
    sort_order INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE staff_accounts_new (
    id              INTEGER PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('department', 'center_admin', 'disclosure')),
    department_code TEXT REFERENCES departments (code),
    agency_code     TEXT REFERENCES disclosure_agencies (code),
    password_hash   TEXT NOT NULL,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT,
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    CHECK ((role = 'department') = (department_code IS NOT NULL)),
    CHECK ((role = 'disclosure') = (agency_code IS NOT NULL))
) STRICT;

INSERT INTO staff_accounts_new (id, username, display_name, role, department_code, password_hash,
    failed_logins, locked_until, created_at)
SELECT id, username, display_name, role, department_code, password_hash, failed_logins,
    locked_until, created_at
FROM staff_accounts;

DROP TABLE staff_accounts;
ALTER TABLE staff_accounts_new RENAME TO staff_accounts;

-- One row per request: the case row (cases) holds the submission, the case number and query
-- code; this holds the clock's facts. `events` is the guichet_core::disclosure::DisclosureEvent
-- list, replayed and checked by the core on every load and step.
CREATE TABLE disclosure_requests (
    case_id            INTEGER PRIMARY KEY NOT NULL REFERENCES cases (id),
    agency_code        TEXT NOT NULL REFERENCES disclosure_agencies (code),
    channel            TEXT NOT NULL,              -- guichet_core::disclosure::Channel
    counted_from       TEXT NOT NULL,              -- YYYY-MM-DD: the receipt date of Art. 31
    applicant_category TEXT NOT NULL,              -- annual_report::ApplicantCategory
    applicant          TEXT NOT NULL,              -- name of the person or organisation
    description        TEXT NOT NULL,              -- 所需信息, for the queue
    events             TEXT NOT NULL DEFAULT '[]',
    supplement         TEXT,                       -- pending 补正: {"missing", "note", "reply_by"}
    reply              TEXT,                       -- the reply document (text, files, reason)
    closed             INTEGER NOT NULL DEFAULT 0, -- answered or withdrawn
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX disclosure_requests_by_agency ON disclosure_requests (agency_code, closed);

-- The names of files the desk attached to replies (the bytes are uploads, content-addressed).
CREATE TABLE disclosure_files (
    id   TEXT PRIMARY KEY NOT NULL REFERENCES uploads (id),
    name TEXT NOT NULL
) STRICT;
