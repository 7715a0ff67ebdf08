//! The database: connection, pragmas, migrations, ping.
//!
//! Only SQLite is implemented. The rest of the server sees the [`Pool`] alias and the
//! functions here, and queries use sqlx's runtime-checked functions (`sqlx::query`) with
//! plain SQL, so adding PostgreSQL later means: a second pool type behind an enum or a
//! generic here, a second migrations folder (`migrations/postgres/`), and reviewing the few
//! SQLite-only spellings (`strftime`, `STRICT`, `INSERT OR …`). Keep backend-specific SQL
//! in this module and in the migrations.
//!
//! SQLite settings, and why:
//! - `journal_mode=WAL`: readers do not block the writer (the API is read-heavy);
//! - `synchronous=FULL`: these are public-administration records; a committed write must
//!   survive a power cut even in WAL mode (NORMAL could lose the last transactions);
//! - `foreign_keys=ON`: SQLite leaves them off by default;
//! - `busy_timeout`: concurrent writers wait for the lock instead of failing at once.

use std::str::FromStr;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::config::DatabaseTarget;

/// The connection pool used by the whole server.
pub type Pool = sqlx::SqlitePool;

/// The migrations in `crates/server/migrations/`, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Why the database could not be opened or migrated.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The URL is not a SQLite URL (PostgreSQL is planned but not implemented).
    #[error(
        "unsupported database URL {0:?}: only SQLite (sqlite://path/to/file.db) is supported for now"
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
}

/// Opens the database (creating the file and its folder if missing) with our pragmas.
pub async fn connect(target: &DatabaseTarget) -> Result<Pool, DbError> {
    let options = match target {
        DatabaseTarget::SqliteFile(path) => SqliteConnectOptions::new().filename(path),
        DatabaseTarget::Url(url) => {
            if !url.starts_with("sqlite:") {
                return Err(DbError::Unsupported(url.clone()));
            }
            SqliteConnectOptions::from_str(url).map_err(|source| DbError::InvalidUrl {
                url: url.clone(),
                source,
            })?
        }
    };
    // Create the file's folder (sqlx creates the file, not its folder). In-memory databases
    // have a `:memory:` or `file:…` name without a parent, so nothing is created for them.
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
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    SqlitePoolOptions::new()
        .max_connections(8)
        // Fail a request (503) rather than hang when the pool is exhausted or closed.
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map_err(|source| DbError::Connect {
            target: target.to_string(),
            source,
        })
}

/// Runs the pending migrations, on one connection with foreign keys off, then checks them.
///
/// SQLite cannot alter a constraint: a migration that changes one rebuilds the table (copy,
/// drop, rename), which its documentation says to do with foreign keys off, and which fails
/// with them on as soon as other tables refer to the one rebuilt. The pragma cannot change
/// inside the transaction each migration runs in, so it is set on the connection around
/// them; `PRAGMA foreign_key_check` afterwards refuses to go on if any reference was broken.
pub async fn migrate(pool: &Pool) -> Result<(), DbError> {
    let mut connection = pool.acquire().await.map_err(DbError::Query)?;
    sqlx::query("PRAGMA foreign_keys = OFF")
        .execute(&mut *connection)
        .await
        .map_err(DbError::Query)?;
    let outcome = MIGRATOR.run(&mut *connection).await;
    let broken: Result<Vec<sqlx::sqlite::SqliteRow>, sqlx::Error> =
        sqlx::query("PRAGMA foreign_key_check")
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
    async fn in_memory_url_works() {
        let pool = connect(&DatabaseTarget::Url("sqlite::memory:".into()))
            .await
            .unwrap();
        migrate(&pool).await.unwrap();
        ping(&pool).await.unwrap();
    }

    #[tokio::test]
    async fn non_sqlite_urls_are_unsupported() {
        let err = connect(&DatabaseTarget::Url("postgres://x/y".into()))
            .await
            .unwrap_err();
        assert!(matches!(err, DbError::Unsupported(_)));
    }
}
