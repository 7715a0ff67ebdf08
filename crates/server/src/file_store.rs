//! The one store of files, for every kind: a citizen's attachments and 补正 materials, the
//! desk's reply documents, appeal evidence and catalog attachments. Content-addressed: a file's
//! id is the SHA-256 of its bytes (hex), so the same file is stored once.
//!
//! Two backends behind one interface:
//! - [`FileStoreKind::Local`] (the default): `<data dir>/uploads/<2 hex>/<sha256>`, written to
//!   a temporary name, synced and renamed, so a crash never leaves a truncated file under a
//!   valid id. One server, or several sharing that folder.
//! - [`FileStoreKind::Database`]: the bytes in the database itself (`file_blobs`), in pieces of
//!   at most [`PIECE`] bytes written in one transaction, so every instance on one PostgreSQL
//!   reads the same files. A file uploaded through one instance and submitted or opened
//!   through another is there.
//!
//! Reads are streamed: [`FileStore::read`] answers an HTTP body that a task fills one piece at
//! a time through a channel of [`READ_AHEAD`] pieces, so a 20 MB download holds at most a few
//! hundred KiB of it in memory, whatever the backend. Ranges are read from the piece that holds
//! their first byte.
//!
//! Resumable uploads keep what has arrived in the same backend (a file under `partial/`, or
//! `resumable_upload_chunks`), with the offset in `resumable_uploads.received` moved forward
//! only by a statement naming the offset it expects: two instances cannot both append at one
//! offset, and whatever arrived before a dropped connection stays (see `api::resumable`).
//!
//! Which rows refer to a file, who may read it and the disk budget are the callers' business
//! (`submissions_store`, `upload_quota`, `upload_cleanup`, `api::files`).

use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Bytes;
use http_body::Frame;
use sha2::{Digest as _, Sha256};
use tokio::sync::mpsc;

use crate::db::Pool;
use crate::error::AppError;

/// The largest piece of a file kept in one database row, and read or sent at once.
pub const PIECE: usize = 256 * 1024;

/// Pieces a download may read ahead of what the client took.
pub const READ_AHEAD: usize = 2;

/// Where the bytes of stored files are kept (`--file-store`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FileStoreKind {
    /// A folder on this server's disk: `<data dir>/uploads`.
    #[default]
    Local,
    /// The database (`file_blobs`): shared by every instance on one PostgreSQL.
    Database,
}

/// What went wrong reading or writing stored bytes.
#[derive(Debug, thiserror::Error)]
pub enum FileStoreError {
    /// The disk.
    #[error("file store: {0}")]
    Io(#[from] std::io::Error),
    /// The database.
    #[error("file store: {0}")]
    Database(#[from] sqlx::Error),
}

impl From<FileStoreError> for AppError {
    fn from(error: FileStoreError) -> Self {
        match error {
            FileStoreError::Io(e) => AppError::Io(e),
            FileStoreError::Database(e) => AppError::from(e),
        }
    }
}

/// The file store (cheap to clone).
#[derive(Debug, Clone)]
pub struct FileStore {
    pool: Pool,
    backend: Arc<Backend>,
}

#[derive(Debug)]
enum Backend {
    Local { dir: PathBuf },
    Database,
}

/// What [`FileStore::append`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appended {
    /// The bytes were kept: the upload's offset is now this.
    At(u64),
    /// The upload is not at the offset the bytes were for (or no longer exists: `None`).
    Conflict(Option<u64>),
}

/// What a resumable upload holds, as [`FileStore::partial_digest`] read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartialDigest {
    /// SHA-256 of the bytes received, hex.
    pub sha256: String,
    /// Their count.
    pub size: u64,
    /// The first bytes (at most 64), to recognise the type.
    pub head: Vec<u8>,
}

impl FileStore {
    /// Files in folder `dir` (`<data dir>/uploads`).
    pub fn local(pool: Pool, dir: PathBuf) -> FileStore {
        FileStore {
            pool,
            backend: Arc::new(Backend::Local { dir }),
        }
    }

    /// Files in `pool`'s database.
    pub fn database(pool: Pool) -> FileStore {
        FileStore {
            pool,
            backend: Arc::new(Backend::Database),
        }
    }

