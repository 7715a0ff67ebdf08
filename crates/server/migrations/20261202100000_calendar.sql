-- Working-day calendar years published from the staff desk (issue 10): a State Council notice
-- entered by a center administrator, on top of the embedded calendar (or the operator's
-- calendar.json). The newest row of a year is the one in force; every publication is kept.

CREATE TABLE calendar_publications (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    notice          TEXT NOT NULL,                 -- the notice's title or 文号
    holidays        TEXT NOT NULL,                 -- JSON: guichet_core::calendar::Holiday[]
    previous        TEXT,                          -- JSON: the year's holidays before (NULL = provisional)
    staff_id        INTEGER NOT NULL REFERENCES staff_accounts (id),
    published_at    TEXT NOT NULL,                 -- UTC, RFC 3339
    moved_deadlines INTEGER NOT NULL               -- how many open deadlines moved
) STRICT;

CREATE INDEX calendar_publications_by_year ON calendar_publications (year, id);
