-- Issue 13: upload quotas and the stored total (see src/upload_quota.rs, src/upload_cleanup.rs).
--
-- * upload_quota_windows: what each client network uploaded anonymously in one clock hour
--   (UTC, `window_start` as RFC 3339). One upsert counts an upload and decides whether it fits,
--   so concurrent uploads on several server processes are all counted. Hours that ended are
--   deleted by the clean-up task.
-- * upload_storage: the one row holding the bytes of every stored upload, checked against the
--   disk budget before a new file is written (instead of scanning the folder), and lowered
--   when the clean-up task deletes an unreferenced upload.
-- * uploads_by_created: the clean-up task looks for old uploads.

CREATE TABLE upload_quota_windows (
    client_ip    TEXT NOT NULL,       -- an IPv4 address, or an IPv6 /64 network
    window_start TEXT NOT NULL,       -- RFC 3339 UTC, the start of the hour
    uploads      INTEGER NOT NULL,
    bytes        INTEGER NOT NULL,
    PRIMARY KEY (client_ip, window_start)
) STRICT;

CREATE INDEX upload_quota_windows_by_start ON upload_quota_windows (window_start);

CREATE TABLE upload_storage (
    id           INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    stored_bytes INTEGER NOT NULL
) STRICT;

INSERT INTO upload_storage (id, stored_bytes)
SELECT 1, CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM uploads;

CREATE INDEX uploads_by_created ON uploads (created_at);
