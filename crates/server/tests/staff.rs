//! Integration tests of the staff desk's security: sessions, CSRF, lockout, department
//! isolation, and the `create-admin` command. Real SQLite per test.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use serde_json::json;

#[tokio::test]
async fn no_staff_api_without_a_session() {
    let t = app().await;
    for path in [
        "/api/staff/me",
        "/api/staff/queue",
        "/api/staff/overdue",
        "/api/staff/followups",
        "/api/staff/cases/20260101-JT-000001",
    ] {
        let reply = send(&t.router, Request::get(path).body(Body::empty()).unwrap()).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{path}");
        assert_eq!(reply.code(), "unauthorized");
    }
    let reply = post(
        &t.router,
        "/api/staff/cases/20260101-JT-000001/actions",
        json!({"action": "accept", "expected_state": "pre_review_passed"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // A made-up cookie is no session either.
    let forged = send(
        &t.router,
        Request::get("/api/staff/me")
            .header(
                header::COOKIE,
                "guichet_staff=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            )
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_and_me_returns_the_csrf_token() {
    let t = app().await;
    let reply = post(
        &t.router,
        "/api/staff/login",
        json!({"username": "jt", "password": "demo-jt-2026"}),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let cookie = reply.headers[header::SET_COOKIE].to_str().unwrap();
    // `__Host-` and `Secure` by default, even on plain HTTP (browsers accept them from
    // localhost and 127.0.0.1, which is where a plain-HTTP demo runs).
    assert!(cookie.starts_with("__Host-guichet_staff="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "; Secure"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let body = reply.json();
    assert_eq!(body["staff"]["username"], "jt");
    assert_eq!(body["staff"]["role"], "department");
    assert_eq!(body["staff"]["department_code"], "JT");
    // Nothing of the password leaves the server (only whether it must be changed).
    assert!(!body.to_string().contains("password_hash"));
    assert!(!body.to_string().contains("$argon2"));
    assert_eq!(body["staff"]["must_change_password"], false);

    let session = Session {
        cookie: cookie.split(';').next().unwrap().to_owned(),
        csrf: body["csrf_token"].as_str().unwrap().to_owned(),
    };
    let me = staff_get(&t.router, &session, "/api/staff/me").await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["csrf_token"], session.csrf.as_str());
    // The same token under the plain name is no session on a `__Host-` server.
    let plain = Session {
        cookie: session.cookie.replacen("__Host-", "", 1),
        csrf: session.csrf.clone(),
    };
    assert_eq!(
        staff_get(&t.router, &plain, "/api/staff/me").await.status,
        StatusCode::UNAUTHORIZED
    );

    // Logout ends the session.
    let out = staff_post(&t.router, &session, "/api/staff/logout", json!({})).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        staff_get(&t.router, &session, "/api/staff/me").await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn state_changing_requests_need_the_csrf_token_and_the_same_origin() {
    let t = app().await;
    let (case_no, _) = submit(&t.router, "JT-TEST", "client-csrf-0001").await;
    let jt = login(&t.router, JT.0, JT.1).await;
    let path = format!("/api/staff/cases/{case_no}/actions");
    let body = json!({"action": "pass_prereview", "expected_state": "submitted"});
    let request = |csrf: Option<&str>, extra: &[(&'static str, &str)]| {
        let mut request = post_from(&path, &body, "10.0.0.9");
        let headers = request.headers_mut();
        headers.insert(header::COOKIE, jt.cookie.parse().unwrap());
        headers.insert(header::HOST, "guichet.example.gov.cn".parse().unwrap());
        if let Some(csrf) = csrf {
            headers.insert("x-csrf-token", csrf.parse().unwrap());
        }
        for (name, value) in extra {
            headers.insert(*name, value.parse().unwrap());
        }
        request
    };
    let missing = send(&t.router, request(None, &[])).await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);
    assert_eq!(missing.code(), "csrf");
    let wrong = send(&t.router, request(Some("not-the-token"), &[])).await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    let cross_origin = send(
        &t.router,
        request(Some(&jt.csrf), &[("origin", "https://evil.example")]),
    )
    .await;
    assert_eq!(cross_origin.status, StatusCode::FORBIDDEN);
    let cross_site = send(
        &t.router,
        request(Some(&jt.csrf), &[("sec-fetch-site", "cross-site")]),
    )
    .await;
    assert_eq!(cross_site.status, StatusCode::FORBIDDEN);
    // Another session's token does not fit this session.
    let other = login(&t.router, JT.0, JT.1).await;
    assert_ne!(other.csrf, jt.csrf);
    let swapped = send(&t.router, request(Some(&other.csrf), &[])).await;
    assert_eq!(swapped.status, StatusCode::FORBIDDEN);
    // Nothing moved so far.
    let detail = staff_get(&t.router, &jt, &format!("/api/staff/cases/{case_no}")).await;
    assert_eq!(detail.json()["state"], "submitted");

    let ok = send(
        &t.router,
        request(
            Some(&jt.csrf),
            &[
                ("origin", "https://guichet.example.gov.cn"),
                ("sec-fetch-site", "same-origin"),
            ],
        ),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.json());
    assert_eq!(ok.json()["state"], "pre_review_passed");

    // A cross-site login is refused too (login CSRF).
    let mut login_request = post_from(
        "/api/staff/login",
        &json!({"username": "jt", "password": "demo-jt-2026"}),
        "10.0.0.1",
    );
    login_request
        .headers_mut()
        .insert("sec-fetch-site", "cross-site".parse().unwrap());
    assert_eq!(
        send(&t.router, login_request).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn repeated_failures_lock_the_account_with_one_generic_answer() {
    let t = app().await;
    let attempt = |user: &str, password: &str, ip: &str| {
        post_from(
            "/api/staff/login",
            &json!({"username": user, "password": password}),
            ip,
        )
    };
    let unknown = send(&t.router, attempt("nobody", "whatever-123", "10.1.0.1")).await;
    let wrong = send(&t.router, attempt("jt", "wrong-password", "10.1.0.2")).await;
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        unknown.body, wrong.body,
        "unknown user and wrong password look alike"
    );
    assert_eq!(wrong.code(), "login_failed");
    // Four more wrong passwords (from different addresses: the account lock, not the IP's).
    for n in 0..4 {
        let ip = format!("10.1.1.{n}");
        let reply = send(&t.router, attempt("jt", "wrong-password", &ip)).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let locked = send(&t.router, attempt("jt", "demo-jt-2026", "10.1.2.1")).await;
    assert_eq!(
        locked.status,
        StatusCode::UNAUTHORIZED,
        "locked even with the right password"
    );
    assert_eq!(locked.body, wrong.body);
    // Other accounts are unaffected.
    let ga = send(&t.router, attempt("ga", "demo-ga-2026", "10.1.2.1")).await;
    assert_eq!(ga.status, StatusCode::OK);
}

#[tokio::test]
async fn one_ip_is_throttled_after_many_failed_logins() {
    let t = app().await;
    for n in 0..20 {
        // Different user names: no account gets locked, only the address counts.
        let reply = send(
            &t.router,
            post_from(
                "/api/staff/login",
                &json!({"username": format!("guess{n}"), "password": "x"}),
                "10.2.0.1",
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    }
    let throttled = send(
        &t.router,
        post_from(
            "/api/staff/login",
            &json!({"username": "jt", "password": "demo-jt-2026"}),
            "10.2.0.1",
        ),
    )
    .await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(throttled.headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn a_department_sees_and_acts_only_on_its_own_cases() {
    let t = app().await;
    let (jt_case, _) = submit(&t.router, "JT-TEST", "client-dept-0001").await;
    let ga = login(&t.router, GA.0, GA.1).await;
    let jt = login(&t.router, JT.0, JT.1).await;
    let admin = login(&t.router, ADMIN.0, ADMIN.1).await;

    let ga_queue = staff_get(&t.router, &ga, "/api/staff/queue").await.json();
    assert_eq!(ga_queue["total"], 0, "{ga_queue}");
    let jt_queue = staff_get(&t.router, &jt, "/api/staff/queue").await.json();
    assert_eq!(jt_queue["items"][0]["case_no"], jt_case.as_str());
    let admin_queue = staff_get(
        &t.router,
        &admin,
        "/api/staff/queue?department=JT&state=submitted",
    )
    .await
    .json();
    assert_eq!(admin_queue["total"], 1);
    // Asking for another department's queue is forbidden.
    assert_eq!(
        staff_get(&t.router, &ga, "/api/staff/queue?department=JT")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Another department's case does not exist for GA, to read or to act on.
    assert_eq!(
        staff_get(&t.router, &ga, &format!("/api/staff/cases/{jt_case}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let act_reply = staff_post(
        &t.router,
        &ga,
        &format!("/api/staff/cases/{jt_case}/actions"),
        json!({"action": "pass_prereview", "expected_state": "submitted"}),
    )
    .await;
    assert_eq!(act_reply.status, StatusCode::NOT_FOUND);
    // The owner sees everything, answers included; the center admin may act.
    let detail = staff_get(&t.router, &jt, &format!("/api/staff/cases/{jt_case}")).await;
    assert_eq!(detail.status, StatusCode::OK);
    assert_eq!(detail.json()["answers"]["name"], "张三");
    let by_admin = act(
        &t.router,
        &admin,
        &jt_case,
        "submitted",
        json!({"action": "pass_prereview"}),
    )
    .await;
    assert_eq!(by_admin["history"][1]["actor"]["department"], "CENTER");
    // A refusal needs a reason.
    let no_reason = staff_post(
        &t.router,
        &jt,
        &format!("/api/staff/cases/{jt_case}/actions"),
        json!({"action": "refuse", "reason": "", "expected_state": "pre_review_passed"}),
    )
    .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn create_admin_command_creates_the_first_center_admin_only() {
    // A database without accounts (not the demo's, which has its administrator).
    let t = bare_app(false).await;
    let data_dir = t.dir.path().join("data");
    let dist = t.dir.path().join("dist");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_guichet-server"))
        .args([
            "create-admin",
            "--username",
            "chief",
            "--display-name",
            "主任",
        ])
        .args(database_args(t.dir.path()))
        .arg("--dist")
        .arg(&dist)
        .env("GUICHET_ADMIN_PASSWORD", "a-long-enough-password")
        .env_remove("GUICHET_DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let session = login(&t.router, "chief", "a-long-enough-password").await;
    let me = staff_get(&t.router, &session, "/api/staff/me").await.json();
    assert_eq!(me["staff"]["role"], "center_admin");
    assert_eq!(me["staff"]["display_name"], "主任");

    // From stdin; once an administrator exists, further accounts are made on the desk.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_guichet-server"))
        .args(["create-admin", "--username", "deputy"])
        .args(database_args(t.dir.path()))
        .env_remove("GUICHET_ADMIN_PASSWORD")
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"another-long-password\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("create further accounts on the staff desk"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let config = guichet_server::config::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: data_dir.clone(),
        database: test_database(t.dir.path()),
        dist,
        demo: false,
        test_clock: false,
        upload_limits: Default::default(),
        http: Default::default(),
        file_store: Default::default(),
    };
    let again = guichet_server::create_admin(&config, "deputy", "", "a-long-enough-password").await;
    assert!(matches!(
        again,
        Err(guichet_server::StartupError::AdminExists)
    ));
}
