//! A request dropped while it opens a transaction — its client went away over a weak line, or
//! its page navigated — leaves nothing behind: the writes after it still commit. sqlx 0.8 has
//! `BEGIN IMMEDIATE` answered, then awaits the connection once more before the guard that
//! rolls it back exists; a handler dropped at that await put its connection back in the pool
//! inside the open transaction, and every later write failed with "database is locked" (as the
//! end-to-end run of 2026-12-03 did, from one spec on). `db::begin*` open transactions in a
//! task of their own. The test below fails on the old code. (A request dropped while SQLite's
//! busy handler waits for the lock was always safe: sqlx's worker rolls back a `BEGIN` nobody
//! took.) Real SQLite per test (and PostgreSQL with `GUICHET_TEST_POSTGRES`).

mod common;

use std::future::Future;
use std::time::Duration;

use common::*;
use guichet_server::{db, prepare};

/// Every later write commits at once, whichever pooled connection it draws (more writes than
/// the pool has connections), and another instance on the same database sees each one.
async fn later_writes_commit(t: &TestApp, label: &str) {
    let pool = t.state.db.clone();
    for n in 0..24 {
        let mut tx = tokio::time::timeout(Duration::from_secs(3), db::begin_write(&pool))
            .await
            .expect("a write waited for a lock nobody should hold")
            .expect("a pooled connection was left inside a transaction");
        sqlx::query(
            "INSERT INTO upload_quota_windows (client_ip, window_start, uploads, bytes)
             VALUES ($1, '2026-12-03T12:00:00Z', 1, 0)",
        )
        .bind(format!("{label}-{n}"))
        .execute(&mut *tx)
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let other_instance = prepare(&test_config(t.dir.path(), true)).await.unwrap();
    let counted: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM upload_quota_windows WHERE client_ip LIKE $1")
            .bind(format!("{label}-%"))
            .fetch_one(&other_instance.db)
            .await
            .unwrap();
    assert_eq!(counted, 24);
}

#[tokio::test]
async fn writes_cancelled_at_any_point_of_opening_leave_no_transaction_open() {
    let t = app().await;
    let pool = t.state.db.clone();
    // Requests dropped after one, two, … polls, the database's own thread given a moment
    // between them: some while the `BEGIN` is on its way, some between its answer and the
    // guard that would roll it back (the window sqlx 0.8 leaves open, hit under load).
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    for attempt in 0..120u64 {
        let mut opening = Box::pin(db::begin_write(&pool));
        for _ in 0..=(attempt % 4) {
            if opening.as_mut().poll(&mut context).is_ready() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200 + (attempt % 7) * 100));
        }
        drop(opening);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    later_writes_commit(&t, "dropped").await;
}
