//! Counting failed attempts, to slow down guessing (case lookups, logins).
//!
//! Kept in SQLite (`failed_attempts`), not in memory: a restart must not reset an attacker's
//! count, and the counts hold if two server processes share the database. One row per failure;
//! a key is blocked while it has `max` failures or more within the sliding `window`. Rows older
//! than the longest window are purged when a failure is recorded, so the table stays small.
//! Successes do not clear the count: a guesser who also knows one valid code must not be able to
//! reset the counter with it.

use chrono::{DateTime, Duration, SecondsFormat, Utc};

use crate::db::Pool;
use crate::error::AppError;

/// A limit: at most `max` failures per `window` for one key of one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The counter's name, e.g. `"lookup_case"`.
    pub scope: &'static str,
    /// Failures allowed in the window.
    pub max: i64,
    /// The sliding window.
    pub window_minutes: i64,
}

/// 5 wrong codes for one case number in 15 minutes: a 60-bit code cannot be guessed at that rate.
pub const LOOKUP_PER_CASE: Limit = Limit {
    scope: "lookup_case",
    max: 5,
    window_minutes: 15,
};

/// 20 failed lookups from one IP in 15 minutes (a village PC may be shared, hence more than 5).
pub const LOOKUP_PER_IP: Limit = Limit {
    scope: "lookup_ip",
    max: 20,
    window_minutes: 15,
};

/// 20 failed staff logins from one IP in 15 minutes (the account lock is separate).
pub const LOGIN_PER_IP: Limit = Limit {
    scope: "login_ip",
    max: 20,
    window_minutes: 15,
};

/// The longest window in use, for purging.
const PURGE_AFTER_MINUTES: i64 = 60;

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `Err(RateLimited)` if `key` is blocked under `limit` at `now`.
pub async fn check(
    pool: &Pool,
    limit: Limit,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let since = stamp(now - Duration::minutes(limit.window_minutes));
    let (count, oldest): (i64, Option<String>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(at) FROM failed_attempts WHERE scope = $1 AND key = $2 AND at > $3",
    )
    .bind(limit.scope)
    .bind(key)
    .bind(&since)
    .fetch_one(pool)
    .await?;
    if count < limit.max {
        return Ok(());
    }
    // Blocked until enough failures leave the window; the oldest leaving is a lower bound,
    // which is what Retry-After should say (trying earlier is certainly refused).
    let retry_after = oldest
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| (t.with_timezone(&Utc) + Duration::minutes(limit.window_minutes)) - now)
        .map_or(60, |d| d.num_seconds().max(1));
    Err(AppError::RateLimited {
        retry_after: u64::try_from(retry_after).unwrap_or(60),
    })
}

/// Records one failure of `key` under `limit`.
pub async fn record_failure(
    pool: &Pool,
    limit: Limit,
    key: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO failed_attempts (scope, key, at) VALUES ($1, $2, $3)")
        .bind(limit.scope)
        .bind(key)
        .bind(stamp(now))
        .execute(pool)
        .await?;
    sqlx::query("DELETE FROM failed_attempts WHERE at < $1")
        .bind(stamp(now - Duration::minutes(PURGE_AFTER_MINUTES)))
        .execute(pool)
        .await?;
    Ok(())
}
