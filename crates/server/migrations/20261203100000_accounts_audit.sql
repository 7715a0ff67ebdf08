-- Issue 12: accounts managed on the desk, and one audit log for every publishing change.
--
-- staff_accounts gains the 窗口人员 role (`window`, of one department, beside `department`, now
-- 部门审核), a disabled flag and a must-change-password flag (set when an administrator creates
-- an account or resets its password). The CHECK constraints name the roles, so the table is
-- rebuilt as in 20261202120000_disclosure.sql (db::migrate runs with foreign keys off and checks
-- them afterwards).

CREATE TABLE staff_accounts_new (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    role                 TEXT NOT NULL
        CHECK (role IN ('window', 'department', 'center_admin', 'disclosure')),
    department_code      TEXT REFERENCES departments (code),
    agency_code          TEXT REFERENCES disclosure_agencies (code),
    password_hash        TEXT NOT NULL,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    locked_until         TEXT,
    created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    CHECK ((role IN ('window', 'department')) = (department_code IS NOT NULL)),
    CHECK ((role = 'disclosure') = (agency_code IS NOT NULL))
) STRICT;

INSERT INTO staff_accounts_new (id, username, display_name, role, department_code, agency_code,
    password_hash, failed_logins, locked_until, created_at)
SELECT id, username, display_name, role, department_code, agency_code, password_hash,
    failed_logins, locked_until, created_at
FROM staff_accounts;

DROP TABLE staff_accounts;
ALTER TABLE staff_accounts_new RENAME TO staff_accounts;

-- Who changed what, when, with the object before and after (JSON; NULL for a creation's
-- before and a deletion's after). Written in the same transaction as the change it records.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    staff_id   INTEGER NOT NULL REFERENCES staff_accounts (id),
    staff_name TEXT NOT NULL,                 -- the display name at the time
    kind       TEXT NOT NULL,                 -- e.g. catalog.create, guide.item, account.reset
    subject    TEXT NOT NULL,                 -- what it changed: an 索引号, an item code, a username
    before     TEXT,
    after      TEXT
) STRICT;

CREATE INDEX audit_log_by_time ON audit_log (at DESC);
CREATE INDEX audit_log_by_subject ON audit_log (kind, subject);
