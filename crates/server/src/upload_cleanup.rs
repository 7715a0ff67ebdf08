//! Deletes uploads that nothing refers to a week after they were last uploaded: their file and
//! their row, and the stored total goes down by their size.
//!
//! A file is kept while anything may refer to it: a case's answers, history or 补正 request,
//! a 补正's answers, a case action, a disclosure request's reply, steps or 补正, an appeal's
//! evidence, a catalog attachment or a scheduled entry's files, and a form definition or
//! preview. JSON columns are searched for the id as text (an id is 64 hex digits, so it
//! cannot appear by chance), which needs no JSON functions (SQLite and PostgreSQL spell them
//! differently) and keeps a file even if a later JSON shape moves the id: the search can only
//! keep too much, never delete a file in use. The staff's name tables (`disclosure_files`,
//! `appeal_files`, `catalog_files`) are labels of an upload, not uses: they go with it.
//!
//! A week leaves time to a citizen's outbox that uploaded attachments and waits for a line to
//! submit, and the same bytes uploaded again start the week anew (`submissions_store`).
//!
//! Several server processes may run this at once, and an upload of the same bytes may come
//! while a file is deleted. Each file is first renamed aside; its row is then deleted only if
//! it is still old and unreferenced (one statement, in a transaction with the stored total);
//! the aside file is removed if the row went, else put back. An upload that came meanwhile
//! recorded a fresh row first and wrote its file again if missing, so it finds its file. In a
//! database file store the bytes go in the transaction that deletes the row.
//!
//! Resumable uploads started more than a day before and never finished are forgotten with
//! what they received.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::db::Pool;
use crate::file_store::{FileStore, file_path};

/// How long an upload nothing refers to is kept after it was last uploaded.
pub const KEEP_UNREFERENCED: chrono::Duration = chrono::Duration::days(7);

/// How long a resumable upload may stay unfinished.
pub const KEEP_UNFINISHED: chrono::Duration = chrono::Duration::days(1);

/// How often a server looks for uploads to delete.
pub const CLEANUP_EVERY: Duration = Duration::from_secs(3600);

/// Uploads looked at per statement (the search for references reads the referring tables).
const BATCH: i64 = 100;

/// `(table, column)` whose text may hold an upload id (see the module documentation).
const REFERRING_COLUMNS: &[(&str, &str)] = &[
    ("cases", "answers"),
    ("cases", "history"),
    ("cases", "supplement_request"),
    ("case_supplements", "answers"),
    ("case_actions", "detail"),
    ("disclosure_requests", "reply"),
    ("disclosure_requests", "events"),
    ("disclosure_requests", "supplement"),
    ("evaluation_appeals", "evidence"),
    ("catalog_attachments", "upload_id"),
    ("catalog_scheduled", "files"),
    ("form_definitions", "definition"),
    ("form_previews", "definition"),
];

/// The tables naming staff uploads (`id` = the upload's id).
const NAME_TABLES: &[&str] = &["disclosure_files", "appeal_files", "catalog_files"];

