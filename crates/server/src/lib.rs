//! Guichet's server: keeps the records, answers the JSON API under `/api` and serves the
//! built Leptos app (Trunk's `dist/`) from the same origin.
//!
//! Building blocks, in the order `main` uses them:
//! - [`config::Cli`] parses flags and environment into a [`config::Config`];
//! - [`prepare`] loads the app into memory, opens and migrates the database, seeds demo data
//!   (or, without `--demo`, disables the demo accounts: see [`demo_guard`]);
//! - [`build_router`] assembles the routes and layers around an [`AppState`];
//! - [`serve`] runs the HTTP server until a shutdown future (see [`shutdown_signal`]) resolves.
//!
//! Tests build the same router: `build_router(AppState { db, dist })` and drive it with
//! `tower::ServiceExt::oneshot`.

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::DefaultBodyLimit;
use axum::http::Request;
use axum::middleware;
use tower_http::LatencyUnit;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub mod api;
pub mod appeals_store;
pub mod audit_store;
pub mod bookings_store;
pub mod calendar_file;
pub mod calendar_store;
pub mod cases_store;
pub mod catalog_import;
pub mod catalog_publish_store;
pub mod catalog_store;
pub mod client_addr;
pub mod clock;
pub mod config;
pub mod consultations_store;
pub mod contact_settings_store;
pub mod db;
pub mod demo;
pub mod demo_catalog;
pub mod demo_contact;
pub mod demo_disclosure;
pub mod demo_guard;
pub mod demo_services;
pub mod demo_staff;
pub mod desk_view;
pub mod disclosure_store;
pub mod divisions_file;
pub mod error;
pub mod feedback_store;
pub mod file_store;
pub mod guide_store;
pub mod http_server;
pub mod item_page;
pub mod password_gate;
pub mod queue_store;
pub mod rate_limit;
pub mod security;
pub mod security_log;
pub mod service_pinyin;
pub mod services_store;
pub mod staff_store;
pub mod static_files;
pub mod submissions_store;
pub mod upload_cleanup;
pub mod upload_quota;

use calendar_file::{CalendarError, CalendarFile, CalendarState};
use client_addr::TrustedProxies;
use config::Config;
use db::{DbError, Pool};
use divisions_file::{DivisionsError, DivisionsFile};
use security::SecurityHeaders;
use static_files::{Dist, DistError};

/// The largest request body accepted (JSON); larger bodies get a 413 envelope.
/// Document uploads, when they come, will get their own, larger limit on their route.
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;

/// What every handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Pool,
    /// The built app, in memory.
    pub dist: Arc<Dist>,
    /// The working-day calendar every deadline is counted on, and its file for the app.
    pub calendar: Arc<CalendarState>,
    /// The GB/T 2260 division codes identity numbers are checked against, and their file for
    /// the app.
    pub divisions: Arc<DivisionsFile>,
    /// The staff session cookie is `Secure` and named with the `__Host-` prefix (the default);
    /// `false` only for plain-HTTP demos on another machine (`--insecure-cookie`).
    pub secure_cookies: bool,
    /// The reverse proxies whose `X-Forwarded-For` names the client (for per-client limits).
    pub trusted_proxies: Arc<TrustedProxies>,
    /// Where "now" comes from: the system's clock, or a demo server's movable one.
    pub clock: clock::Clock,
    /// The per-client upload quota and the disk budget of stored uploads.
    pub upload_limits: upload_quota::UploadLimits,
    /// Where uploaded files are stored: `uploads/` in the data folder (several instances on
    /// one database share that folder, see DEPLOYMENT.md).
    pub uploads_dir: Arc<std::path::Path>,
    /// The store of every file's bytes (that folder, or the database; see `file_store`).
    pub files: file_store::FileStore,
    /// The slots for password hashing (logins, password changes, account creation and resets).
    pub password_gate: password_gate::PasswordGate,
    /// How many new filings one client may make per hour (`--filings-per-client-per-hour`).
    pub filing_limit: rate_limit::Limit,
}

impl AppState {
    /// The same state with `Secure`, `__Host-` staff cookies (the default) or plain ones.
    pub fn with_secure_cookies(mut self, secure: bool) -> AppState {
        self.secure_cookies = secure;
        self
    }

    /// The same state believing `X-Forwarded-For` from `proxies` only.
    pub fn with_trusted_proxies(mut self, proxies: TrustedProxies) -> AppState {
        self.trusted_proxies = Arc::new(proxies);
        self
    }

