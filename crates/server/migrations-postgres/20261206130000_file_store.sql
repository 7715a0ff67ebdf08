-- Issue 19: one file store for every kind of file (see src/file_store.rs), and resumable
-- uploads (src/api/resumable.rs).
--
-- * file_blobs: the bytes of stored files when the server keeps them in the database
--   (`--file-store database`, for several instances on one PostgreSQL): content-addressed by
--   SHA-256 like `uploads`, in pieces of at most 256 KiB so that a download reads one piece
--   at a time. `start` is the piece's offset in the file; the pieces of a file are contiguous
--   and all written in one transaction. With the default local folder the table stays empty.
-- * resumable_uploads: an upload sent in pieces (id chosen by the server), what it is for,
--   the size and SHA-256 the client announced, and how many bytes have arrived (`received`,
--   moved only forward by a statement that names the offset it expects).
-- * resumable_upload_chunks: the bytes received so far of a resumable upload, when the files
--   are kept in the database (in the local folder they are a file under `partial/`).

CREATE TABLE file_blobs (
    sha256 TEXT NOT NULL,
    start  BIGINT NOT NULL,
    bytes  BYTEA NOT NULL,
    PRIMARY KEY (sha256, start)
);

CREATE TABLE resumable_uploads (
    id           TEXT PRIMARY KEY NOT NULL,
    client_ip    TEXT NOT NULL,
    item_code    TEXT NOT NULL,
    form_version BIGINT NOT NULL,
    field_id     TEXT NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT NOT NULL,
    received     BIGINT NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);

CREATE INDEX resumable_uploads_by_created ON resumable_uploads (created_at);

CREATE TABLE resumable_upload_chunks (
    upload_id TEXT NOT NULL REFERENCES resumable_uploads (id) ON DELETE CASCADE,
    start     BIGINT NOT NULL,
    bytes     BYTEA NOT NULL,
    PRIMARY KEY (upload_id, start)
);