/// `NOT EXISTS (…)` for every referring column, about the upload `uploads.id`.
fn unreferenced_condition() -> String {
    REFERRING_COLUMNS
        .iter()
        .map(|(table, column)| {
            format!(
                "NOT EXISTS (SELECT 1 FROM {table} r WHERE r.{column} LIKE ('%' || uploads.id || '%'))"
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// What one clean-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Uploads deleted (rows, with their files).
    pub uploads: u64,
    /// Their bytes.
    pub bytes: u64,
}

/// Deletes the uploads last uploaded more than [`KEEP_UNREFERENCED`] before `now` that nothing
/// refers to, with their bytes in `files`.
pub async fn remove_unreferenced(
    pool: &Pool,
    files: &FileStore,
    now: DateTime<Utc>,
) -> Result<Cleaned, sqlx::Error> {
    let cutoff = crate::db::time_text(now - KEEP_UNREFERENCED);
    let condition = unreferenced_condition();
    let mut cleaned = Cleaned::default();
    let mut after = String::new();
    loop {
        let candidates: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT id FROM uploads
             WHERE created_at < $1 AND id > $2 AND {condition}
             ORDER BY id LIMIT $3"
        ))
        .bind(&cutoff)
        .bind(&after)
        .bind(BATCH)
        .fetch_all(pool)
        .await?;
        let Some(last) = candidates.last() else { break };
        after = last.clone();
        for id in &candidates {
            let removed = match files.local_dir() {
                Some(dir) => remove_one(pool, files, dir, id, &cutoff, &condition).await?,
                None => delete_row(pool, files, id, &cutoff, &condition).await?,
            };
            if let Some(size) = removed {
                cleaned.uploads += 1;
                cleaned.bytes += size;
            }
        }
    }
    Ok(cleaned)
}

/// Deletes upload `id` if it is still old and unreferenced: its size when it went.
async fn remove_one(
    pool: &Pool,
    files: &FileStore,
    dir: &Path,
    id: &str,
    cutoff: &str,
    condition: &str,
) -> Result<Option<u64>, sqlx::Error> {
    let path = file_path(dir, id);
    let aside = path.with_file_name(format!(".{id}.deleting"));
    let moved = match std::fs::rename(&path, &aside) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(sqlx::Error::Io(e)),
    };
    let deleted = delete_row(pool, files, id, cutoff, condition).await;
    let put_back = !matches!(deleted, Ok(Some(_)));
    if moved {
        if put_back && !path.exists() {
            std::fs::rename(&aside, &path).map_err(sqlx::Error::Io)?;
        } else {
            // Gone with its row, or written again meanwhile (same bytes).
            std::fs::remove_file(&aside).map_err(sqlx::Error::Io)?;
        }
    }
    deleted
}

/// Deletes the row of upload `id` and its names, and lowers the stored total, if the upload is
/// still older than `cutoff` and unreferenced: its size when it went.
async fn delete_row(
    pool: &Pool,
    files: &FileStore,
    id: &str,
    cutoff: &str,
    condition: &str,
) -> Result<Option<u64>, sqlx::Error> {
    let mut tx = crate::db::begin(pool).await?;
    // The names first: some refer to `uploads` by a foreign key.
    for table in NAME_TABLES {
        sqlx::query(&format!("DELETE FROM {table} WHERE id = $1"))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    let size: Option<i64> = sqlx::query_scalar(&format!(
        "DELETE FROM uploads WHERE id = $1 AND created_at < $2 AND {condition} RETURNING size"
    ))
    .bind(id)
    .bind(cutoff)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(size) = size else {
        tx.rollback().await?;
        return Ok(None);
    };
    let size = u64::try_from(size).unwrap_or(0);
    files.delete_in(&mut tx, id).await?;
    crate::upload_quota::release_storage(&mut tx, size).await?;
    tx.commit().await?;
    Ok(Some(size))
}

/// Runs [`remove_unreferenced`] and forgets ended quota hours every [`CLEANUP_EVERY`] (the
/// first time at once), logging what went.
pub fn spawn(db: Pool, clock: crate::clock::Clock, files: FileStore) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CLEANUP_EVERY);
        loop {
            every.tick().await;
            let now = clock.now();
            if let Err(error) = crate::upload_quota::forget_past_windows(&db, now).await {
                tracing::warn!(%error, "uploads: cannot forget past quota hours");
            }
            let unfinished = crate::db::time_text(now - KEEP_UNFINISHED);
            match files.discard_partials_before(&unfinished).await {
                Ok(0) => {}
                Ok(discarded) => {
                    tracing::info!(discarded, "uploads: unfinished resumable uploads forgotten")
                }
                Err(error) => {
                    tracing::warn!(%error, "uploads: cannot forget unfinished resumable uploads")
                }
            }
            match remove_unreferenced(&db, &files, now).await {
                Ok(cleaned) if cleaned.uploads > 0 => tracing::info!(
                    uploads = cleaned.uploads,
                    bytes = cleaned.bytes,
                    "uploads: deleted unreferenced uploads older than 7 days"
                ),
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "uploads: clean-up failed"),
            }
        }
    });
}
