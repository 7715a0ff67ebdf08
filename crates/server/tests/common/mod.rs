//! Helpers shared by the server's integration tests: a fresh server on a real SQLite file per
//! test (with the demo data where the test needs the demo staff accounts or catalogue), test
//! items, and request helpers.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::Path;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::{DateTime, NaiveDateTime, Utc};
use guichet_core::case::CaseType;
use guichet_core::form::{FormDefinition, submission_hash};
use guichet_core::service::{DepartmentRef, Fee, ServiceItem};
use guichet_server::config::{Config, DatabaseTarget};
use guichet_server::staff_store::{self, LoginOutcome, Staff};
use guichet_server::submissions_store::{self, NewCase, Outcome};
use guichet_server::{AppState, build_router, prepare, services_store};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tempfile::TempDir;
use tower::ServiceExt;

pub struct TestApp {
    pub dir: TempDir,
    pub state: AppState,
    pub router: Router,
}

/// The configuration of a test server in `root`: its data folder, and a built-app folder with
/// one empty `index.html`.
pub fn test_config(root: &Path, demo: bool) -> Config {
    let dist = root.join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><html><head></head><body></body></html>",
    )
    .unwrap();
    Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: root.join("data"),
        database: test_database(root),
        dist,
        demo,
        test_clock: false,
        upload_limits: Default::default(),
        http: guichet_server::config::HttpLimits::default(),
        file_store: test_file_store(),
    }
}

/// The file store of test servers: the local folder, or the database when
/// `GUICHET_TEST_FILE_STORE=database` (`scripts/test.sh` runs the suite both ways).
pub fn test_file_store() -> guichet_server::file_store::FileStoreKind {
    match std::env::var("GUICHET_TEST_FILE_STORE").as_deref() {
        Ok("database") => guichet_server::file_store::FileStoreKind::Database,
        _ => guichet_server::file_store::FileStoreKind::Local,
    }
}

/// The database of a test server in `root`: a SQLite file in its data folder or, when
/// `GUICHET_TEST_POSTGRES` holds a PostgreSQL server's URL (`scripts/test.sh` starts one), a
/// database of its own on that server, named after `root` so that a test which opens the
/// same folder again (a restart) finds the same data.
pub fn test_database(root: &Path) -> DatabaseTarget {
    let Ok(server) = std::env::var("GUICHET_TEST_POSTGRES") else {
        return DatabaseTarget::SqliteFile(root.join("data").join("guichet.db"));
    };
    let name: String = root
        .file_name()
        .unwrap()
        .to_string_lossy()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let name = format!("guichet_test_{name}");
    let output = std::process::Command::new("psql")
        .arg(&server)
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c"])
        .arg(format!("CREATE DATABASE {name}"))
        .output()
        .expect("psql runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() || stderr.contains("already exists"),
        "creating the test database: {stderr}"
    );
    let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
    DatabaseTarget::Url(format!("{base}/{name}"))
}

/// The command-line arguments that point `guichet-server` at the database of a test in `root`.
pub fn database_args(root: &Path) -> Vec<String> {
    match test_database(root) {
        DatabaseTarget::SqliteFile(_) => {
            vec!["--data-dir".into(), root.join("data").display().to_string()]
        }
        DatabaseTarget::Url(url) => vec![
            "--data-dir".into(),
            root.join("data").display().to_string(),
            "--database-url".into(),
            url,
        ],
    }
}

/// A fresh server with nothing published but, if `demo`, the demo data.
pub async fn bare_app(demo: bool) -> TestApp {
    // The server's own log lines (a 500's cause) appear under the failing test's output.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("RUST_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .try_init();
    let dir = tempfile::tempdir().unwrap();
    let state = prepare(&test_config(dir.path(), demo)).await.unwrap();
    let router = build_router(state.clone());
    TestApp { dir, state, router }
}

/// A demo server with the test items JT-TEST, JT-JOINT and JT-STRICT.
pub async fn app() -> TestApp {
    let TestApp { dir, state, .. } = bare_app(true).await;
    publish_item(&state, "JT-TEST", CaseType::Promised, &[]).await;
    publish_item(&state, "JT-JOINT", CaseType::Joint, &["GA"]).await;
    publish_item(&state, "JT-STRICT", CaseType::Joint, &["GA"]).await;
    // JT-STRICT: no 超时默认, so a late part stays pending (and overdue).
    guichet_server::cases_store::set_joint_default_consent(&state.db, "JT-STRICT", false)
        .await
        .unwrap();
    let router = build_router(state.clone());
    TestApp { dir, state, router }
}

/// An item of JT with 5 working days (10 legal) and a one-field form.
pub async fn publish_item(state: &AppState, code: &str, case_type: CaseType, joint: &[&str]) {
    let item = ServiceItem {
        code: code.into(),
        name: format!("测试事项 {code}"),
        department: DepartmentRef {
            code: "JT".into(),
            name: "县交通运输局".into(),
        },
        case_type,
        legal_basis: vec!["《测试条例》".into()],
        steps: vec!["申请".into()],
        conditions: vec!["无".into()],
        materials: vec![],
        promised_days: 5,
        legal_days: 10,
        fee: Fee::Free,
        result: "批复".into(),
        place: "窗口".into(),
        hours: "工作日".into(),
        telephone: "0371-62301003".into(),
        joint_departments: joint
            .iter()
            .map(|d| DepartmentRef {
                code: (*d).into(),
                name: (*d).into(),
            })
            .collect(),
        en: None,
        tags: Default::default(),
    };
    services_store::publish_item(&state.db, &item, 99)
        .await
        .unwrap();
    let form: FormDefinition = serde_json::from_value(json!({
        "item_code": code, "version": 1,
        "sections": [{"id": "main", "title": {"zh": "申请信息"}, "fields": [
            {"id": "name", "label": {"zh": "姓名", "en": "Name"}, "kind": "text", "required": true}
        ]}]
    }))
    .unwrap();
    services_store::publish_form(&state.db, &form)
        .await
        .unwrap();
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn header(&self, name: header::HeaderName) -> &str {
        self.headers
            .get(&name)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.unwrap().to_bytes(),
    }
}

