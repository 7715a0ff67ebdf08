//! Staff sessions and transport trust: the sessions' absolute lifetime, accounts with an
//! unknown role, the `__Host-`/`Secure` cookie and `--insecure-cookie`, `X-Forwarded-Proto`
//! believed from trusted proxies only, and HSTS over TLS.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{Duration, Utc};
use common::*;
use guichet_server::client_addr::TrustedProxies;
use guichet_server::staff_store::{self, SESSION_MAX_HOURS, StaffRole};
use serde_json::json;

#[tokio::test]
async fn a_busy_session_still_ends_twelve_hours_after_sign_in() {
    let t = app().await;
    let jt = staff(&t.state, JT.0, JT.1).await;
    let signed_in = Utc::now();
    let session = staff_store::open_session(&t.state.db, jt.id, signed_in)
        .await
        .unwrap();
    // Used every few hours: each use slides the idle expiry...
    for hours in [3, 6, 9, 11] {
        let at = signed_in + Duration::hours(hours);
        assert!(
            staff_store::session(&t.state.db, &session.token, at)
                .await
                .unwrap()
                .is_some(),
            "{hours} h after sign-in"
        );
    }
    // ...but never past the absolute end.
    let after = signed_in + Duration::hours(SESSION_MAX_HOURS) + Duration::minutes(1);
    assert!(
        staff_store::session(&t.state.db, &session.token, after)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_session_signed_in_thirteen_hours_ago_is_refused_whatever_its_expiry() {
    let t = app().await;
    let jt = login(&t.router, JT.0, JT.1).await;
    assert_eq!(
        staff_get(&t.router, &jt, "/api/staff/me").await.status,
        StatusCode::OK
    );
    // A row an older server kept sliding: signed in long ago, expiry still ahead.
    let long_ago =
        (Utc::now() - Duration::hours(13)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    sqlx::query("UPDATE staff_sessions SET created_at = $1")
        .bind(long_ago)
        .execute(&t.state.db)
        .await
        .unwrap();
    let reply = staff_get(&t.router, &jt, "/api/staff/me").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_unknown_role_is_refused_never_taken_for_an_administrator() {
    for (role, department, agency) in [
        ("superuser", None, None),
        ("center_admin", Some("JT"), None),
        ("department", None, None),
        ("disclosure", None, None),
        ("", None, None),
    ] {
        let decoded = staff_store::decode_role(
            7,
            role,
            department.map(str::to_owned),
            agency.map(str::to_owned),
        );
        assert!(decoded.is_err(), "{role:?} {department:?}: {decoded:?}");
    }
    assert_eq!(
        staff_store::decode_role(7, "center_admin", None, None),
        Ok(StaffRole::CenterAdmin)
    );

    let t = app().await;
    let session = login(&t.router, JT.0, JT.1).await;
    // A role this server does not know, written past the table's CHECK (a newer version's
    // role, a hand-edited row).
    let mut conn = t.state.db.acquire().await.unwrap();
    let postgres =
        guichet_server::db::dialect(&t.state.db) == guichet_server::db::Dialect::Postgres;
    let (before, after) = if postgres {
        // PostgreSQL cannot skip a CHECK: this test database drops them.
        (
            "DO $$ DECLARE c record; BEGIN FOR c IN SELECT conname FROM pg_constraint \
             WHERE conrelid = 'staff_accounts'::regclass AND contype = 'c' LOOP \
             EXECUTE format('ALTER TABLE staff_accounts DROP CONSTRAINT %I', c.conname); \
             END LOOP; END $$",
            "SELECT 1",
        )
    } else {
        (
            "PRAGMA ignore_check_constraints = ON",
            "PRAGMA ignore_check_constraints = OFF",
        )
    };
    sqlx::query(before).execute(&mut *conn).await.unwrap();
    sqlx::query("UPDATE staff_accounts SET role = 'superuser' WHERE username = $1")
        .bind(JT.0)
        .execute(&mut *conn)
        .await
        .unwrap();
    sqlx::query(after).execute(&mut *conn).await.unwrap();
    drop(conn);

    // Its session is no session, on every route, administrators' included.
    for path in ["/api/staff/me", "/api/staff/queue", "/api/staff/accounts"] {
        let reply = staff_get(&t.router, &session, path).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(reply.code(), "unauthorized", "{path}");
    }
    // And it cannot sign in.
    let reply = post(
        &t.router,
        "/api/staff/login",
        json!({"username": JT.0, "password": JT.1}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.code(), "login_failed");
}

fn login_request(extra: &[(&'static str, &str)]) -> Request<Body> {
    let mut request = post_from(
        "/api/staff/login",
        &json!({"username": JT.0, "password": JT.1}),
        "10.0.0.1",
    );
    for (name, value) in extra {
        request.headers_mut().insert(*name, value.parse().unwrap());
    }
    request
}

#[tokio::test]
async fn insecure_cookie_mode_is_plain_unless_a_trusted_proxy_says_https() {
    let t = app().await;
    let plain = guichet_server::build_router(t.state.clone().with_secure_cookies(false));
    let reply = send(&plain, login_request(&[])).await;
    assert_eq!(reply.status, StatusCode::OK);
    let cookie = reply.header(header::SET_COOKIE).to_owned();
    assert!(cookie.starts_with("guichet_staff="), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    // The plain name is this server's session.
    let session = Session {
        cookie: cookie.split(';').next().unwrap().to_owned(),
        csrf: reply.json()["csrf_token"].as_str().unwrap().to_owned(),
    };
    assert_eq!(
        staff_get(&plain, &session, "/api/staff/me").await.status,
        StatusCode::OK
    );

    // Anyone may write X-Forwarded-Proto: from a peer that is no trusted proxy it is ignored.
    let https = [("x-forwarded-proto", "https")];
    let forged = send(&plain, login_request(&https)).await;
    assert!(!forged.header(header::SET_COOKIE).contains("Secure"));
    // From the trusted proxy, the request came over TLS: Secure.
    let behind_proxy = guichet_server::build_router(
        t.state
            .clone()
            .with_secure_cookies(false)
            .with_trusted_proxies(TrustedProxies::new(vec!["10.0.0.0/8".parse().unwrap()])),
    );
    let tls = send(&behind_proxy, login_request(&https)).await;
    assert!(
        tls.header(header::SET_COOKIE).contains("; Secure"),
        "{}",
        tls.header(header::SET_COOKIE)
    );
}

#[tokio::test]
async fn hsts_only_when_a_trusted_proxy_received_the_request_over_https() {
    let t = app().await;
    let get_health = |extra: &[(&'static str, &str)]| {
        let mut request = Request::get("/api/health").body(Body::empty()).unwrap();
        let addr: std::net::SocketAddr = "10.0.0.1:40000".parse().unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(addr));
        for (name, value) in extra {
            request.headers_mut().insert(*name, value.parse().unwrap());
        }
        request
    };
    let https = [("x-forwarded-proto", "https")];
    // No trusted proxy: the header is anyone's word.
    let direct = send(&t.router, get_health(&https)).await;
    assert_eq!(direct.status, StatusCode::OK);
    assert!(
        !direct
            .headers
            .contains_key(header::STRICT_TRANSPORT_SECURITY)
    );

    let behind_proxy = guichet_server::build_router(
        t.state
            .clone()
            .with_trusted_proxies(TrustedProxies::new(vec!["10.0.0.1".parse().unwrap()])),
    );
    let tls = send(&behind_proxy, get_health(&https)).await;
    assert_eq!(
        tls.header(header::STRICT_TRANSPORT_SECURITY),
        "max-age=31536000"
    );
    // Plain HTTP through the proxy: none (browsers ignore it there anyway).
    let http = send(&behind_proxy, get_health(&[("x-forwarded-proto", "http")])).await;
    assert!(!http.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
    let none = send(&behind_proxy, get_health(&[])).await;
    assert!(!none.headers.contains_key(header::STRICT_TRANSPORT_SECURITY));
}
