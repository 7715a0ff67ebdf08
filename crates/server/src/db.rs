//! The database: connection, pragmas, migrations, ping, and the few places the dialects differ.
//!
//! Two engines run the same server: SQLite (a file, the default: a county center on one
//! machine, the demo, the tests) and PostgreSQL (`--database-url postgres://…`: a city or a
//! province, several server instances on one database). The rest of the server sees [`Pool`]
//! (sqlx's `Any` driver) and writes each query once, with `$1`-style placeholders, which both
//! engines accept. Where the SQL must differ, the store asks [`dialect`] and keeps both
//! spellings side by side; the migrations exist once per engine (`migrations/` and
//! `migrations-postgres/`, same versions and names).
//!
//! What the `Any` driver decodes is narrow (integers, floats, text, bytes), so the schemas keep
//! to it: every integer is 64-bit, flags are 0/1 integers, times are RFC 3339 text in UTC.
//!
//! SQLite settings, and why:
//! - `journal_mode=WAL`: readers do not block the writer (the API is read-heavy);
//! - `synchronous=FULL`: these are public-administration records; a committed write must
//!   survive a power cut even in WAL mode (NORMAL could lose the last transactions);
//! - `foreign_keys=ON`: SQLite leaves them off by default;
//! - `busy_timeout`: concurrent writers wait for the lock instead of failing at once.
//!
//! PostgreSQL: the server's own settings are the database's; see DEPLOYMENT.md. Migrations run
//! under sqlx's advisory lock, so several instances starting at once migrate once.

use std::time::Duration;

use sqlx::ConnectOptions as _;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;

use crate::config::DatabaseTarget;

/// The connection pool used by the whole server.
pub type Pool = sqlx::AnyPool;

/// One connection, inside a transaction or not.
pub type Connection = sqlx::AnyConnection;

/// A row as the stores read it.
pub type Row = sqlx::any::AnyRow;

/// A transaction on the pool.
pub type Transaction = sqlx::Transaction<'static, sqlx::Any>;

/// The SQLite migrations in `crates/server/migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The same migrations in PostgreSQL form, `crates/server/migrations-postgres/`.
pub static MIGRATOR_POSTGRES: Migrator = sqlx::migrate!("./migrations-postgres");

/// The engine behind a pool or a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite, through a file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// The engine of `pool`.
pub fn dialect(pool: &Pool) -> Dialect {
    dialect_of_url(pool.connect_options().database_url.scheme())
}

/// The engine of `connection`.
pub fn connection_dialect(connection: &Connection) -> Dialect {
    if connection.backend_name() == "PostgreSQL" {
        Dialect::Postgres
    } else {
        Dialect::Sqlite
    }
}

fn dialect_of_url(scheme: &str) -> Dialect {
    if scheme.starts_with("postgres") {
        Dialect::Postgres
    } else {
        Dialect::Sqlite
    }
}

