//! Command line and environment configuration (clap derive; every flag has an env twin).
//!
//! The connection settings are global flags so that every subcommand (`serve`,
//! `create-admin`) shares them: `guichet-server --data-dir /srv/guichet serve`
//! and `guichet-server serve --data-dir /srv/guichet` mean the same. With no subcommand
//! the server serves.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::client_addr::Network;

/// Guichet's server: the records, the API and the app's static files.
#[derive(Debug, Clone, Parser)]
#[command(name = "guichet-server", version, about)]
pub struct Cli {
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address and port to listen on.
    #[arg(
        long,
        env = "GUICHET_LISTEN",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub listen: SocketAddr,

    /// Folder for the server's data (the SQLite database by default); created if missing.
    #[arg(long, env = "GUICHET_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Database URL, e.g. `sqlite:///srv/guichet/guichet.db`. Default: `<data-dir>/guichet.db`.
    #[arg(long, env = "GUICHET_DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// The built app (Trunk's output folder, with index.html).
    #[arg(long, env = "GUICHET_DIST", default_value = "dist", global = true)]
    pub dist: PathBuf,

    /// Seed demonstration data (public demo passwords) and mark the database as a demo one.
    /// Refused on a database that holds real data; without it, demo accounts are disabled.
    #[arg(
        long,
        env = "GUICHET_DEMO",
        global = true,
        value_parser = clap::builder::BoolishValueParser::new(),
        num_args = 0..=1,
        default_missing_value = "true",
        default_value = "false"
    )]
    pub demo: bool,

    /// Send the staff session cookie without `Secure` and without the `__Host-` prefix, for a
    /// plain-HTTP demo reached at another address than localhost/127.0.0.1 (browsers drop
    /// `Secure` cookies from plain-HTTP sites other than those). Never for a real desk.
    #[arg(
        long,
        env = "GUICHET_INSECURE_COOKIE",
        global = true,
        value_parser = clap::builder::BoolishValueParser::new(),
        num_args = 0..=1,
        default_missing_value = "true",
        default_value = "false"
    )]
    pub insecure_cookie: bool,

    /// Accepted so that existing service files keep starting: the cookie is `Secure` by
    /// default now, so this does nothing.
    #[arg(
        long,
        hide = true,
        global = true,
        value_parser = clap::builder::BoolishValueParser::new(),
        num_args = 0..=1,
        default_missing_value = "true",
        default_value = "false"
    )]
    pub secure_cookies: bool,

    /// Seconds a client has to send a request's headers, counted from its first byte
    /// (slowloris); the connection is closed after that.
    #[arg(long, env = "GUICHET_HEADER_TIMEOUT", default_value_t = 10, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,

    /// Seconds a client has to send a request's body once its headers are in, plus a second per
    /// KiB received (a large upload at any real speed passes; a stalled one ends with 408).
    #[arg(long, env = "GUICHET_BODY_TIMEOUT", default_value_t = 30, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub body_timeout: u64,

    /// Seconds an idle keep-alive connection (no request under way) stays open.
    #[arg(long, env = "GUICHET_IDLE_TIMEOUT", default_value_t = 60, global = true,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub idle_timeout: u64,

    /// Open connections at most; further clients wait in the listen backlog.
    #[arg(long, env = "GUICHET_MAX_CONNECTIONS", default_value_t = 1024, global = true,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,

    /// Requests handled at once at most; beyond, `503` with `Retry-After`.
    #[arg(long, env = "GUICHET_MAX_IN_FLIGHT", default_value_t = 256, global = true,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_in_flight: u64,

    /// Reverse proxies (addresses or networks, comma-separated: `10.0.0.1,192.168.0.0/16`)
    /// whose `X-Forwarded-For` names the client for the per-client limits. Empty: the
    /// connection's peer is the client, and the header is ignored.
    #[arg(
        long,
        env = "GUICHET_TRUSTED_PROXIES",
        global = true,
        value_delimiter = ',',
        num_args = 0..
    )]
    pub trusted_proxies: Vec<Network>,

    /// New submissions (disclosure requests included) and complaints accepted from one client
    /// address (an IPv6 client's /64) per hour; replays of one already received do not count.
    /// A village service room files for several villagers from one address: generous, finite.
    #[arg(
        long,
        env = "GUICHET_FILINGS_PER_CLIENT_PER_HOUR",
        global = true,
        default_value_t = crate::rate_limit::FILINGS_PER_IP.max,
        value_parser = clap::value_parser!(i64).range(1..)
    )]
    pub filings_per_client_per_hour: i64,

    /// Let `POST /api/test/clock` move the server's "now" (end-to-end tests of time limits).
    /// Refused unless `--demo` is given too and the database was created by `--demo`: a real
    /// center's dates never move.
    #[arg(
        long,
        env = "GUICHET_TEST_CLOCK",
        global = true,
        value_parser = clap::builder::BoolishValueParser::new(),
        num_args = 0..=1,
        default_missing_value = "true",
        default_value = "false"
    )]
    pub test_clock: bool,

    /// Anonymous uploads one client (an IPv4 address or an IPv6 /64) may make per clock hour
    /// (a village service room uploads for several villagers from one address).
    #[arg(
        long,
        env = "GUICHET_UPLOAD_QUOTA_FILES",
        default_value_t = 60,
        global = true
    )]
    pub upload_quota_files: u32,

    /// MiB one client may upload anonymously per clock hour.
    #[arg(
        long,
        env = "GUICHET_UPLOAD_QUOTA_MIB",
        default_value_t = 200,
        global = true
    )]
    pub upload_quota_mib: u64,

    /// MiB all stored uploads together may take; past it uploads are refused (507) until the
    /// clean-up deletes unreferenced ones or the budget is raised.
    #[arg(
        long,
        env = "GUICHET_UPLOAD_BUDGET_MIB",
        default_value_t = 20480,
        global = true
    )]
    pub upload_budget_mib: u64,

    /// Where stored files are kept: `local` (`<data dir>/uploads`) or `database` (in the
    /// database itself, so that several instances on one PostgreSQL read the same files;
    /// files already in the local folder are copied in at start).
    #[arg(
        long,
        env = "GUICHET_FILE_STORE",
        value_enum,
        default_value_t = crate::file_store::FileStoreKind::Local,
        global = true
    )]
    pub file_store: crate::file_store::FileStoreKind,
}

