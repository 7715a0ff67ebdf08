//! Security events are logged as structured lines on `guichet::security` (forbidden, CSRF
//! refused, rate limited, request timeout), with method, path, client IP and, when known, the
//! staff id — and without passwords or tokens. The lines are captured with a subscriber of the
//! test's own.

mod common;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::json;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn lines(&self) -> Vec<String> {
        String::from_utf8_lossy(&self.0.lock().unwrap())
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn event_lines(&self, event: &str) -> Vec<String> {
        let needle = format!("event=\"{event}\"");
        self.lines()
            .into_iter()
            .filter(|line| line.contains("guichet::security") && line.contains(&needle))
            .collect()
    }
}

#[tokio::test]
async fn refusals_are_logged_as_security_events() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    // The test runtime is single-threaded: every request below runs on this thread.
    let _guard = tracing::subscriber::set_default(subscriber);

    let t = app().await;
    let jt_id = staff(&t.state, JT.0, JT.1).await.id;
    let jt = login(&t.router, JT.0, JT.1).await;

    // 403: a department account on the administrators' accounts list.
    let mut request = Request::get("/api/staff/accounts?secret=1")
        .header(header::COOKIE, &jt.cookie)
        .body(Body::empty())
        .unwrap();
    let peer: SocketAddr = "10.0.0.9:40000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    assert_eq!(send(&t.router, request).await.status, StatusCode::FORBIDDEN);
    let forbidden = captured.event_lines("forbidden");
    assert_eq!(forbidden.len(), 1, "{:#?}", captured.lines());
    for field in [
        "method=GET",
        "path=/api/staff/accounts",
        "client_ip=10.0.0.9",
        &format!("staff_id={jt_id}"),
        "WARN",
    ] {
        assert!(forbidden[0].contains(field), "{field}: {}", forbidden[0]);
    }
    assert!(!forbidden[0].contains("secret"), "{}", forbidden[0]);

    // 403 csrf: a state-changing request without the token.
    let mut request = post_from("/api/staff/logout", &json!({}), "10.0.0.8");
    request
        .headers_mut()
        .insert(header::COOKIE, jt.cookie.parse().unwrap());
    assert_eq!(send(&t.router, request).await.status, StatusCode::FORBIDDEN);
    let csrf = captured.event_lines("csrf_refused");
    assert_eq!(csrf.len(), 1, "{:#?}", captured.lines());
    assert!(csrf[0].contains("method=POST"), "{}", csrf[0]);
    assert!(csrf[0].contains("client_ip=10.0.0.8"), "{}", csrf[0]);
    assert!(
        csrf[0].contains(&format!("staff_id={jt_id}")),
        "{}",
        csrf[0]
    );

    // 429: one IP guessing passwords.
    let mut last = StatusCode::OK;
    for _ in 0..25 {
        let reply = send(
            &t.router,
            post_from(
                "/api/staff/login",
                &json!({"username": "jt", "password": "guess-Pa55word"}),
                "10.0.0.7",
            ),
        )
        .await;
        last = reply.status;
        if last == StatusCode::TOO_MANY_REQUESTS {
            break;
        }
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
    let limited = captured.event_lines("rate_limited");
    assert_eq!(limited.len(), 1, "{:#?}", captured.lines());
    assert!(limited[0].contains("client_ip=10.0.0.7"), "{}", limited[0]);
    assert!(
        limited[0].contains("path=/api/staff/login"),
        "{}",
        limited[0]
    );

    // Nothing secret in any line.
    let all = captured.lines().join("\n");
    assert!(!all.contains("guess-Pa55word"));
    assert!(!all.contains(JT.1));
    assert!(!all.contains(jt.cookie.split('=').nth(1).unwrap()));
    assert!(!all.contains(&jt.csrf));
}
