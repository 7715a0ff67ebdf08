//! Integration tests: the whole router against a real SQLite file and a fixture dist folder,
//! both in a fresh temporary directory per test (no shared files, any order).

mod common;

use std::path::Path;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use axum::routing::post;
use base64::Engine as _;
use guichet_server::config::{Config, DatabaseTarget};
use guichet_server::error::{AppError, Json};
use guichet_server::static_files::DistError;
use guichet_server::{AppState, StartupError, build_router, build_router_with, prepare};
use http_body_util::BodyExt;
use serde_json::Value;
use sha2::{Digest, Sha256};
use tempfile::TempDir;
use tower::ServiceExt;

const INLINE_SCRIPT: &str = "\nimport init, * as bindings from '/guichet-app-3f2a9c0d1e2b4a5f.js';\nconst wasm = await init({ module_or_path: '/guichet-app-3f2a9c0d1e2b4a5f_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

const JS: &str = "guichet-app-3f2a9c0d1e2b4a5f.js";
const WASM: &str = "guichet-app-3f2a9c0d1e2b4a5f_bg.wasm";

fn index_with_script() -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\
<link rel=\"stylesheet\" href=\"/style-0123456789abcdef.css\">\
<script type=\"module\">{INLINE_SCRIPT}</script></head><body></body></html>"
    )
}

/// Writes a dist folder like Trunk's (plus the build's .br/.gz siblings) under `root/dist`.
fn write_dist(root: &Path, index_html: &str) -> std::path::PathBuf {
    let dist = root.join("dist");
    std::fs::create_dir_all(dist.join("icons")).unwrap();
    let files: &[(&str, &[u8])] = &[
        ("index.html", index_html.as_bytes()),
        (JS, b"export default function init() {}"),
        ("guichet-app-3f2a9c0d1e2b4a5f.js.br", b"BROTLI-BYTES"),
        ("guichet-app-3f2a9c0d1e2b4a5f.js.gz", b"GZIP-BYTES"),
        (WASM, b"\0asm\x01\0\0\0"),
        ("style-0123456789abcdef.css", b"body{margin:0}"),
        ("sw.js", b"self.addEventListener('fetch', () => {});"),
        ("manifest.webmanifest", b"{\"name\":\"Guichet\"}"),
        ("icons/icon-192.png", b"\x89PNG\r\n\x1a\n"),
    ];
    for (name, bytes) in files {
        std::fs::write(dist.join(name), bytes).unwrap();
    }
    dist
}

fn config(root: &Path, dist: std::path::PathBuf) -> Config {
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: root.join("data"),
        database: common::test_database(root),
        dist,
        demo: false,
        test_clock: false,
        upload_limits: Default::default(),
        http: Default::default(),
        file_store: Default::default(),
    }
}

struct TestApp {
    _dir: TempDir,
    state: AppState,
    router: Router,
}

async fn app_with_index(index_html: &str) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let dist = write_dist(dir.path(), index_html);
    let state = prepare(&config(dir.path(), dist)).await.unwrap();
    let router = build_router(state.clone());
    TestApp {
        _dir: dir,
        state,
        router,
    }
}

async fn app() -> TestApp {
    app_with_index(&index_with_script()).await
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

impl Reply {
    fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }

    fn json(&self) -> Value {
        assert!(
            self.header(header::CONTENT_TYPE)
                .starts_with("application/json")
        );
        serde_json::from_slice(&self.body).unwrap()
    }
}

async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

async fn get(router: &Router, path: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

// ---------------------------------------------------------------- API

#[tokio::test]
async fn health_reports_ok_with_the_database() {
    let app = app().await;
    let reply = get(&app.router, "/api/health", &[]).await;
    assert_eq!(reply.status, StatusCode::OK);
    let json = reply.json();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["database"], "ok");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
}

