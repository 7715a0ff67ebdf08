//! Integration tests of accounts managed on the desk: creation with a temporary password that
//! must be changed, disabling, re-enabling, resets, roles, the guards around the last
//! administrator, and the audit rows. Real SQLite per test.

mod common;

use axum::http::{StatusCode, header};
use common::*;
use serde_json::{Value, json};

async fn staff_put(t: &TestApp, session: &Session, path: &str, body: Value) -> Reply {
    let mut request = post_from(path, &body, "10.0.0.9");
    *request.method_mut() = axum::http::Method::PUT;
    request
        .headers_mut()
        .insert(header::COOKIE, session.cookie.parse().unwrap());
    request
        .headers_mut()
        .insert("x-csrf-token", session.csrf.parse().unwrap());
    send(&t.router, request).await
}

async fn admin(t: &TestApp) -> Session {
    login(&t.router, "zhongxin", "demo-admin-2026").await
}

#[tokio::test]
async fn a_new_account_must_change_its_temporary_password_before_anything_else() {
    let t = app().await;
    let center = admin(&t).await;
    let created = staff_post(
        &t.router,
        &center,
        "/api/staff/accounts",
        json!({"username": "ga-window-1", "display_name": "王小明", "role": "window",
               "department_code": "GA"}),
    )
    .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.json());
    let body = created.json();
    assert_eq!(body["account"]["role"], "window");
    assert_eq!(body["account"]["must_change_password"], true);
    let temporary = body["temporary_password"].as_str().unwrap().to_owned();
    assert_eq!(temporary.chars().count(), 12);

    let newcomer = login(&t.router, "ga-window-1", &temporary).await;
    let me = staff_get(&t.router, &newcomer, "/api/staff/me").await;
    assert_eq!(me.json()["staff"]["must_change_password"], true);
    let queue = staff_get(&t.router, &newcomer, "/api/staff/queue").await;
    assert_eq!(queue.status, StatusCode::FORBIDDEN);
    assert_eq!(queue.code(), "password_change_required");

    let wrong = staff_post(
        &t.router,
        &newcomer,
        "/api/staff/password",
        json!({"current": "not-the-one-123", "new": "my-own-secret-2026"}),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.json()["error"]["fields"]["current"].is_string(),
        "{}",
        wrong.json()
    );
    let short = staff_post(
        &t.router,
        &newcomer,
        "/api/staff/password",
        json!({"current": temporary, "new": "short"}),
    )
    .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.json()["error"]["fields"]["new"].is_string());

    let changed = staff_post(
        &t.router,
        &newcomer,
        "/api/staff/password",
        json!({"current": temporary, "new": "my-own-secret-2026"}),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.json());
    assert_eq!(changed.json()["staff"]["must_change_password"], false);
    let queue = staff_get(&t.router, &newcomer, "/api/staff/queue").await;
    assert_eq!(queue.status, StatusCode::OK);
    // The old password no longer works; the new one does.
    let old = post(
        &t.router,
        "/api/staff/login",
        json!({"username": "ga-window-1", "password": temporary}),
    )
    .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    login(&t.router, "ga-window-1", "my-own-secret-2026").await;

    // The audit log names the administrator, and never holds a password.
    let audit = staff_get(&t.router, &center, "/api/staff/audit?kind=account.").await;
    let entries = audit.json()["entries"].as_array().unwrap().clone();
    let creation = entries
        .iter()
        .find(|e| e["kind"] == "account.create" && e["subject"] == "ga-window-1")
        .expect("creation audited");
    assert_eq!(creation["staff_name"], "中心管理员（演示）");
    assert!(creation["before"].is_null());
    assert_eq!(creation["after"]["department_code"], "GA");
    assert!(!audit.json().to_string().contains(&temporary));
}