/// A JSON POST from client IP `ip`.
pub fn post_from(path: &str, body: &Value, ip: &str) -> Request<Body> {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    let addr: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

pub async fn post(router: &Router, path: &str, body: Value) -> Reply {
    send(router, post_from(path, &body, "10.0.0.1")).await
}

/// Submits `name` to `item` through `POST /api/submissions`: (case number, query code).
pub async fn submit(router: &Router, item: &str, client_id: &str) -> (String, String) {
    let answers = json!({"name": "张三"});
    let hash = submission_hash(item, 1, &answers);
    let reply = post(
        router,
        "/api/submissions",
        json!({"client_id": client_id, "item_code": item, "form_version": 1,
               "answers": answers, "content_hash": hash}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.json());
    let body = reply.json();
    (
        body["case_no"].as_str().unwrap().to_owned(),
        body["query_code"].as_str().unwrap().to_owned(),
    )
}

/// Creates a case at `now` through the store (for cases dated in the past).
pub async fn submit_at(
    state: &AppState,
    item: &str,
    case_type: CaseType,
    client_id: &str,
    now: DateTime<Utc>,
) -> (String, String) {
    let answers = json!({"name": "李四"});
    let hash = submission_hash(item, 1, &answers);
    let new = NewCase {
        client_id,
        item_code: item,
        department_code: "JT",
        case_type,
        form_version: 1,
        answers: answers.as_object().unwrap(),
        content_hash: &hash,
        submitted_at: None,
        disclosure: None,
    };
    match submissions_store::create_case(&state.db, &new, now)
        .await
        .unwrap()
    {
        Outcome::Created(receipt) => (receipt.case_no, receipt.query_code.unwrap()),
        other => panic!("{other:?}"),
    }
}

/// Files `item` as JT's case at `filed_at` (China time) and has a JT clerk move it through
/// `steps` (action, time in China), through the store: for cases dated in the past or future.
pub async fn file_and_move_at(
    t: &TestApp,
    item: &str,
    case_type: CaseType,
    client_id: &str,
    filed_at: &str,
    steps: Vec<(guichet_server::cases_store::StaffAction, &str)>,
) -> (String, String) {
    let jt = staff(&t.state, JT.0, JT.1).await;
    let (case_no, code) = submit_at(&t.state, item, case_type, client_id, china(filed_at)).await;
    for (action, at) in steps {
        guichet_server::cases_store::apply_action(
            &t.state.db,
            &t.state.calendar.current().calendar,
            &case_no,
            &jt,
            &action,
            None,
            china(at),
        )
        .await
        .unwrap();
    }
    (case_no, code)
}

/// China local time `"2026-03-02 09:00"` as UTC.
pub fn china(local: &str) -> DateTime<Utc> {
    let naive = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    naive.and_utc() - chrono::Duration::hours(8)
}

/// The demo account's `Staff`.
pub async fn staff(state: &AppState, username: &str, password: &str) -> Staff {
    match staff_store::login(&state.db, username, password, Utc::now())
        .await
        .unwrap()
    {
        LoginOutcome::Success(staff) => staff,
        LoginOutcome::Refused => panic!("demo login {username} refused"),
    }
}

pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

pub async fn login(router: &Router, username: &str, password: &str) -> Session {
    let reply = post(
        router,
        "/api/staff/login",
        json!({"username": username, "password": password}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    let set_cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    Session {
        cookie,
        csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned(),
    }
}

pub async fn staff_get(router: &Router, session: &Session, path: &str) -> Reply {
    let request = Request::get(path)
        .header(header::COOKIE, &session.cookie)
        .body(Body::empty())
        .unwrap();
    send(router, request).await
}

pub async fn staff_post(router: &Router, session: &Session, path: &str, body: Value) -> Reply {
    let mut request = post_from(path, &body, "10.0.0.9");
    request
        .headers_mut()
        .insert(header::COOKIE, session.cookie.parse().unwrap());
    request
        .headers_mut()
        .insert("x-csrf-token", session.csrf.parse().unwrap());
    send(router, request).await
}

/// A staff action expecting success; returns the case detail.
pub async fn act(
    router: &Router,
    session: &Session,
    case_no: &str,
    expected: &str,
    action: Value,
) -> Value {
    let mut body = action;
    body["expected_state"] = json!(expected);
    let reply = staff_post(
        router,
        session,
        &format!("/api/staff/cases/{case_no}/actions"),
        body,
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.json());
    reply.json()
}

pub async fn lookup(router: &Router, case_no: &str, code: &str) -> Reply {
    post(
        router,
        "/api/cases/lookup",
        json!({"case_no": case_no, "query_code": code}),
    )
    .await
}

pub const JT: (&str, &str) = ("jt", "demo-jt-2026");
pub const GA: (&str, &str) = ("ga", "demo-ga-2026");
pub const SC: (&str, &str) = ("sc", "demo-sc-2026");
pub const ADMIN: (&str, &str) = ("zhongxin", "demo-admin-2026");