/// Opens a transaction that will write, serialised with every other one opened here.
///
/// SQLite: `BEGIN IMMEDIATE` takes the database's single write lock at once, so a transaction
/// that reads and then writes cannot be refused with SQLITE_BUSY halfway, and what it read
/// stays true until it commits. PostgreSQL: `BEGIN` and one transaction-scoped advisory lock
/// shared by all these transactions, which gives the same guarantee across instances. The
/// staff's changes, publishing and the calendar are written this way: they are rare, and
/// their read-then-write rules were written for one writer. The hot path, submissions, does
/// not queue here: it uses [`begin_concurrent`] and locks only its own client id.
pub async fn begin_write(pool: &Pool) -> Result<Transaction, sqlx::Error> {
    match dialect(pool) {
        Dialect::Sqlite => begin_with(pool, Some("BEGIN IMMEDIATE")).await,
        Dialect::Postgres => {
            let mut tx = begin(pool).await?;
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(WRITER_LOCK)
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

/// The advisory lock of [`begin_write`] (an arbitrary constant: "GUICHET" in ASCII).
const WRITER_LOCK: i64 = 0x0047_5549_4348_4554;

/// Opens a transaction that will write, without the shared writer lock on PostgreSQL
/// (READ COMMITTED: the caller's unique keys and [`lock_key`] make it correct). SQLite has
/// one writer whatever is asked, so this is `BEGIN IMMEDIATE` there too.
pub async fn begin_concurrent(pool: &Pool) -> Result<Transaction, sqlx::Error> {
    match dialect(pool) {
        Dialect::Sqlite => begin_with(pool, Some("BEGIN IMMEDIATE")).await,
        Dialect::Postgres => begin(pool).await,
    }
}

/// Opens a transaction (`BEGIN`) that a cancelled caller cannot leave open: every transaction
/// of the server is opened here or through [`begin_write`] / [`begin_concurrent`].
pub async fn begin(pool: &Pool) -> Result<Transaction, sqlx::Error> {
    begin_with(pool, None).await
}

/// Opens a transaction with `statement` (the default `BEGIN` when `None`) in a task of its own.
///
/// sqlx 0.8 has `BEGIN` answered before the `Transaction` that rolls back on drop exists (sqlx
/// issue 3932 for SQLite, 4385 for PostgreSQL; fixed in 0.9): after a custom `BEGIN IMMEDIATE`
/// it awaits the connection once more. A handler dropped at that await — its client went away,
/// over a weak line or by leaving the page — put its connection back in the pool inside the
/// open transaction, holding SQLite's write lock: every write of every request after it failed
/// with "database is locked" (and one that drew that connection wrote inside a transaction
/// nobody would commit). The window is microseconds wide, so load finds it. A task is not
/// cancelled with its caller: when nobody awaits it any more, the transaction it opened is
/// dropped there, which rolls it back and returns the connection clean.
async fn begin_with(
    pool: &Pool,
    statement: Option<&'static str>,
) -> Result<Transaction, sqlx::Error> {
    let pool = pool.clone();
    let opening = tokio::spawn(async move {
        match statement {
            Some(statement) => pool.begin_with(statement).await,
            None => pool.begin().await,
        }
    });
    opening
        .await
        .map_err(|error| sqlx::Error::Io(std::io::Error::other(error.to_string())))?
}

/// SQLite's single writer, taken in this process before `BEGIN IMMEDIATE` on the hot paths
/// (submissions, rate limits): concurrent writers then queue here instead of in SQLite's busy
/// handler, which sleeps in steps of up to 100 ms (p99 231 ms at 8 clients without it, 27 ms
/// with it: BENCHMARKS.md). It only helps latency; correctness comes from the transaction.
static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A turn at [`SQLITE_WRITER`] on SQLite; nothing on PostgreSQL, which has many writers.
pub async fn writer_turn(pool: &Pool) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    match dialect(pool) {
        Dialect::Sqlite => Some(SQLITE_WRITER.lock().await),
        Dialect::Postgres => None,
    }
}

/// Serialises transactions that name the same `key` until they end (PostgreSQL: a
/// transaction-scoped advisory lock). SQLite needs nothing: [`begin_write`] already holds its
/// single write lock.
pub async fn lock_key(connection: &mut Connection, key: &str) -> Result<(), sqlx::Error> {
    if connection_dialect(connection) == Dialect::Postgres {
        sqlx::query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
            .bind(key)
            .execute(&mut *connection)
            .await?;
    }
    Ok(())
}

/// `now` as the schemas store times: RFC 3339 in UTC with milliseconds (`…T08:30:00.000Z`),
/// the text SQLite's `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')` makes, which sorts as time does.
pub fn time_text(now: chrono::DateTime<chrono::Utc>) -> String {
    now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The system's current time as [`time_text`].
pub fn now_text() -> String {
    time_text(chrono::Utc::now())
}

/// Numbers the `?` placeholders of SQL built from pieces (`?` → `$1`, `$2`, …), so that a
/// dynamic query is written like a static one and runs on both engines. The pieces never hold
/// a literal `?`: values are bound, not spliced.
pub fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut next = 0;
    for c in sql.chars() {
        if c == '?' {
            next += 1;
            out.push('$');
            out.push_str(&next.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Why the database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL names an engine Guichet does not run on.
    #[error(
        "unsupported database URL {0:?}: use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    Unsupported(String),
    /// The URL could not be parsed.
    #[error("invalid database URL {url:?}: {source}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// The parse error.
        #[source]
        source: sqlx::Error,
    },
    /// The folder for the database file could not be created.
    #[error("cannot create the database folder {path}: {source}")]
    CreateDir {
        /// The folder.
        path: std::path::PathBuf,
        /// The io error.
        #[source]
        source: std::io::Error,
    },
    /// Connecting failed.
    #[error("cannot open the database {target}: {source}")]
    Connect {
        /// The database, as configured.
        target: String,
        /// The sqlx error.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A query at startup failed.
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
    /// A demo data file built into the binary does not read (`--demo` only).
    #[error(transparent)]
    DemoData(#[from] crate::demo::DemoDataError),
}

/// How many connections one server instance keeps (SQLite: one file, few writers; PostgreSQL:
/// per instance, so a database serving N instances needs N × this plus room for maintenance).
const MAX_CONNECTIONS: u32 = 16;

/// Opens the database (creating a SQLite file and its folder if missing) with our settings.
pub async fn connect(target: &DatabaseTarget) -> Result<Pool, DbError> {
    sqlx::any::install_default_drivers();
    let url = match target {
        DatabaseTarget::SqliteFile(path) => sqlite_url(SqliteConnectOptions::new().filename(path))?,
        DatabaseTarget::Url(url) if url.starts_with("sqlite:") => {
            let options: SqliteConnectOptions =
                url.parse().map_err(|source| DbError::InvalidUrl {
                    url: url.clone(),
                    source,
                })?;
            sqlite_url(options)?
        }
        DatabaseTarget::Url(url)
            if url.starts_with("postgres://") || url.starts_with("postgresql://") =>
        {
            url.parse()
                .map_err(|error: url::ParseError| DbError::InvalidUrl {
                    url: url.clone(),
                    source: sqlx::Error::Configuration(error.into()),
                })?
        }
        DatabaseTarget::Url(url) => return Err(DbError::Unsupported(url.clone())),
    };
    let options = AnyConnectOptions::from_url(&url).map_err(|source| DbError::InvalidUrl {
        url: url.to_string(),
        source,
    })?;
    let pool_options = AnyPoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        // Fail a request (503) rather than hang when the pool is exhausted or closed.
        .acquire_timeout(Duration::from_secs(5));
    let pool_options = if dialect_of_url(url.scheme()) == Dialect::Sqlite {
        pool_options.after_connect(|connection, _| {
            Box::pin(async move {
                // One statement each: the pragmas apply to this connection (WAL to the file).
                for pragma in [
                    "PRAGMA journal_mode = WAL",
                    "PRAGMA synchronous = FULL",
                    "PRAGMA foreign_keys = ON",
                    "PRAGMA busy_timeout = 5000",
                ] {
                    sqlx::query(pragma).execute(&mut *connection).await?;
                }
                Ok(())
            })
        })
    } else {
        pool_options
    };
    pool_options
        .connect_with(options)
        .await
        .map_err(|source| DbError::Connect {
            target: target.to_string(),
            source,
        })
}

/// The URL of a SQLite file database, creating its folder (sqlx creates the file, not its
/// folder). An in-memory database is refused: each pooled connection would get its own.
fn sqlite_url(options: SqliteConnectOptions) -> Result<url::Url, DbError> {
    if options
        .get_filename()
        .to_string_lossy()
        .starts_with("file:sqlx-in-memory")
    {
        return Err(DbError::Unsupported("sqlite::memory:".into()));
    }
    let parent = options
        .get_filename()
        .parent()
        .filter(|p| !p.as_os_str().is_empty());
    if let Some(parent) = parent {
        std::fs::create_dir_all(parent).map_err(|source| DbError::CreateDir {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    Ok(options.create_if_missing(true).to_url_lossy())
}

/// Runs the pending migrations of the pool's engine, then checks them.
///
/// SQLite cannot alter a constraint: a migration that changes one rebuilds the table (copy,
/// drop, rename), which its documentation says to do with foreign keys off, and which fails
/// with them on as soon as other tables refer to the one rebuilt. The pragma cannot change
/// inside the transaction each migration runs in, so it is set on the connection around
/// them; `PRAGMA foreign_key_check` afterwards refuses to go on if any reference was broken.
/// PostgreSQL alters constraints in place, and sqlx holds an advisory lock while it migrates,
/// so of several instances started together one migrates and the others wait.
pub async fn migrate(pool: &Pool) -> Result<(), DbError> {
    let mut connection = pool.acquire().await.map_err(DbError::Query)?;
    if dialect(pool) == Dialect::Postgres {
        MIGRATOR_POSTGRES.run(&mut *connection).await?;
        return Ok(());
    }
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *connection)
        .await
        .map_err(DbError::Query)?;
    let outcome = MIGRATOR.run(&mut *connection).await;
    let broken: Result<Vec<Row>, sqlx::Error> = sqlx::query("PRAGMA foreign_key_check")
        .fetch_all(&mut *connection)
        .await;
    // Back on before the connection returns to the pool, whatever happened.
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *connection)
        .await
        .map_err(DbError::Query)?;
    outcome?;
    if !broken.map_err(DbError::Query)?.is_empty() {
        return Err(DbError::Query(sqlx::Error::Protocol(
            "a migration left rows whose foreign keys point nowhere (PRAGMA foreign_key_check)"
                .into(),
        )));
    }
    Ok(())
}

/// Checks that the database answers a trivial query.
pub async fn ping(pool: &Pool) -> Result<(), sqlx::Error> {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_url_works() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/sub/guichet.db", dir.path().display());
        let pool = connect(&DatabaseTarget::Url(url)).await.unwrap();
        migrate(&pool).await.unwrap();
        ping(&pool).await.unwrap();
    }

    #[tokio::test]
    async fn other_engines_are_unsupported() {
        let err = connect(&DatabaseTarget::Url("mysql://x/y".into()))
            .await
            .unwrap_err();
        assert!(matches!(err, DbError::Unsupported(_)));
    }

    #[test]
    fn numbered_placeholders() {
        assert_eq!(
            numbered("a = ? AND b IN (?, ?)"),
            "a = $1 AND b IN ($2, $3)"
        );
        assert_eq!(numbered("no placeholder"), "no placeholder");
    }
}