/// The subcommands.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Serve the app and the API (the default).
    Serve,
    /// Retitle a catalog entry (a new revision in the delta feed). There is no staff publishing
    /// interface yet; this is how operators and the end-to-end tests change an entry.
    CatalogTouch {
        /// The entry's 索引号.
        #[arg(long)]
        index_no: String,
        /// Its new 名称.
        #[arg(long)]
        title: String,
    },
    /// Publish a new version of a service item's form from a JSON file (a `FormDefinition`,
    /// as `GET /api/services/{code}` shows it, with a higher `version`). There is no staff
    /// publishing interface yet; this is how operators and the end-to-end tests publish one.
    FormPublish {
        /// The JSON file.
        #[arg(long)]
        file: std::path::PathBuf,
    },
    /// Create a center administrator (中心管理员) of the staff desk. The password is read from
    /// `GUICHET_ADMIN_PASSWORD` or else from the first line of standard input.
    CreateAdmin {
        /// Login name.
        #[arg(long)]
        username: String,
        /// Name shown on the desk (default: the login name).
        #[arg(long, default_value = "")]
        display_name: String,
    },
}

/// Where the database lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseTarget {
    /// A SQLite file path (the default, `<data-dir>/guichet.db`). Kept as a path rather than
    /// a URL so that unusual characters in the folder name (`?`, `%`) need no escaping.
    SqliteFile(PathBuf),
    /// A URL given by the operator, parsed by sqlx.
    Url(String),
}

impl std::fmt::Display for DatabaseTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseTarget::SqliteFile(path) => write!(f, "sqlite://{}", path.display()),
            DatabaseTarget::Url(url) => f.write_str(url),
        }
    }
}

/// The resolved configuration of the `serve` command.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// The server's data folder.
    pub data_dir: PathBuf,
    /// The database.
    pub database: DatabaseTarget,
    /// The built app's folder.
    pub dist: PathBuf,
    /// Seed demo data into an empty database.
    pub demo: bool,
    /// Let `POST /api/test/clock` move "now" (demo databases only).
    pub test_clock: bool,
    /// The per-client upload quota and the disk budget of stored uploads.
    pub upload_limits: crate::upload_quota::UploadLimits,
    /// Timeouts and caps of the HTTP server.
    pub http: HttpLimits,
    /// Where stored files are kept.
    pub file_store: crate::file_store::FileStoreKind,
}

