-- PostgreSQL form of migrations/20261203120000_catalog_publish.sql (same name, same version).
-- Dialect differences: INTEGER → BIGINT; strftime → to_char (same text); no STRICT; the
-- backfill's substr(index_no, 1, instr(index_no, '/') - 1) (the text before the first '/', or
-- '' when there is none) → left(index_no, greatest(strpos(index_no, '/') - 1, 0)), because
-- PostgreSQL's substr refuses a negative length and its left() reads one as "all but".
--
-- Issue 12: the catalog published from the desk by each agency's 信息公开工作人员.
--
-- * catalog_entries.agency_code ties an entry to its agency (disclosure_agencies.code) for the
--   rights checks: the 发布机构 name is what citizens read and may be renamed; the code is
--   stable. Backfilled by name, or, for an agency not registered, from the 索引号's prefix
--   (which is the agency's code by the 索引号 rule).
-- * catalog_attachments.upload_id: the stored file (uploads, by SHA-256) behind an attachment,
--   served publicly once the entry is published. NULL for metadata-only attachments.
-- * catalog_index_counters: the last serial given per agency and year, so a 索引号 is never
--   given twice, even after its entry was withdrawn (the tombstone keeps the number too).
-- * catalog_scheduled: entries whose publication date is ahead (Beijing date). They are not in
--   catalog_entries, so neither the public listing nor the delta feed can show them; on their
--   day they move into catalog_entries through the store, taking a fresh revision (above every
--   cursor handed out before).

ALTER TABLE catalog_entries ADD COLUMN agency_code TEXT;

UPDATE catalog_entries SET agency_code = COALESCE(
    (SELECT a.code FROM disclosure_agencies a WHERE a.name = catalog_entries.agency),
    left(index_no, greatest(strpos(index_no, '/') - 1, 0)));

CREATE INDEX catalog_entries_agency_code ON catalog_entries (agency_code, deleted, revision);

ALTER TABLE catalog_attachments ADD COLUMN upload_id TEXT;

CREATE TABLE catalog_index_counters (
    agency_code TEXT NOT NULL,
    year        BIGINT NOT NULL,
    last_serial BIGINT NOT NULL,
    PRIMARY KEY (agency_code, year)
);

CREATE TABLE catalog_scheduled (
    index_no    TEXT PRIMARY KEY NOT NULL,
    agency_code TEXT NOT NULL,
    publish_on  TEXT NOT NULL,                  -- YYYY-MM-DD, Beijing date
    entry       TEXT NOT NULL,                  -- JSON of guichet_core::catalog::CatalogEntry
    body        TEXT,                           -- JSON of CatalogBody, NULL without 正文
    files       TEXT NOT NULL DEFAULT '[]',     -- JSON array of upload ids, by attachment
    created_at  TEXT NOT NULL DEFAULT (to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
);

CREATE INDEX catalog_scheduled_due ON catalog_scheduled (publish_on);

-- Names of files uploaded from the catalog desk (the bytes are in uploads by SHA-256).
CREATE TABLE catalog_files (
    id   TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);
