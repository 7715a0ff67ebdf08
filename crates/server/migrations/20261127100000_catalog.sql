-- The government information disclosure catalog (政府信息公开目录).
--
-- Every change to an entry (create, update, delete) takes the next value of the single
-- catalog revision counter, so the delta feed (`GET /api/catalog/changes`) is "rows with a
-- revision above the cursor, in revision order". Deleted entries stay as tombstones
-- (deleted = 1) so that clients holding a copy learn about the deletion.

CREATE TABLE catalog_revision (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
) STRICT;

INSERT INTO catalog_revision (id, value) VALUES (1, 0);

CREATE TABLE catalog_entries (
    id              INTEGER PRIMARY KEY,
    index_no        TEXT NOT NULL UNIQUE,           -- 索引号, the stable key
    revision        INTEGER NOT NULL UNIQUE,        -- from catalog_revision
    deleted         INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL,
    topic           TEXT NOT NULL,
    genre           TEXT NOT NULL,
    keywords        TEXT NOT NULL,                  -- JSON array of strings
    agency          TEXT NOT NULL,
    doc_no          TEXT,
    issued_on       TEXT NOT NULL,                  -- YYYY-MM-DD
    year            INTEGER NOT NULL,
    disclosure_mode TEXT NOT NULL,
    validity        TEXT NOT NULL,
    replaced_by     TEXT,
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- The listing's order (newest first, then 索引号) and its filters.
CREATE INDEX catalog_entries_listing ON catalog_entries (deleted, issued_on DESC, index_no);
CREATE INDEX catalog_entries_topic ON catalog_entries (topic);
CREATE INDEX catalog_entries_agency ON catalog_entries (agency);
CREATE INDEX catalog_entries_year ON catalog_entries (year);

-- 正文, as the JSON of guichet_core::catalog::Block values (plain text, never HTML).
CREATE TABLE catalog_bodies (
    entry_id INTEGER PRIMARY KEY REFERENCES catalog_entries (id) ON DELETE CASCADE,
    blocks   TEXT NOT NULL
) STRICT;

CREATE TABLE catalog_attachments (
    entry_id   INTEGER NOT NULL REFERENCES catalog_entries (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    PRIMARY KEY (entry_id, position)
) STRICT;

-- Server-side full-text search over 名称, 文号, 索引号, 发布机构, 主题词, 内容概述 and 正文,
-- normalised by guichet_core::catalog::search::normalize_text. The trigram tokenizer finds any
-- substring of three or more characters (Chinese has no spaces); shorter terms use LIKE on the
-- same column. rowid = catalog_entries.id; tombstones have no row.
CREATE VIRTUAL TABLE catalog_fts USING fts5 (search_text, tokenize = 'trigram');