    /// A store of `kind` over `pool`, with `dir` for a local one.
    pub fn new(kind: FileStoreKind, pool: Pool, dir: PathBuf) -> FileStore {
        match kind {
            FileStoreKind::Local => FileStore::local(pool, dir),
            FileStoreKind::Database => FileStore::database(pool),
        }
    }

    /// Which backend this is.
    pub fn kind(&self) -> FileStoreKind {
        match *self.backend {
            Backend::Local { .. } => FileStoreKind::Local,
            Backend::Database => FileStoreKind::Database,
        }
    }

    /// The folder of a local store.
    pub fn local_dir(&self) -> Option<&Path> {
        match &*self.backend {
            Backend::Local { dir } => Some(dir),
            Backend::Database => None,
        }
    }

    /// Keeps `bytes` as file `id` (their SHA-256, hex), unless already kept. Durable when it
    /// returns.
    pub async fn put(&self, id: &str, bytes: Bytes) -> Result<(), FileStoreError> {
        match &*self.backend {
            Backend::Local { dir } => {
                let (dir, id) = (dir.clone(), id.to_owned());
                tokio::task::spawn_blocking(move || store_file(&dir, &id, &bytes))
                    .await
                    .map_err(|e| std::io::Error::other(format!("file store task: {e}")))??;
                Ok(())
            }
            Backend::Database => {
                let mut tx = crate::db::begin(&self.pool).await?;
                // Every piece, each `DO NOTHING` if there: a file deleted by the clean-up
                // between a check and this write is written whole again.
                for (n, piece) in bytes.chunks(PIECE).enumerate() {
                    let start = i64::try_from(n * PIECE).unwrap_or(i64::MAX);
                    sqlx::query(
                        "INSERT INTO file_blobs (sha256, start, bytes) VALUES ($1, $2, $3)
                         ON CONFLICT (sha256, start) DO NOTHING",
                    )
                    .bind(id)
                    .bind(start)
                    .bind(piece)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// Whether file `id`'s bytes are kept.
    pub async fn contains(&self, id: &str) -> Result<bool, FileStoreError> {
        match &*self.backend {
            Backend::Local { dir } => Ok(tokio::fs::try_exists(file_path(dir, id)).await?),
            Backend::Database => {
                let found: Option<i64> =
                    sqlx::query_scalar("SELECT start FROM file_blobs WHERE sha256 = $1 LIMIT 1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(found.is_some())
            }
        }
    }

    /// Bytes `from..to` of file `id` as a streamed HTTP body (the caller checked the range
    /// against the file's size). A read error after the first byte ends the body early, which
    /// the client sees as a cut connection.
    pub fn read(&self, id: &str, from: u64, to: u64) -> FileBody {
        let (sender, receiver) = mpsc::channel(READ_AHEAD);
        let (store, id) = (self.clone(), id.to_owned());
        tokio::spawn(async move {
            let result = match &*store.backend {
                Backend::Local { dir } => {
                    read_local(file_path(dir, &id), from, to, sender.clone()).await
                }
                Backend::Database => store.read_database(&id, from, to, &sender).await,
            };
            if let Err(error) = result {
                tracing::warn!(%error, file = %id, "file store: read failed");
                let _ = sender
                    .send(Err(std::io::Error::other(error.to_string())))
                    .await;
            }
        });
        FileBody {
            receiver,
            remaining: to.saturating_sub(from),
        }
    }

    async fn read_database(
        &self,
        id: &str,
        from: u64,
        to: u64,
        sender: &mpsc::Sender<Result<Bytes, std::io::Error>>,
    ) -> Result<(), FileStoreError> {
        let mut at = from;
        while at < to {
            // The piece holding byte `at`: the last one starting at or before it.
            let row: Option<(i64, Vec<u8>)> = sqlx::query_as(
                "SELECT start, bytes FROM file_blobs WHERE sha256 = $1 AND start <= $2
                 ORDER BY start DESC LIMIT 1",
            )
            .bind(id)
            .bind(i64::try_from(at).unwrap_or(i64::MAX))
            .fetch_optional(&self.pool)
            .await?;
            let Some((start, bytes)) = row else {
                return Err(missing(id));
            };
            let start = u64::try_from(start).unwrap_or(0);
            let skip = usize::try_from(at - start).unwrap_or(usize::MAX);
            if skip >= bytes.len() {
                return Err(missing(id));
            }
            let wanted = usize::try_from(to - at).unwrap_or(usize::MAX);
            let end = bytes.len().min(skip.saturating_add(wanted));
            let piece = Bytes::from(bytes).slice(skip..end);
            at += piece.len() as u64;
            if sender.send(Ok(piece)).await.is_err() {
                // The client went away.
                return Ok(());
            }
        }
        Ok(())
    }

    /// Deletes file `id`'s bytes from a database store inside `tx` (the clean-up's transaction
    /// that deletes its row). A local store's files are moved by `upload_cleanup` itself.
    pub async fn delete_in(
        &self,
        tx: &mut crate::db::Transaction,
        id: &str,
    ) -> Result<(), sqlx::Error> {
        if matches!(*self.backend, Backend::Database) {
            sqlx::query("DELETE FROM file_blobs WHERE sha256 = $1")
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    // ------------------------------------------------------------ resumable uploads

    /// Appends `bytes` to resumable upload `upload` at `offset`, if that is where it stands.
    pub async fn append(
        &self,
        upload: &str,
        offset: u64,
        bytes: &[u8],
    ) -> Result<Appended, FileStoreError> {
        let offset_i = i64::try_from(offset).unwrap_or(i64::MAX);
        let next = offset + bytes.len() as u64;
        let next_i = i64::try_from(next).unwrap_or(i64::MAX);
        match &*self.backend {
            Backend::Local { dir } => {
                let current = self.received(upload).await?;
                if current != Some(offset) {
                    return Ok(Appended::Conflict(current));
                }
                let path = partial_path(dir, upload);
                let data = bytes.to_vec();
                tokio::task::spawn_blocking(move || write_at(&path, offset, &data))
                    .await
                    .map_err(|e| std::io::Error::other(format!("file store task: {e}")))??;
                let moved = sqlx::query(
                    "UPDATE resumable_uploads SET received = $1 WHERE id = $2 AND received = $3",
                )
                .bind(next_i)
                .bind(upload)
                .bind(offset_i)
                .execute(&self.pool)
                .await?;
                if moved.rows_affected() == 0 {
                    return Ok(Appended::Conflict(self.received(upload).await?));
                }
                Ok(Appended::At(next))
            }
            Backend::Database => {
                let mut tx = crate::db::begin(&self.pool).await?;
                // The offset first: a concurrent append at the same offset waits on this row
                // and then finds it moved.
                let moved = sqlx::query(
                    "UPDATE resumable_uploads SET received = $1 WHERE id = $2 AND received = $3",
                )
                .bind(next_i)
                .bind(upload)
                .bind(offset_i)
                .execute(&mut *tx)
                .await?;
                if moved.rows_affected() == 0 {
                    tx.rollback().await?;
                    return Ok(Appended::Conflict(self.received(upload).await?));
                }
                sqlx::query(
                    "INSERT INTO resumable_upload_chunks (upload_id, start, bytes) VALUES ($1, $2, $3)",
                )
                .bind(upload)
                .bind(offset_i)
                .bind(bytes)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(Appended::At(next))
            }
        }
    }

    /// How many bytes of resumable upload `upload` have arrived (`None`: no such upload).
    pub async fn received(&self, upload: &str) -> Result<Option<u64>, FileStoreError> {
        let received: Option<i64> =
            sqlx::query_scalar("SELECT received FROM resumable_uploads WHERE id = $1")
                .bind(upload)
                .fetch_optional(&self.pool)
                .await?;
        Ok(received.map(|r| u64::try_from(r).unwrap_or(0)))
    }

    /// The SHA-256, size and first bytes of what resumable upload `upload` received, read
    /// piece by piece.
    pub async fn partial_digest(&self, upload: &str) -> Result<PartialDigest, FileStoreError> {
        match &*self.backend {
            Backend::Local { dir } => {
                let path = partial_path(dir, upload);
                let digest = tokio::task::spawn_blocking(move || digest_file(&path))
                    .await
                    .map_err(|e| std::io::Error::other(format!("file store task: {e}")))??;
                Ok(digest)
            }
            Backend::Database => {
                let mut hasher = Sha256::new();
                let mut head = Vec::new();
                let mut at: i64 = 0;
                loop {
                    let piece: Option<Vec<u8>> = sqlx::query_scalar(
                        "SELECT bytes FROM resumable_upload_chunks WHERE upload_id = $1 AND start = $2",
                    )
                    .bind(upload)
                    .bind(at)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some(piece) = piece.filter(|p| !p.is_empty()) else {
                        break;
                    };
                    if head.len() < 64 {
                        let take = (64 - head.len()).min(piece.len());
                        head.extend_from_slice(&piece[..take]);
                    }
                    hasher.update(&piece);
                    at += i64::try_from(piece.len()).unwrap_or(i64::MAX);
                }
                Ok(PartialDigest {
                    sha256: hex(&hasher.finalize()),
                    size: u64::try_from(at).unwrap_or(0),
                    head,
                })
            }
        }
    }

    /// Keeps what resumable upload `upload` received as file `id` (its checked SHA-256) and
    /// forgets the upload.
    pub async fn commit_partial(&self, upload: &str, id: &str) -> Result<(), FileStoreError> {
        match &*self.backend {
            Backend::Local { dir } => {
                let (dir, upload_id, id) = (dir.clone(), upload.to_owned(), id.to_owned());
                tokio::task::spawn_blocking(move || -> Result<(), std::io::Error> {
                    let partial = partial_path(&dir, &upload_id);
                    let target = file_path(&dir, &id);
                    if target.exists() {
                        return std::fs::remove_file(&partial);
                    }
                    std::fs::File::open(&partial)?.sync_all()?;
                    if let Some(folder) = target.parent() {
                        std::fs::create_dir_all(folder)?;
                    }
                    std::fs::rename(&partial, &target)
                })
                .await
                .map_err(|e| std::io::Error::other(format!("file store task: {e}")))??;
                sqlx::query("DELETE FROM resumable_uploads WHERE id = $1")
                    .bind(upload)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
            Backend::Database => {
                let mut tx = crate::db::begin(&self.pool).await?;
                // Pieces as they arrived (sizes vary after drops): reads find them by `start`.
                sqlx::query(
                    "INSERT INTO file_blobs (sha256, start, bytes)
                     SELECT $1, start, bytes FROM resumable_upload_chunks
                     WHERE upload_id = $2
                       AND NOT EXISTS (SELECT 1 FROM file_blobs WHERE sha256 = $1)",
                )
                .bind(id)
                .bind(upload)
                .execute(&mut *tx)
                .await?;
                forget_rows(&mut tx, upload).await?;
                tx.commit().await?;
                Ok(())
            }
        }
    }

    /// Forgets resumable upload `upload` and what it received.
    pub async fn discard_partial(&self, upload: &str) -> Result<(), FileStoreError> {
        let mut tx = crate::db::begin(&self.pool).await?;
        forget_rows(&mut tx, upload).await?;
        tx.commit().await?;
        if let Backend::Local { dir } = &*self.backend {
            match tokio::fs::remove_file(partial_path(dir, upload)).await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Forgets the resumable uploads started before `cutoff` (RFC 3339 text) and not finished:
    /// how many went.
    pub async fn discard_partials_before(&self, cutoff: &str) -> Result<u64, FileStoreError> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM resumable_uploads WHERE created_at < $1")
                .bind(cutoff)
                .fetch_all(&self.pool)
                .await?;
        for id in &ids {
            self.discard_partial(id).await?;
        }
        Ok(ids.len() as u64)
    }

    /// Copies into a database store the files of `uploads` rows that a local folder `dir`
    /// holds and the database does not (a server moved from `--file-store local`): how many.
    pub async fn import_local(&self, dir: &Path) -> Result<u64, FileStoreError> {
        if !matches!(*self.backend, Backend::Database) {
            return Ok(0);
        }
        let ids: Vec<String> = sqlx::query_scalar(
            "SELECT id FROM uploads u WHERE NOT EXISTS (SELECT 1 FROM file_blobs b WHERE b.sha256 = u.id)",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut imported = 0;
        for id in ids {
            match tokio::fs::read(file_path(dir, &id)).await {
                Ok(bytes) => {
                    self.put(&id, Bytes::from(bytes)).await?;
                    imported += 1;
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(imported)
    }
}

/// Deletes resumable upload `upload`'s row and the pieces it received in the database.
async fn forget_rows(tx: &mut crate::db::Transaction, upload: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM resumable_upload_chunks WHERE upload_id = $1")
        .bind(upload)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM resumable_uploads WHERE id = $1")
        .bind(upload)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn missing(id: &str) -> FileStoreError {
    FileStoreError::Io(std::io::Error::new(
        std::io::ErrorKind::UnexpectedEof,
        format!("stored file {id} is shorter than recorded"),
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The path of file `id` in a local store `dir`.
pub fn file_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(id.get(..2).unwrap_or("xx")).join(id)
}

/// The path of resumable upload `upload`'s bytes in a local store `dir`.
fn partial_path(dir: &Path, upload: &str) -> PathBuf {
    dir.join("partial").join(upload)
}

/// Writes `bytes` at `offset` of `path` (created if missing), cutting whatever a dropped
/// earlier write left past `offset`.
fn write_at(path: &Path, offset: u64, bytes: &[u8]) -> Result<(), std::io::Error> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)?;
    file.set_len(offset)?;
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(bytes)?;
    file.flush()
}

fn digest_file(path: &Path) -> Result<PartialDigest, std::io::Error> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(PartialDigest {
                sha256: hex(&Sha256::digest(b"")),
                size: 0,
                head: Vec::new(),
            });
        }
        Err(e) => return Err(e),
    };
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let (mut size, mut head) = (0u64, Vec::new());
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        if head.len() < 64 {
            let take = (64 - head.len()).min(n);
            head.extend_from_slice(&buffer[..take]);
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok(PartialDigest {
        sha256: hex(&hasher.finalize()),
        size,
        head,
    })
}

async fn read_local(
    path: PathBuf,
    from: u64,
    to: u64,
    sender: mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> Result<(), FileStoreError> {
    use tokio::io::{AsyncReadExt as _, AsyncSeekExt as _};
    let mut file = tokio::fs::File::open(&path).await?;
    file.seek(SeekFrom::Start(from)).await?;
    let mut at = from;
    while at < to {
        let wanted = usize::try_from(to - at).unwrap_or(usize::MAX).min(PIECE);
        let mut buffer = vec![0u8; wanted];
        let mut filled = 0;
        while filled < wanted {
            let n = file.read(&mut buffer[filled..]).await?;
            if n == 0 {
                return Err(FileStoreError::Io(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    format!("{} is shorter than recorded", path.display()),
                )));
            }
            filled += n;
        }
        at += filled as u64;
        if sender.send(Ok(Bytes::from(buffer))).await.is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Writes `bytes` as `dir/<first 2 hex>/<id>`, durably, unless already there (same id = same
/// content). Written to a temporary name, synced, then renamed: a crash never leaves a
/// truncated file under a valid id.
pub fn store_file(dir: &Path, id: &str, bytes: &[u8]) -> Result<(), std::io::Error> {
    let target = file_path(dir, id);
    if target.exists() {
        return Ok(());
    }
    let folder = dir.join(id.get(..2).unwrap_or("xx"));
    std::fs::create_dir_all(&folder)?;
    let mut suffix = [0u8; 8];
    getrandom::fill(&mut suffix).map_err(|e| std::io::Error::other(e.to_string()))?;
    let temp = folder.join(format!(".{id}.{}.tmp", hex(&suffix)));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// A stored file's bytes as an HTTP body, filled by a task one piece at a time.
#[derive(Debug)]
pub struct FileBody {
    receiver: mpsc::Receiver<Result<Bytes, std::io::Error>>,
    /// Bytes still to come: the exact size, so the answer has a `Content-Length`.
    remaining: u64,
}

impl http_body::Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, std::io::Error>>> {
        let polled = self.receiver.poll_recv(cx);
        if let Poll::Ready(Some(Ok(piece))) = &polled {
            self.remaining = self.remaining.saturating_sub(piece.len() as u64);
        }
        polled.map(|piece| piece.map(|r| r.map(Frame::data)))
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.remaining)
    }
}
