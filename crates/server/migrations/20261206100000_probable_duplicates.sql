-- The desk flags a probable duplicate (issue #17): a case whose item and submission hash equal
-- an earlier case's within 30 days — the same answers, so the same applicant ID — as when a
-- draft exported to a file is sent again from a second computer, where no device can know.
CREATE INDEX cases_by_content_hash ON cases (content_hash, item_code);
