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
    applicant_name = COALESCE(NULLIF(TRIM(json_extract(answers, '$.name')), ''),
        NULLIF(TRIM(json_extract(answers, '$.company_name')), '')),
    id_last4 = CASE WHEN length(TRIM(json_extract(answers, '$.id_no'))) >= 4
        THEN upper(substr(TRIM(json_extract(answers, '$.id_no')), -4)) END;

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
    case_id         INTEGER NOT NULL REFERENCES cases (id),
    PRIMARY KEY (department_code, case_id)
) STRICT, WITHOUT ROWID;

INSERT OR IGNORE INTO case_departments (department_code, case_id)
SELECT department_code, id FROM cases;

INSERT OR IGNORE INTO case_departments (department_code, case_id)
SELECT json_extract(d.value, '$.code'), c.id
FROM cases c
JOIN service_items i ON i.code = c.item_code
JOIN json_each(i.disclosure, '$.joint_departments') d
WHERE c.case_type = 'joint' AND json_extract(d.value, '$.code') IS NOT NULL;