    /// The same state accepting `per_hour` new filings per client and hour.
    pub fn with_filings_per_hour(mut self, per_hour: i64) -> AppState {
        self.filing_limit = rate_limit::Limit {
            max: per_hour,
            ..rate_limit::FILINGS_PER_IP
        };
        self
    }

    /// The same state with another clock (`--test-clock` on a demo server).
    pub fn with_clock(mut self, clock: clock::Clock) -> AppState {
        self.clock = clock;
        self
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The built app is missing or unreadable.
    #[error(transparent)]
    Dist(#[from] DistError),
    /// The database could not be opened, migrated or seeded.
    #[error(transparent)]
    Database(#[from] DbError),
    /// `<data-dir>/calendar.json` exists but cannot be used.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// A year published on the desk does not apply on top of the calendar file (the operator
    /// replaced the file with one the publication contradicts).
    #[error("a calendar year published on the desk cannot be applied: {0}")]
    PublishedCalendar(#[source] guichet_core::CalendarError),
    /// The published calendar years cannot be read.
    #[error("cannot read the published calendar years: {0}")]
    PublishedCalendarRead(#[from] calendar_store::CalendarStoreError),
    /// `<data-dir>/divisions.txt` exists but cannot be used.
    #[error(transparent)]
    Divisions(#[from] DivisionsError),
    /// The local uploads folder could not be copied into a database file store.
    #[error("cannot copy the uploads folder into the database: {0}")]
    FileImport(#[from] file_store::FileStoreError),
    /// The listening socket could not be opened.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address from the configuration.
        addr: std::net::SocketAddr,
        /// The io error.
        #[source]
        source: std::io::Error,
    },
    /// The server stopped with an io error.
    #[error("server error: {0}")]
    Serve(#[source] std::io::Error),
    /// `create-admin` could not read the password from standard input.
    #[error("cannot read the password from standard input: {0}")]
    Stdin(#[source] std::io::Error),
    /// `--test-clock` was given to a server that is not in demo mode.
    #[error("--test-clock moves the server's clock and is only allowed with --demo")]
    TestClockWithoutDemo,
    /// `--test-clock` on a database that is not marked demo.
    #[error(
        "--test-clock moves the server's clock and is only allowed on a demo database; this database was not created by --demo"
    )]
    TestClockOnRealDatabase,
    /// `--demo` on a database that holds real data and was not created by `--demo`.
    #[error(
        "--demo would add demo accounts with public passwords to a database that holds real data (cases, staff accounts or published items) and was not created by --demo; start without --demo, or give --demo an empty data folder"
    )]
    DemoOnRealData,
    /// `create-admin` could not create the account.
    #[error("cannot create the account: {0}")]
    Account(#[from] staff_store::AccountError),
    /// `create-admin` on a database that already has an enabled center administrator: further
    /// accounts are created on the desk, where they are audited.
    #[error(
        "a center administrator already exists; create further accounts on the staff desk (/staff/admin/, 账号管理)"
    )]
    AdminExists,
    /// `form-publish` could not read its file.
    #[error("cannot read the form file {path}: {source}")]
    FormFile {
        /// The file given.
        path: std::path::PathBuf,
        /// The io error.
        #[source]
        source: std::io::Error,
    },
    /// `form-publish` was given something that is not a form definition.
    #[error("the form file is not a form definition: {0}")]
    FormJson(#[source] serde_json::Error),
    /// `form-publish` could not publish the form (unknown item, older version, invalid form).
    #[error("cannot publish the form: {0}")]
    Publish(#[from] services_store::StoreError),
}

/// `guichet-server form-publish`: publishes the form definition in the JSON file `path` (a new
/// version of an item's form, as the staff's publishing will). Returns its item and version.
pub async fn publish_form_file(
    config: &Config,
    path: &std::path::Path,
) -> Result<(String, u32), StartupError> {
    let text = std::fs::read_to_string(path).map_err(|source| StartupError::FormFile {
        path: path.to_owned(),
        source,
    })?;
    let definition: guichet_core::form::FormDefinition =
        serde_json::from_str(&text).map_err(StartupError::FormJson)?;
    let db = db::connect(&config.database).await?;
    db::migrate(&db).await?;
    services_store::publish_form(&db, &definition).await?;
    Ok((definition.item_code, definition.version))
}

/// `guichet-server create-admin`: opens and migrates the database of `config` and creates a
/// center administrator. Returns the account id.
pub async fn create_admin(
    config: &Config,
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<i64, StartupError> {
    let db = db::connect(&config.database).await?;
    db::migrate(&db).await?;
    let mut conn = db.acquire().await.map_err(DbError::Query)?;
    let admins = staff_store::enabled_admins(&mut conn)
        .await
        .map_err(DbError::Query)?;
    drop(conn);
    if admins > 0 {
        db.close().await;
        return Err(StartupError::AdminExists);
    }
    let id = staff_store::create_account(&db, username, display_name, None, password).await?;
    db.close().await;
    Ok(id)
}

/// Loads the app, opens and migrates the database and, in demo mode, marks and seeds it
/// (refused on a database with real data); without demo mode, disables the demo accounts.
/// The clock is movable only with `--test-clock` on a demo database.
///
/// The app is loaded first: it is the cheapest check and the most common mistake
/// (forgetting `trunk build`), and it should not leave a fresh database behind.
pub async fn prepare(config: &Config) -> Result<AppState, StartupError> {
    let dist = Dist::load(&config.dist)?;
    let base_calendar = CalendarFile::load(&config.data_dir)?;
    let divisions = DivisionsFile::load(&config.data_dir)?;
    let db = db::connect(&config.database).await?;
    db::migrate(&db).await?;
    // Now rather than on the first unknown user name, whose answer would take twice as long.
    staff_store::prepare_dummy_hash();
    let calendar = CalendarState::load(base_calendar, &db).await?;
    let clock = clock::for_server(config.test_clock, config.demo)?;
    let query = |e: sqlx::Error| StartupError::Database(DbError::Query(e));
    let mut demo_database = demo_guard::is_demo_database(&db).await.map_err(query)?;
    if config.demo {
        if !demo_database && demo_guard::holds_real_data(&db).await.map_err(query)? {
            return Err(StartupError::DemoOnRealData);
        }
        // Marked first: a seed that fails half-way still leaves a database known as demo.
        demo_guard::mark_demo_database(&db, chrono::Utc::now())
            .await
            .map_err(query)?;
        demo_database = true;
        demo::seed(&db, &calendar.current().calendar).await?;
        demo_guard::enable_demo_accounts(&db).await.map_err(query)?;
    } else {
        demo_guard::disable_demo_accounts(&db, demo_database)
            .await
            .map_err(query)?;
    }
    if clock.is_adjustable() && !demo_database {
        return Err(StartupError::TestClockOnRealDatabase);
    }
    let coded = feedback_store::assign_missing_complaint_codes(&db)
        .await
        .map_err(DbError::Query)?;
    if coded > 0 {
        tracing::info!(
            coded,
            "query codes given to complaints filed before they had one"
        );
    }
    // In the background: 100,000 entries take ~45 s, and the portal should not be down for
    // it; meanwhile a search misses only entries written in traditional characters.
    let refresh_pool = db.clone();
    tokio::spawn(async move {
        match catalog_store::refresh_search_text(&refresh_pool).await {
            Ok(0) => {}
            Ok(refolded) => tracing::info!(
                refolded,
                "catalog search text rewritten (traditional characters folded)"
            ),
            Err(err) => tracing::error!(%err, "cannot rewrite the catalog's search text"),
        }
    });
    let realigned =
        calendar_store::realign_parts(&db, &calendar.current().calendar, chrono::Utc::now())
            .await?;
    if realigned > 0 {
        tracing::info!(
            realigned,
            "joint-review deadlines realigned with the calendar in force"
        );
    }
    let redated =
        queue_store::refresh_due_dates(&db, &calendar.current().calendar, chrono::Utc::now())
            .await
            .map_err(|e| calendar_store::CalendarStoreError::Corrupt(e.to_string()))?;
    if redated > 0 {
        tracing::info!(
            redated,
            "case due dates recomputed with the calendar in force"
        );
    }
    let uploads_dir = config.data_dir.join("uploads");
    let files = file_store::FileStore::new(config.file_store, db.clone(), uploads_dir.clone());
    let imported = files.import_local(&uploads_dir).await?;
    if imported > 0 {
        tracing::info!(
            imported,
            "files of the local uploads folder copied into the database"
        );
    }
    Ok(AppState {
        db,
        dist: Arc::new(dist),
        calendar: Arc::new(calendar),
        divisions: Arc::new(divisions),
        secure_cookies: true,
        trusted_proxies: Arc::default(),
        clock,
        upload_limits: config.upload_limits,
        uploads_dir: Arc::from(uploads_dir),
        files,
        password_gate: password_gate::PasswordGate::sized_to_cores(),
        filing_limit: rate_limit::FILINGS_PER_IP,
    })
}

/// The complete application: `/api`, the app's files, and the layers around them.
pub fn build_router(state: AppState) -> Router {
    build_router_with(state, Router::new())
}

/// Like [`build_router`], with `extra_api` routes merged into `/api` (inside all the same
/// layers). For feature modules being wired in, and for tests that need a route.
pub fn build_router_with(state: AppState, extra_api: Router<AppState>) -> Router {
    // The clock's route exists only on a server whose clock may move (see `clock`).
    let extra_api = if state.clock.is_adjustable() {
        extra_api.route("/test/clock", axum::routing::post(clock::set))
    } else {
        extra_api
    };
    let security = SecurityHeaders::new(
        state.dist.inline_scripts(),
        Arc::clone(&state.trusted_proxies),
    );
    // Layers run outside-in in the reverse order of the `.layer` calls: tracing sees the
    // final status and the full latency; security headers reach every response, including
    // the envelopes made by `localize_errors`.
    Router::new()
        .nest("/api", api::router(extra_api))
        .fallback(static_files::serve)
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        // A panicking handler becomes a 500 envelope instead of a dropped connection.
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(middleware::from_fn(api::default_no_store))
        .layer(middleware::from_fn(http_server::answer_body_timeouts))
        .layer(middleware::from_fn(error::localize_errors))
        // Outside the envelopes (it reads their code), inside the tracing span.
        .layer(middleware::from_fn_with_state(
            Arc::clone(&state.trusted_proxies),
            security_log::log_security_events,
        ))
        .layer(middleware::from_fn_with_state(
            security,
            security::add_security_headers,
        ))
        .layer(
            TraceLayer::new_for_http()
                // The path only: query strings may carry personal data (names, ID numbers).
                .make_span_with(|request: &Request<Body>| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %request.uri().path(),
                    )
                })
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(LatencyUnit::Millis),
                ),
        )
        .with_state(state)
}

/// How often a server looks for a calendar year published through another instance.
pub const CALENDAR_REFRESH: std::time::Duration = std::time::Duration::from_secs(30);

/// Keeps `state`'s calendar in step with the database (see `calendar_file`): a year published
/// on the desk of any instance is in force on this one within [`CALENDAR_REFRESH`].
pub fn spawn_calendar_refresh(state: &AppState) {
    let (calendar, db) = (Arc::clone(&state.calendar), state.db.clone());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CALENDAR_REFRESH);
        every.tick().await;
        loop {
            every.tick().await;
            match calendar.refresh(&db).await {
                Ok(true) => {
                    tracing::info!("calendar: a newer publication is in force");
                    let current = calendar.current();
                    if let Err(error) =
                        queue_store::refresh_due_dates(&db, &current.calendar, chrono::Utc::now())
                            .await
                    {
                        tracing::warn!(%error, "calendar: cannot recompute due dates");
                    }
                }
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, "calendar: cannot refresh"),
            }
        }
    });
}

