-- PostgreSQL form of migrations/20261203110000_desk_queue.sql (same name, same version).
-- Dialect differences: INTEGER → BIGINT; no STRICT; no WITHOUT ROWID (a PostgreSQL table is
-- a heap with separate indexes either way); INSERT OR IGNORE → ON CONFLICT DO NOTHING; SQLite's
-- JSON functions → PostgreSQL's: json_extract(x, '$.k') → x::json ->> 'k' (both give the text
-- of a string, NULL when absent) and json_each(x, '$.k') → json_array_elements(x::json -> 'k')
-- (joint_departments is an array of {code, name}, or absent); substr(s, -4) → right(s, 4).
--
-- Issue 12: the window desk's queue over tens of thousands of cases, answered by the database
-- instead of loading and replaying every open case.
--
-- What the queue searches and sorts on is copied onto the case when it is written:
-- - applicant_name: the applicant's name (answer `name`, else `company_name`), for search by
--   name (prefix) and the masked name column;
-- - id_last4: the last four characters of the applicant's ID number (answer `id_no`), for the
--   window's usual question "the last four digits of your ID card?";
-- - due_on: the case's due date (YYYY-MM-DD) by the core clock, NULL before acceptance and while
--   the clock is paused for 补正; recomputed by the server on every move and when the calendar
--   changes (cases_store::refresh_due_dates), never here: working days are the core's to count.
-- The rule that picks the answers is submissions_store::ApplicantColumns::of; keep the two the same.

ALTER TABLE cases ADD COLUMN applicant_name TEXT;
ALTER TABLE cases ADD COLUMN id_last4 TEXT;
ALTER TABLE cases ADD COLUMN due_on TEXT;

UPDATE cases SET
    applicant_name = COALESCE(NULLIF(TRIM(answers::json ->> 'name'), ''),
        NULLIF(TRIM(answers::json ->> 'company_name'), '')),
    id_last4 = CASE WHEN length(TRIM(answers::json ->> 'id_no')) >= 4
        THEN upper(right(TRIM(answers::json ->> 'id_no'), 4)) END;

CREATE INDEX cases_by_applicant_name ON cases (applicant_name);
CREATE INDEX cases_by_id_last4 ON cases (id_last4);
-- The queue's usual page (open states, by deadline) and its count read this index alone, never
-- the rows with their answers and histories.
CREATE INDEX cases_by_due ON cases (state, due_on, received_at, case_type);
CREATE INDEX cases_by_received ON cases (received_at);
CREATE INDEX cases_by_item ON cases (item_code, state);

-- Which departments see a case on their desk: its lead department and, for a 联办件, every
-- department with a part (from the item at submission). Indexed by department so a
-- department's queue is a range, not a scan of every case.
CREATE TABLE case_departments (
    department_code TEXT NOT NULL,
    case_id         BIGINT NOT NULL REFERENCES cases (id),
    PRIMARY KEY (department_code, case_id)
);

INSERT INTO case_departments (department_code, case_id)
SELECT department_code, id FROM cases
ON CONFLICT DO NOTHING;

-- (json_each also walks an object's values or a lone scalar; joint_departments is never one,
-- and the CASE keeps any such stray value from failing the migration: it gives no rows.)
INSERT INTO case_departments (department_code, case_id)
SELECT d.value ->> 'code', c.id
FROM cases c
JOIN service_items i ON i.code = c.item_code
CROSS JOIN LATERAL json_array_elements(
    CASE WHEN json_typeof(i.disclosure::json -> 'joint_departments') = 'array'
        THEN i.disclosure::json -> 'joint_departments' END) AS d (value)
WHERE c.case_type = 'joint' AND d.value ->> 'code' IS NOT NULL
ON CONFLICT DO NOTHING;
