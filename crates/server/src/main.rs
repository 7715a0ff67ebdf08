//! Guichet's server binary: parse the configuration, prepare, serve until a signal.
//!
//! All the logic is in the library (`guichet_server`) so the tests exercise the same code.

use std::process::ExitCode;

use clap::Parser;
use guichet_server::config::{Cli, Command};
use guichet_server::{
    StartupError, build_router, create_admin, init_tracing, prepare, serve, shutdown_signal,
};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    let result = match cli.subcommand() {
        Command::Serve => run_serve(&cli).await,
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
        .with_secure_cookies(cli.secure_cookies);
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