/// The HTTP server's timeouts and caps (see `http_server`). The defaults are for one county
/// center's server behind a proxy: 10 s is ample for headers on the slowest mobile link (they
/// are a few hundred bytes) and short enough that slowloris needs many sockets; 30 s for a
/// body covers a 1 MB JSON body at ~300 kbit/s, and larger uploads earn more time as their
/// bytes arrive; 60 s idle keeps a
/// desk's connection warm between clicks (proxies' own idle timeouts are usually 60–75 s);
/// 1024 connections stays under the common 1024 open files of a service with room for the
/// database; 256 requests in flight is far above what the pool of SQLite connections can serve
/// at once, so only a flood meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HttpLimits {
    /// From a request's first byte to the end of its headers.
    pub header_timeout: Duration,
    /// From the end of the headers to the end of the body, extended by the bytes received
    /// (see `http_server::MIN_BODY_BYTES_PER_SECOND`).
    pub body_timeout: Duration,
    /// An open connection with no request under way.
    pub idle_timeout: Duration,
    /// Open connections.
    pub max_connections: usize,
    /// Requests being handled at once.
    pub max_in_flight: usize,
}

impl Default for HttpLimits {
    fn default() -> Self {
        HttpLimits {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 1024,
            max_in_flight: 256,
        }
    }
}

impl Cli {
    /// The subcommand to run (`serve` when none was given).
    pub fn subcommand(&self) -> Command {
        self.command.clone().unwrap_or(Command::Serve)
    }

    /// Resolves defaults that depend on other settings (the database path).
    pub fn config(&self) -> Config {
        let database = match &self.database_url {
            Some(url) if !url.trim().is_empty() => DatabaseTarget::Url(url.clone()),
            _ => DatabaseTarget::SqliteFile(self.data_dir.join("guichet.db")),
        };
        Config {
            listen: self.listen,
            data_dir: self.data_dir.clone(),
            database,
            dist: self.dist.clone(),
            demo: self.demo,
            test_clock: self.test_clock,
            upload_limits: crate::upload_quota::UploadLimits::from_mib(
                self.upload_quota_files,
                self.upload_quota_mib,
                self.upload_budget_mib,
            ),
            http: HttpLimits {
                header_timeout: Duration::from_secs(self.header_timeout),
                body_timeout: Duration::from_secs(self.body_timeout),
                idle_timeout: Duration::from_secs(self.idle_timeout),
                max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
                max_in_flight: usize::try_from(self.max_in_flight).unwrap_or(usize::MAX),
            },
            file_store: self.file_store,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let cli = Cli::try_parse_from(["guichet-server"]).unwrap();
        assert_eq!(cli.subcommand(), Command::Serve);
        let config = cli.config();
        assert_eq!(config.listen, "127.0.0.1:8080".parse().unwrap());
        assert_eq!(
            config.database,
            DatabaseTarget::SqliteFile(PathBuf::from("data/guichet.db"))
        );
        assert_eq!(config.dist, PathBuf::from("dist"));
        assert!(!config.demo);
        assert!(!config.test_clock);
        assert_eq!(
            config.upload_limits,
            crate::upload_quota::UploadLimits::default()
        );
        assert_eq!(config.upload_limits.budget_bytes, 20480 * 1024 * 1024);
        assert_eq!(config.http, HttpLimits::default());
        assert!(!cli.insecure_cookie);
        assert_eq!(cli.filings_per_client_per_hour, 30);
    }

    #[test]
    fn flags_after_subcommand() {
        let cli = Cli::try_parse_from([
            "guichet-server",
            "serve",
            "--listen",
            "0.0.0.0:9000",
            "--data-dir",
            "/srv/g",
            "--demo",
        ])
        .unwrap();
        let config = cli.config();
        assert_eq!(config.listen.port(), 9000);
        assert_eq!(config.database.to_string(), "sqlite:///srv/g/guichet.db");
        assert!(config.demo);
    }

    #[test]
    fn create_admin_subcommand() {
        let cli = Cli::try_parse_from([
            "guichet-server",
            "create-admin",
            "--username",
            "root",
            "--data-dir",
            "/srv/g",
        ])
        .unwrap();
        assert_eq!(
            cli.subcommand(),
            Command::CreateAdmin {
                username: "root".into(),
                display_name: String::new()
            }
        );
        assert!(!cli.insecure_cookie);
    }

    #[test]
    fn trusted_proxies_from_a_comma_list_and_refused_when_not_addresses() {
        let cli = Cli::try_parse_from(["guichet-server", "--trusted-proxies", "10.0.0.1,fd00::/8"])
            .unwrap();
        assert_eq!(cli.trusted_proxies.len(), 2);
        assert!(
            Cli::try_parse_from(["guichet-server"])
                .unwrap()
                .trusted_proxies
                .is_empty()
        );
        let error = Cli::try_parse_from(["guichet-server", "--trusted-proxies", "proxy.local"])
            .unwrap_err();
        assert!(error.to_string().contains("not an IP address"), "{error}");
    }

    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        <Cli as CommandFactory>::command().debug_assert();
    }
}