/// How often a server publishes the catalog entries whose publication date has come (reads of
/// the catalog also do it first).
pub const CATALOG_PROMOTION: std::time::Duration = std::time::Duration::from_secs(60);

/// Publishes scheduled catalog entries on their day even when nobody reads the catalog.
pub fn spawn_catalog_promotion(state: &AppState) {
    let (db, clock) = (state.db.clone(), state.clock.clone());
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CATALOG_PROMOTION);
        loop {
            every.tick().await;
            let today = submissions_store::china_today(clock.now());
            if let Err(error) = catalog_publish_store::promote_due(&db, today).await {
                tracing::warn!(%error, "catalog: cannot publish scheduled entries");
            }
        }
    });
}

/// Deletes the uploads nothing refers to a week after their last upload, and forgets ended
/// upload-quota hours, every hour (see `upload_cleanup`).
pub fn spawn_upload_cleanup(state: &AppState) {
    upload_cleanup::spawn(state.db.clone(), state.clock.clone(), state.files.clone());
}

/// Serves `router` on `listener` with the default [`config::HttpLimits`] until `shutdown`
/// resolves, then lets in-flight requests finish (see [`http_server::serve_with`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartupError> {
    http_server::serve_with(listener, router, config::HttpLimits::default(), shutdown).await
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM (what `systemctl stop` and `docker stop` send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(err) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %err, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut stream) => {
                stream.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutting down: finishing in-flight requests");
}

/// Logs to stderr, filtered by `RUST_LOG` (default `info`).
pub fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // `try_init` so a second call (tests) is harmless.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