#[tokio::test]
async fn disabling_ends_sessions_and_refuses_sign_in_until_re_enabled() {
    let t = app().await;
    let center = admin(&t).await;
    let jt = login(&t.router, "jt", "demo-jt-2026").await;
    let disabled = staff_post(
        &t.router,
        &center,
        "/api/staff/accounts/jt/disable",
        json!({}),
    )
    .await;
    assert_eq!(disabled.status, StatusCode::OK, "{}", disabled.json());
    assert_eq!(disabled.json()["account"]["disabled"], true);
    let gone = staff_get(&t.router, &jt, "/api/staff/queue").await;
    assert_eq!(gone.status, StatusCode::UNAUTHORIZED);
    let refused = post(
        &t.router,
        "/api/staff/login",
        json!({"username": "jt", "password": "demo-jt-2026"}),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.code(), "login_failed");

    let enabled = staff_post(
        &t.router,
        &center,
        "/api/staff/accounts/jt/enable",
        json!({}),
    )
    .await;
    assert_eq!(enabled.json()["account"]["disabled"], false);
    login(&t.router, "jt", "demo-jt-2026").await;

    // A reset: the old password stops working and the new one must be changed.
    let reset = staff_post(
        &t.router,
        &center,
        "/api/staff/accounts/jt/reset-password",
        json!({}),
    )
    .await;
    let temporary = reset.json()["temporary_password"]
        .as_str()
        .unwrap()
        .to_owned();
    let old = post(
        &t.router,
        "/api/staff/login",
        json!({"username": "jt", "password": "demo-jt-2026"}),
    )
    .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let again = login(&t.router, "jt", &temporary).await;
    let me = staff_get(&t.router, &again, "/api/staff/me").await;
    assert_eq!(me.json()["staff"]["must_change_password"], true);

    let audit = staff_get(&t.router, &center, "/api/staff/audit?subject=jt").await;
    let kinds: Vec<String> = audit.json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "account.reset_password",
            "account.enable",
            "account.disable"
        ]
    );
}

#[tokio::test]
async fn roles_are_checked_and_only_administrators_manage_accounts() {
    let t = app().await;
    let center = admin(&t).await;
    let jt = login(&t.router, "jt", "demo-jt-2026").await;
    for (path, body) in [
        (
            "/api/staff/accounts",
            json!({"username": "x1", "display_name": "某", "role": "center_admin"}),
        ),
        ("/api/staff/accounts/ga/disable", json!({})),
        ("/api/staff/accounts/ga/reset-password", json!({})),
    ] {
        let reply = staff_post(&t.router, &jt, path, body).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{path}");
    }
    let list = staff_get(&t.router, &jt, "/api/staff/accounts").await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
    let audit = staff_get(&t.router, &jt, "/api/staff/audit").await;
    assert_eq!(audit.status, StatusCode::FORBIDDEN);

    // Bad input names its field.
    for (body, field) in [
        (
            json!({"username": "bad name", "display_name": "某", "role": "window", "department_code": "GA"}),
            "username",
        ),
        (
            json!({"username": "jt", "display_name": "某", "role": "window", "department_code": "GA"}),
            "username",
        ),
        (
            json!({"username": "x2", "display_name": "", "role": "window", "department_code": "GA"}),
            "display_name",
        ),
        (
            json!({"username": "x3", "display_name": "某", "role": "window"}),
            "department_code",
        ),
        (
            json!({"username": "x4", "display_name": "某", "role": "window", "department_code": "ZZ"}),
            "department_code",
        ),
        (
            json!({"username": "x5", "display_name": "某", "role": "disclosure", "agency_code": "nope"}),
            "agency_code",
        ),
        (
            json!({"username": "x6", "display_name": "某", "role": "boss"}),
            "role",
        ),
    ] {
        let reply = staff_post(&t.router, &center, "/api/staff/accounts", body.clone()).await;
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            reply.json()["error"]["fields"][field].is_string(),
            "{body}: {}",
            reply.json()
        );
    }

    // A department reviewer becomes a window of another department.
    let changed = staff_put(
        &t,
        &center,
        "/api/staff/accounts/jt",
        json!({"display_name": "交通窗口", "role": "window", "department_code": "GA"}),
    )
    .await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.json());
    assert_eq!(changed.json()["account"]["role"], "window");
    assert_eq!(changed.json()["account"]["department_code"], "GA");

    // Nobody disables or demotes themselves, so an administrator always remains.
    let own = staff_post(
        &t.router,
        &center,
        "/api/staff/accounts/zhongxin/disable",
        json!({}),
    )
    .await;
    assert_eq!(own.status, StatusCode::UNPROCESSABLE_ENTITY);
    let demoted = staff_put(
        &t,
        &center,
        "/api/staff/accounts/zhongxin",
        json!({"display_name": "中心管理员（演示）", "role": "window", "department_code": "GA"}),
    )
    .await;
    assert_eq!(demoted.status, StatusCode::UNPROCESSABLE_ENTITY);
    let list = staff_get(&t.router, &center, "/api/staff/accounts").await;
    assert!(list.json()["accounts"].as_array().unwrap().len() >= 5);
    assert!(!list.json()["departments"].as_array().unwrap().is_empty());
}
