//! Guichet's server binary: parse the configuration, prepare, serve until a signal.
//!
//! All the logic is in the library (`guichet_server`) so the tests exercise the same code.

use std::process::ExitCode;

use clap::Parser;
use guichet_server::client_addr::TrustedProxies;
use guichet_server::config::{Cli, Command};
use guichet_server::http_server::serve_with;
use guichet_server::{
    StartupError, build_router, create_admin, init_tracing, prepare, publish_form_file,
    shutdown_signal,
};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.subcommand() {
        Command::Serve => run_serve(&cli).await,
        Command::CatalogTouch { index_no, title } => catalog_touch(&cli, &index_no, &title).await,
        Command::FormPublish { file } => publish_form_file(&cli.config(), &file)
            .await
            .map(|(item, version)| println!("{item}: form version {version} published")),
        Command::CreateAdmin {
            username,
            display_name,
        } => run_create_admin(&cli, &username, &display_name).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Print the whole cause chain: the operator needs the io/sqlx detail here.
            let mut message = err.to_string();
            let mut source = std::error::Error::source(&err);
            while let Some(cause) = source {
                let text = cause.to_string();
                if !message.contains(&text) {
                    message.push_str(": ");
                    message.push_str(&text);
                }
                source = cause.source();
            }
            // Plain stderr rather than tracing: it must show even when RUST_LOG hides errors.
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run_serve(cli: &Cli) -> Result<(), StartupError> {
    let config = cli.config();
    tracing::info!(database = %config.database, dist = %config.dist.display(), "starting");
    let state = prepare(&config)
        .await?
        .with_secure_cookies(!cli.insecure_cookie)
        .with_trusted_proxies(TrustedProxies::new(cli.trusted_proxies.clone()))
        .with_filings_per_hour(cli.filings_per_client_per_hour);
    if cli.secure_cookies {
        tracing::warn!(
            "--secure-cookies is no longer needed: the session cookie is Secure by default"
        );
    }
    if cli.insecure_cookie {
        tracing::warn!("--insecure-cookie: the staff session cookie is sent without Secure");
    }
    if state.clock.is_adjustable() {
        tracing::warn!("test clock: POST /api/test/clock may move this server's dates");
    }
    guichet_server::spawn_calendar_refresh(&state);
    guichet_server::spawn_catalog_promotion(&state);
    guichet_server::spawn_upload_cleanup(&state);
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartupError::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(config.listen);
    tracing::info!("listening on http://{addr}");
    serve_with(
        listener,
        build_router(state),
        config.http,
        shutdown_signal(),
    )
    .await?;
    tracing::info!("stopped");
    Ok(())
}

/// `catalog-touch`: gives an entry a new title, which the delta feed then carries to clients.
async fn catalog_touch(cli: &Cli, index_no: &str, title: &str) -> Result<(), StartupError> {
    use guichet_server::catalog_store;
    use guichet_server::db::{self, DbError};
    let config = cli.config();
    let pool = db::connect(&config.database).await?;
    db::migrate(&pool).await?;
    let store_error = |err: catalog_store::StoreError| {
        StartupError::Database(DbError::Query(sqlx_protocol(err.to_string())))
    };
    let index_no = guichet_core::catalog::IndexNo::parse(index_no)
        .map_err(|err| StartupError::Database(DbError::Query(sqlx_protocol(err.to_string()))))?;
    let Some((mut entry, body)) = catalog_store::get(&pool, &index_no)
        .await
        .map_err(store_error)?
    else {
        return Err(StartupError::Database(DbError::Query(sqlx_protocol(
            format!("no catalog entry {index_no}"),
        ))));
    };
    entry.title = title.to_string();
    let revision = catalog_store::upsert(&pool, &entry, body.as_ref())
        .await
        .map_err(store_error)?;
    println!("{index_no}: revision {revision}");
    Ok(())
}

fn sqlx_protocol(message: String) -> sqlx::Error {
    sqlx::Error::Protocol(message)
}

async fn run_create_admin(
    cli: &Cli,
    username: &str,
    display_name: &str,
) -> Result<(), StartupError> {
    // The environment first (scripts, containers); else one line of stdin, so the password is
    // never a command-line argument visible in `ps` or the shell history.
    let password = match std::env::var("GUICHET_ADMIN_PASSWORD") {
        Ok(password) if !password.is_empty() => password,
        _ => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .map_err(StartupError::Stdin)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let id = create_admin(&cli.config(), username, display_name, &password).await?;
    println!("created center_admin {username:?} (id {id})");
    Ok(())
}