#[tokio::test]
async fn health_is_503_envelope_when_the_database_is_unreachable() {
    let app = app().await;
    app.state.db.close().await;
    let reply = get(&app.router, "/api/health", &[]).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    let json = reply.json();
    assert_eq!(json["error"]["code"], "unavailable");
    // Internal details (the sqlx error) are never sent.
    assert!(
        !String::from_utf8_lossy(&reply.body)
            .to_lowercase()
            .contains("pool")
    );
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404_in_the_requested_language() {
    let app = app().await;
    for path in ["/api/nope", "/api/nope/deeper", "/api", "/api/"] {
        let reply = get(&app.router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        let json = reply.json();
        assert_eq!(json["error"]["code"], "not_found", "{path}");
        assert_eq!(json["error"]["message"], "找不到您要访问的内容。");
        assert!(json["error"].get("fields").is_none());
        assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
        assert!(!String::from_utf8_lossy(&reply.body).contains("<html"));
    }
    let reply = get(
        &app.router,
        "/api/nope",
        &[("accept-language", "en-US,en;q=0.9,zh;q=0.5")],
    )
    .await;
    assert_eq!(
        reply.json()["error"]["message"],
        "What you are looking for could not be found."
    );
}

#[tokio::test]
async fn wrong_method_on_api_is_a_405_envelope() {
    let app = app().await;
    let request = Request::post("/api/health").body(Body::empty()).unwrap();
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(reply.json()["error"]["code"], "method_not_allowed");
}

#[derive(serde::Deserialize, serde::Serialize)]
struct Greeting {
    name: String,
    count: u32,
}

async fn echo(Json(greeting): Json<Greeting>) -> Result<Json<Greeting>, AppError> {
    Ok(Json(greeting))
}

/// The real router with one JSON route, going through all the real layers (body limit,
/// error localisation, security headers).
async fn app_with_echo() -> (TestApp, Router) {
    let app = app().await;
    let router = build_router_with(app.state.clone(), Router::new().route("/echo", post(echo)));
    (app, router)
}

async fn post_json(router: &Router, content_type: Option<&str>, body: impl Into<Body>) -> Reply {
    let mut request = Request::post("/api/echo");
    if let Some(content_type) = content_type {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    send(router, request.body(body.into()).unwrap()).await
}

#[tokio::test]
async fn json_bodies_are_extracted_and_rejections_are_envelopes() {
    let (_app, router) = app_with_echo().await;
    let ok = post_json(
        &router,
        Some("application/json"),
        r#"{"name":"张三","count":2}"#,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(ok.json()["name"], "张三");

    let malformed = post_json(&router, Some("application/json"), r#"{"name": "#).await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert_eq!(malformed.json()["error"]["code"], "malformed_json");

    let wrong_shape = post_json(
        &router,
        Some("application/json"),
        r#"{"name":"a","count":"x"}"#,
    )
    .await;
    assert_eq!(wrong_shape.status, StatusCode::UNPROCESSABLE_ENTITY);
    let json = wrong_shape.json();
    assert_eq!(json["error"]["code"], "invalid_json_data");
    // serde's message (which names Rust types) stays in the log.
    assert!(!json["error"]["message"].as_str().unwrap().contains("u32"));

    let not_json = post_json(&router, Some("text/plain"), r#"{"name":"a","count":1}"#).await;
    assert_eq!(not_json.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(not_json.json()["error"]["code"], "unsupported_media_type");

    let no_type = post_json(&router, None, r#"{"name":"a","count":1}"#).await;
    assert_eq!(no_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let huge = format!(
        r#"{{"name":"{}","count":1}}"#,
        "x".repeat(guichet_server::BODY_LIMIT_BYTES)
    );
    let too_big = post_json(&router, Some("application/json"), huge).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(too_big.json()["error"]["code"], "payload_too_large");
    assert!(
        too_big
            .header(header::CONTENT_SECURITY_POLICY)
            .contains("frame-ancestors")
    );
}

#[tokio::test]
async fn validation_errors_carry_localized_fields() {
    use guichet_server::error::Localized;
    async fn invalid() -> Result<(), AppError> {
        let mut fields = std::collections::BTreeMap::new();
        fields.insert(
            "phone".to_string(),
            Localized::new("手机号码格式不正确。", "The phone number is not valid."),
        );
        Err(AppError::Validation { fields })
    }
    let app = app().await;
    let router = build_router_with(
        app.state.clone(),
        Router::new().route("/invalid", post(invalid)),
    );
    let request = Request::post("/api/invalid")
        .header("accept-language", "en")
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let json = reply.json();
    assert_eq!(json["error"]["code"], "validation");
    assert_eq!(
        json["error"]["fields"]["phone"],
        "The phone number is not valid."
    );
    let request = Request::post("/api/invalid").body(Body::empty()).unwrap();
    assert_eq!(
        send(&router, request).await.json()["error"]["fields"]["phone"],
        "手机号码格式不正确。"
    );
}

#[tokio::test]
async fn a_panicking_handler_gives_a_500_envelope_without_details() {
    async fn boom() -> &'static str {
        panic!("secret detail")
    }
    let app = app().await;
    let router = build_router_with(
        app.state.clone(),
        Router::new().route("/boom", axum::routing::get(boom)),
    );
    let reply = get(&router, "/api/boom", &[("accept-language", "en")]).await;
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    let json = reply.json();
    assert_eq!(json["error"]["code"], "internal");
    assert_eq!(
        json["error"]["message"],
        "Something went wrong on our side. Please try again later."
    );
    assert!(!String::from_utf8_lossy(&reply.body).contains("secret"));
    assert_eq!(reply.header(header::CACHE_CONTROL), "no-store");
}

// ---------------------------------------------------------------- database

#[tokio::test]
async fn migrations_ran_and_pragmas_are_set() {
    let app = app().await;
    let created: String =
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'schema_created_at'")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
    assert!(created.starts_with("20"), "{created}");
    if guichet_server::db::dialect(&app.state.db) == guichet_server::db::Dialect::Postgres {
        // PostgreSQL's settings are the database's own (DEPLOYMENT.md); what matters here is
        // that the PostgreSQL migrations are the ones that ran.
        let migrations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
            .fetch_one(&app.state.db)
            .await
            .unwrap();
        assert_eq!(
            migrations,
            guichet_server::db::MIGRATOR_POSTGRES.iter().count() as i64
        );
        return;
    }
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(journal, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(fk, 1);
    let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&app.state.db)
        .await
        .unwrap();
    assert_eq!(sync, 2, "FULL");
}

#[tokio::test]
async fn prepare_is_repeatable_and_demo_seed_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let dist = write_dist(dir.path(), &index_with_script());
    let mut config = config(dir.path(), dist);
    config.demo = true;
    for _ in 0..2 {
        let state = prepare(&config).await.unwrap();
        let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM meta")
            .fetch_one(&state.db)
            .await
            .unwrap();
        // schema_created_at, the catalog search text's version (a new database is current),
        // and the demo mark (added once).
        assert_eq!(rows, 3);
        state.db.close().await;
    }
}

#[tokio::test]
async fn startup_fails_clearly_without_index_html() {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("sw.js"), "x").unwrap();
    let err = prepare(&config(dir.path(), dist)).await.unwrap_err();
    assert!(
        matches!(err, StartupError::Dist(DistError::MissingIndex(_))),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("index.html") && message.contains("trunk build"),
        "{message}"
    );
    // The app is checked before the database is touched.
    assert!(!dir.path().join("data").exists());

    let missing = dir.path().join("no-such-dist");
    let err = prepare(&config(dir.path(), missing)).await.unwrap_err();
    assert!(
        matches!(err, StartupError::Dist(DistError::MissingDir(_))),
        "{err:?}"
    );
    assert!(err.to_string().contains("build the app first"));
}

#[tokio::test]
async fn other_engines_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let dist = write_dist(dir.path(), &index_with_script());
    let mut config = config(dir.path(), dist);
    config.database = DatabaseTarget::Url("mysql://localhost/guichet".into());
    let err = prepare(&config).await.unwrap_err();
    assert!(err.to_string().contains("postgres://"), "{err}");
}

// ---------------------------------------------------------------- static files

#[tokio::test]
async fn content_types() {
    let app = app().await;
    let cases = [
        ("/", "text/html"),
        ("/index.html", "text/html"),
        (&format!("/{JS}") as &str, "text/javascript"),
        (&format!("/{WASM}"), "application/wasm"),
        ("/style-0123456789abcdef.css", "text/css"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/sw.js", "text/javascript"),
        ("/icons/icon-192.png", "image/png"),
    ];
    for (path, expected) in cases {
        let reply = get(&app.router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            reply.header(header::CONTENT_TYPE).starts_with(expected),
            "{path}: {}",
            reply.header(header::CONTENT_TYPE)
        );
    }
}

#[tokio::test]
async fn cache_headers_hashed_vs_not() {
    let app = app().await;
    let immutable = "public, max-age=31536000, immutable";
    for path in [
        format!("/{JS}"),
        format!("/{WASM}"),
        "/style-0123456789abcdef.css".into(),
    ] {
        assert_eq!(
            get(&app.router, &path, &[])
                .await
                .header(header::CACHE_CONTROL),
            immutable,
            "{path}"
        );
    }
    for path in [
        "/",
        "/index.html",
        "/sw.js",
        "/manifest.webmanifest",
        "/icons/icon-192.png",
        "/settings",
    ] {
        assert_eq!(
            get(&app.router, path, &[])
                .await
                .header(header::CACHE_CONTROL),
            "no-cache",
            "{path}"
        );
    }
}

#[tokio::test]
async fn precompressed_siblings_follow_accept_encoding() {
    let app = app().await;
    let path = format!("/{JS}");
    let cases: [(&str, Option<&str>, &[u8]); 6] = [
        ("gzip, deflate, br, zstd", Some("br"), b"BROTLI-BYTES"),
        ("gzip", Some("gzip"), b"GZIP-BYTES"),
        ("br;q=0, gzip;q=0.5", Some("gzip"), b"GZIP-BYTES"),
        ("identity", None, b"export default function init() {}"),
        ("", None, b"export default function init() {}"),
        ("*", Some("br"), b"BROTLI-BYTES"),
    ];
    for (accept, encoding, body) in cases {
        let reply = get(&app.router, &path, &[("accept-encoding", accept)]).await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert_eq!(
            reply
                .headers
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap()),
            encoding,
            "{accept}"
        );
        assert_eq!(&reply.body[..], body, "{accept}");
        assert_eq!(reply.header(header::VARY), "Accept-Encoding");
        assert!(
            reply
                .header(header::CONTENT_TYPE)
                .starts_with("text/javascript")
        );
    }
    // The sibling files are variants, not separately listed files with their own type.
    let reply = get(&app.router, &format!("{path}.br"), &[]).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn etag_and_if_none_match() {
    let app = app().await;
    let path = format!("/{JS}");
    let first = get(&app.router, &path, &[]).await;
    let etag = first.header(header::ETAG).to_string();
    assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");

    let again = get(&app.router, &path, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.header(header::ETAG), etag);
    assert_eq!(
        again.header(header::CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );

    // Each encoding is its own representation with its own tag.
    let br = get(
        &app.router,
        &path,
        &[("accept-encoding", "br"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(br.status, StatusCode::OK);
    assert_ne!(br.header(header::ETAG), etag);

    let weak = format!("\"nope\", W/{etag}");
    assert_eq!(
        get(&app.router, &path, &[("if-none-match", &weak)])
            .await
            .status,
        StatusCode::NOT_MODIFIED
    );
    let other = get(
        &app.router,
        &path,
        &[("if-none-match", "\"something-else\"")],
    )
    .await;
    assert_eq!(other.status, StatusCode::OK);

    // index.html too (no-cache means "revalidate", which the ETag makes cheap).
    let index = get(&app.router, "/", &[]).await;
    let tag = index.header(header::ETAG).to_string();
    assert_eq!(
        get(&app.router, "/settings", &[("if-none-match", &tag)])
            .await
            .status,
        StatusCode::NOT_MODIFIED
    );
}

#[tokio::test]
async fn spa_fallback_only_for_extensionless_paths_outside_the_api() {
    let app = app().await;
    let index = index_with_script();
    for path in ["/settings", "/guide/abc", "/track/AB-123"] {
        let reply = get(&app.router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(&reply.body[..], index.as_bytes(), "{path}");
        assert!(reply.header(header::CONTENT_TYPE).starts_with("text/html"));
    }
    for path in ["/missing.js", "/guide/missing.png", "/%2e%2e/Cargo.toml"] {
        let reply = get(&app.router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
    }
    let api = get(&app.router, "/api/nope", &[]).await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "not_found");
}

#[tokio::test]
async fn files_outside_dist_are_unreachable() {
    let app = app().await;
    // A file next to the dist (the database lives in the same temp dir).
    for path in [
        "/../data/guichet.db",
        "/..%2fdata%2fguichet.db",
        "/%2e%2e%2fdata%2fguichet.db",
        "//etc/passwd",
    ] {
        let reply = get(&app.router, path, &[]).await;
        assert!(!reply.body.starts_with(b"SQLite"), "{path}");
        assert_ne!(
            reply.header(header::CONTENT_TYPE),
            "application/octet-stream",
            "{path}"
        );
    }
}

#[tokio::test]
async fn head_and_other_methods() {
    let app = app().await;
    let request = Request::head("/sw.js").body(Body::empty()).unwrap();
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.is_empty());
    assert!(
        reply
            .header(header::CONTENT_TYPE)
            .starts_with("text/javascript")
    );

    let request = Request::builder()
        .method(Method::POST)
        .uri("/sw.js")
        .body(Body::empty())
        .unwrap();
    let reply = send(&app.router, request).await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);
}

// ---------------------------------------------------------------- security headers

fn sha256_source(body: &str) -> String {
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes()))
    )
}

#[tokio::test]
async fn csp_allows_the_inline_loader_by_hash_and_nothing_inline_else() {
    let app = app().await;
    for path in [
        "/",
        "/settings",
        "/api/health",
        "/api/nope",
        "/missing.js",
        &format!("/{WASM}"),
    ] {
        let reply = get(&app.router, path, &[]).await;
        let csp = reply.header(header::CONTENT_SECURITY_POLICY);
        assert!(csp.contains(&sha256_source(INLINE_SCRIPT)), "{path}: {csp}");
        assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
        assert!(csp.contains("object-src 'none'"), "{csp}");
        assert!(csp.contains("style-src 'self'"), "{csp}");
        assert_eq!(reply.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
        assert_eq!(reply.header(header::X_FRAME_OPTIONS), "SAMEORIGIN");
        assert_eq!(reply.header(header::REFERRER_POLICY), "no-referrer");
        assert!(
            reply
                .header("permissions-policy".parse().unwrap())
                .contains("camera=(self)")
        );
    }
}

#[tokio::test]
async fn csp_has_no_hash_when_index_has_no_inline_script() {
    let app = app_with_index("<!DOCTYPE html><html><head><script type=\"module\" src=\"/boot.js\"></script></head></html>").await;
    let reply = get(&app.router, "/", &[]).await;
    let csp = reply.header(header::CONTENT_SECURITY_POLICY);
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{csp}"
    );
    assert!(!csp.contains("sha256"), "{csp}");
}

#[tokio::test]
async fn a_second_app_under_staff_gets_its_own_fallback_and_its_loader_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let dist = write_dist(dir.path(), &index_with_script());
    let staff_script = "import init from '/staff/guichet-staff-0123456789abcdef.js'; await init();";
    std::fs::create_dir_all(dist.join("staff")).unwrap();
    std::fs::write(
        dist.join("staff/index.html"),
        format!("<!DOCTYPE html><html><head><script type=\"module\">{staff_script}</script></head><body>STAFF</body></html>"),
    )
    .unwrap();
    let state = prepare(&config(dir.path(), dist)).await.unwrap();
    let router = build_router(state);

    for path in [
        "/staff",
        "/staff/",
        "/staff/queue",
        "/staff/cases/20261127-JT-000001",
    ] {
        let reply = get(&router, path, &[]).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(
            String::from_utf8_lossy(&reply.body).contains("STAFF"),
            "{path}"
        );
        assert_eq!(reply.header(header::CACHE_CONTROL), "no-cache", "{path}");
    }
    // Outside the staff folder, the citizen app answers.
    let citizen = get(&router, "/staffing-news", &[]).await;
    assert!(!String::from_utf8_lossy(&citizen.body).contains("STAFF"));
    let csp = citizen.header(header::CONTENT_SECURITY_POLICY).to_string();
    assert!(csp.contains(&sha256_source(INLINE_SCRIPT)), "{csp}");
    assert!(csp.contains(&sha256_source(staff_script)), "{csp}");
}

// ---------------------------------------------------------------- real TCP

#[tokio::test]
async fn serves_over_a_real_tcp_socket_and_shuts_down_gracefully() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let app = app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(guichet_server::serve(listener, app.router.clone(), async {
        let _ = stopped.await;
    }));

    for (path, expect) in [
        ("/api/health", "\"status\":\"ok\""),
        ("/settings", "<script type=\"module\">"),
    ] {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        assert!(response.starts_with("HTTP/1.1 200 OK\r\n"), "{response}");
        assert!(
            response
                .to_ascii_lowercase()
                .contains("content-security-policy:"),
            "{response}"
        );
        assert!(response.contains(expect), "{response}");
    }

    stop.send(()).unwrap();
    tokio::time::timeout(std::time::Duration::from_secs(10), server)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}
