//! Keeps demonstration data and real data apart.
//!
//! The demo staff accounts have public passwords (they are in the source and the
//! documentation), and `--test-clock` moves dates without signing in. So:
//! - a database is marked demo (`meta` key [`DEMO_MARK`]) when `--demo` first seeds it, and
//!   `--demo` refuses a database that is not marked and already holds real data (a case, a
//!   complaint, a staff account, a service item or a catalog entry);
//! - a server started without `--demo` disables every demo account it finds: on a demo
//!   database by name, elsewhere only those whose password is still the public one (a real
//!   account that happens to have a demo name, with its own password, is left alone);
//! - `--test-clock` needs a database marked demo (see `prepare`).

use chrono::{DateTime, Utc};

use crate::db::Pool;

/// The `meta` key marking a demo database; its value is when it was first seeded.
pub const DEMO_MARK: &str = "demo_database";

/// Every demo staff login, `(username, public password)`.
pub fn demo_logins() -> Vec<(&'static str, &'static str)> {
    let staff = crate::demo_staff::DEMO_STAFF
        .iter()
        .map(|(username, _, _, password)| (*username, *password));
    let windows = crate::demo_staff::DEMO_WINDOWS
        .iter()
        .map(|(username, _, _, password)| (*username, *password));
    let officers = crate::demo_disclosure::DEMO_OFFICERS
        .iter()
        .map(|(username, _, _, password)| (*username, *password));
    staff.chain(windows).chain(officers).collect()
}

/// Whether the database is marked demo.
pub async fn is_demo_database(pool: &Pool) -> Result<bool, sqlx::Error> {
    let marks: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meta WHERE key = $1")
        .bind(DEMO_MARK)
        .fetch_one(pool)
        .await?;
    Ok(marks > 0)
}

/// Marks the database demo (kept if already marked).
pub async fn mark_demo_database(pool: &Pool, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let at = crate::db::time_text(now);
    sqlx::query(
        "INSERT INTO meta (key, value, updated_at) VALUES ($1, $2, $2)
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(DEMO_MARK)
    .bind(&at)
    .execute(pool)
    .await?;
    Ok(())
}

/// Whether the database holds anything a center may have entered: a case (requests for
/// information are cases too), a complaint, a staff account, a service item, a catalog entry.
pub async fn holds_real_data(pool: &Pool) -> Result<bool, sqlx::Error> {
    let any: i64 = sqlx::query_scalar(
        "SELECT CAST(CASE WHEN EXISTS (SELECT 1 FROM cases)
             OR EXISTS (SELECT 1 FROM complaints)
             OR EXISTS (SELECT 1 FROM staff_accounts)
             OR EXISTS (SELECT 1 FROM service_items)
             OR EXISTS (SELECT 1 FROM catalog_entries)
         THEN 1 ELSE 0 END AS BIGINT)",
    )
    .fetch_one(pool)
    .await?;
    Ok(any != 0)
}

/// Disables the enabled demo accounts (see the module documentation) and logs each one.
/// Returns their user names.
pub async fn disable_demo_accounts(
    pool: &Pool,
    demo_database: bool,
) -> Result<Vec<&'static str>, sqlx::Error> {
    let mut disabled = Vec::new();
    for (username, password) in demo_logins() {
        let id: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM staff_accounts WHERE username = $1 AND disabled = 0",
        )
        .bind(username)
        .fetch_optional(pool)
        .await?;
        let Some(id) = id else { continue };
        if !demo_database && !crate::staff_store::password_matches(pool, id, password).await? {
            continue;
        }
        let mut conn = pool.acquire().await?;
        crate::staff_store::set_disabled(&mut conn, id, true).await?;
        tracing::warn!(
            target: "guichet::security",
            event = "demo_account_disabled",
            username,
            "demo account disabled: its password is public and this server runs without --demo \
             (create a real administrator with `guichet-server create-admin` if needed)"
        );
        disabled.push(username);
    }
    Ok(disabled)
}

/// Enables the demo accounts again on a demo database started with `--demo` (a start without
/// it disabled them).
pub async fn enable_demo_accounts(pool: &Pool) -> Result<(), sqlx::Error> {
    for (username, _) in demo_logins() {
        sqlx::query("UPDATE staff_accounts SET disabled = 0 WHERE username = $1")
            .bind(username)
            .execute(pool)
            .await?;
    }
    Ok(())
}
