//! Guichet's server binary: parse the configuration, prepare, serve until a signal.
//!
//! All the logic is in the library (`guichet_server`) so the tests exercise the same code.

use std::process::ExitCode;

use clap::Parser;
use guichet_server::config::{Cli, Command};
use guichet_server::{StartupError, build_router, init_tracing, prepare, serve, shutdown_signal};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.subcommand() {
        Command::Serve => run_serve(&cli).await,
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
    let state = prepare(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|source| StartupError::Bind {
            addr: config.listen,
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(config.listen);
    tracing::info!("listening on http://{addr}");
    serve(listener, build_router(state), shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}
