//! Integration tests keeping demo data away from real data (issue 13): `--demo` refuses a
//! database with real data, a server without `--demo` disables the demo accounts (public
//! passwords) and says so in its log, and `--test-clock` needs a demo database.

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use guichet_server::config::Config;
use guichet_server::{StartupError, build_router, demo_guard, prepare, staff_store};
use serde_json::json;

mod common;

use common::{ADMIN, JT, post};

fn config(root: &std::path::Path, demo: bool, test_clock: bool) -> Config {
    let mut config = common::test_config(root, demo);
    config.test_clock = test_clock;
    config
}

/// Whether `username` can sign in with `password` on a server prepared with `config`.
async fn can_sign_in(config: &Config, username: &str, password: &str) -> bool {
    let state = prepare(config).await.unwrap();
    let router = build_router(state);
    let reply = post(
        &router,
        "/api/staff/login",
        json!({"username": username, "password": password}),
    )
    .await;
    reply.status == StatusCode::OK
}

/// A log that tests can read: what the `guichet::security` target wrote while `run` ran.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn demo_refuses_a_database_that_holds_real_data() {
    let dir = tempfile::tempdir().unwrap();
    let real = prepare(&config(dir.path(), false, false)).await.unwrap();
    staff_store::create_account(&real.db, "wangli", "王丽", None, "a-real-long-password")
        .await
        .unwrap();
    let refused = prepare(&config(dir.path(), true, false)).await;
    assert!(
        matches!(refused, Err(StartupError::DemoOnRealData)),
        "{refused:?}"
    );
    assert!(!demo_guard::is_demo_database(&real.db).await.unwrap());
    // With --test-clock too: refused, and the clock stays closed.
    let refused = prepare(&config(dir.path(), true, true)).await;
    assert!(matches!(refused, Err(StartupError::DemoOnRealData)));
    // The real account was not touched, and no demo account was added.
    assert!(
        can_sign_in(
            &config(dir.path(), false, false),
            "wangli",
            "a-real-long-password"
        )
        .await
    );
    assert!(!can_sign_in(&config(dir.path(), false, false), ADMIN.0, ADMIN.1).await);

    // An empty database becomes a demo database, and stays one on the next start.
    let fresh = tempfile::tempdir().unwrap();
    let demo = prepare(&config(fresh.path(), true, false)).await.unwrap();
    assert!(demo_guard::is_demo_database(&demo.db).await.unwrap());
    prepare(&config(fresh.path(), true, false)).await.unwrap();
}

#[tokio::test(flavor = "current_thread")]
async fn without_demo_the_demo_accounts_are_disabled_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    assert!(can_sign_in(&config(dir.path(), true, false), ADMIN.0, ADMIN.1).await);

    let log = Captured::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let signed_in = can_sign_in(&config(dir.path(), false, false), ADMIN.0, ADMIN.1).await;
    drop(guard);
    assert!(
        !signed_in,
        "the demo administrator still signs in without --demo"
    );
    assert!(!can_sign_in(&config(dir.path(), false, false), JT.0, JT.1).await);
    let log = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(log.contains("demo_account_disabled"), "{log}");
    assert!(log.contains("zhongxin"), "{log}");
    assert!(!log.contains(ADMIN.1), "a password was logged: {log}");

    // Back in demo mode, the demo accounts work again.
    assert!(can_sign_in(&config(dir.path(), true, false), ADMIN.0, ADMIN.1).await);
}

#[tokio::test]
async fn on_a_real_database_only_accounts_with_the_public_password_are_disabled() {
    let dir = tempfile::tempdir().unwrap();
    let real = prepare(&config(dir.path(), false, false)).await.unwrap();
    // A demo name with the public password (copied from the documentation), and a demo name
    // that a real clerk uses with a password of their own.
    staff_store::create_account(&real.db, ADMIN.0, "中心", None, ADMIN.1)
        .await
        .unwrap();
    staff_store::create_account(&real.db, JT.0, "交通", None, "jt-own-long-password")
        .await
        .unwrap();
    let again = config(dir.path(), false, false);
    assert!(!can_sign_in(&again, ADMIN.0, ADMIN.1).await);
    assert!(can_sign_in(&again, JT.0, "jt-own-long-password").await);
}

#[tokio::test]
async fn the_test_clock_needs_a_demo_database_and_its_route_exists_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let refused = prepare(&config(dir.path(), false, true)).await;
    assert!(
        matches!(refused, Err(StartupError::TestClockWithoutDemo)),
        "{refused:?}"
    );

    let demo = tempfile::tempdir().unwrap();
    let state = prepare(&config(demo.path(), true, true)).await.unwrap();
    assert!(state.clock.is_adjustable());
    let moved = post(
        &build_router(state),
        "/api/test/clock",
        json!({"offset_days": 3}),
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.json());

    let state = prepare(&config(demo.path(), true, false)).await.unwrap();
    let absent = post(
        &build_router(state),
        "/api/test/clock",
        json!({"offset_days": 3}),
    )
    .await;
    assert_eq!(absent.status, StatusCode::NOT_FOUND);
}
