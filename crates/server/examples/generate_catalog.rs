//! Fills the configured database with a large synthetic disclosure catalog, for benchmarks and
//! load tests of the catalog API and the app's offline copy:
//!
//! ```sh
//! cargo run -p guichet-server --release --example generate_catalog -- --entries 100000
//! cargo run -p guichet-server --example generate_catalog -- --data-dir /tmp/load --entries 5000 --seed 7
//! ```
//!
//! The database is the server's (`--data-dir`/`GUICHET_DATA_DIR`, or `--database-url`/
//! `GUICHET_DATABASE_URL`); it is created and migrated if needed. Entries come from
//! `guichet_core::catalog::generate::entries(seed, n)`, the same generator as the search
//! benchmark; running it again replaces them (with new revisions, so clients see updates).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use guichet_server::config::DatabaseTarget;

/// Generate a synthetic disclosure catalog into the server's database.
#[derive(Debug, Parser)]
struct Args {
    /// How many entries.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// Seed of the generator (same seed, same catalog).
    #[arg(long, default_value_t = 2026)]
    seed: u64,
    /// The server's data folder (the database is `<data-dir>/guichet.db`).
    #[arg(long, env = "GUICHET_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// A database URL instead, e.g. `sqlite:///srv/guichet/guichet.db`.
    #[arg(long, env = "GUICHET_DATABASE_URL")]
    database_url: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    guichet_server::init_tracing();
    let args = Args::parse();
    let target = match &args.database_url {
        Some(url) if !url.trim().is_empty() => DatabaseTarget::Url(url.clone()),
        _ => DatabaseTarget::SqliteFile(args.data_dir.join("guichet.db")),
    };
    let started = std::time::Instant::now();
    let result = async {
        let pool = guichet_server::db::connect(&target).await?;
        guichet_server::db::migrate(&pool).await?;
        guichet_server::demo_catalog::generate(&pool, args.seed, args.entries)
            .await
            .map_err(|err| guichet_server::db::DbError::Query(sqlx_error(err)))?;
        Ok::<_, guichet_server::db::DbError>(())
    }
    .await;
    match result {
        Ok(()) => {
            println!(
                "{} catalog entries written to {target} in {:.1?}",
                args.entries,
                started.elapsed()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn sqlx_error(err: guichet_server::catalog_store::StoreError) -> sqlx::Error {
    match err {
        guichet_server::catalog_store::StoreError::Database(err) => err,
        other => sqlx::Error::Protocol(other.to_string()),
    }
}
