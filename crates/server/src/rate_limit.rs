//! Counting attempts, to slow down guessing (case and complaint lookups, logins) and floods
//! (submissions, disclosure requests, complaints).
//!
//! Kept in the database (`rate_attempts`), not in memory: a restart must not reset an
//! attacker's count, and the counts hold when several server processes share the database.
//!
//! # Reserve, then decide
//! Checking the count and recording a failure afterwards lets a burst through: 40 requests sent
//! at once all read "19 failures" before any of them records one. So every attempt is first
//! *reserved*: in one transaction, the key's row in `rate_keys` is written (which makes
//! concurrent attempts on that key take turns — SQLite's single writer taken at `BEGIN
//! IMMEDIATE`, PostgreSQL's row lock held to the commit, across processes alike), the attempts in the window are counted, and, if there is room, the
//! attempt's own row is inserted before the transaction commits. The decision therefore counts
//! every attempt that came before it, finished or not. A refused attempt leaves no row, so a
//! flood that is being refused does not extend its own block.
//!
//! Limits that count failures only (lookups, logins) [`release`] the reservation when the
//! attempt succeeds: only that attempt's own row is removed, so a guesser who also knows one
//! valid code cannot reset the counter with it. Limits that count every request
//! (submissions) keep it.
//!
//! Rows older than [`PURGE_AFTER_MINUTES`] (the longest window) are purged as attempts are
//! reserved, so the tables stay small. All the limits of one request (a lookup counts per
//! client, per case and client, per case) are reserved in one transaction: one disk sync.

use chrono::{DateTime, Duration, Utc};

use crate::db::Pool;
use crate::error::{AppError, RateLimitDetail};

/// What a limit's key is, for the security log (which logs the client's address, never a key
/// that names a case: a case number next to an address says who is tracking which case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// The client's address (an IPv6 client's /64).
    ClientIp,
    /// A case number.
    Case,
    /// A case number and the client's address.
    CaseAndClient,
}

impl KeyKind {
    fn as_str(self) -> &'static str {
        match self {
            KeyKind::ClientIp => "client_ip",
            KeyKind::Case => "case",
            KeyKind::CaseAndClient => "case_and_client",
        }
    }
}

/// A limit: at most `max` attempts per `window` for one key of one scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// The counter's name, e.g. `"lookup_case"`.
    pub scope: &'static str,
    /// Attempts allowed in the window.
    pub max: i64,
    /// The sliding window.
    pub window_minutes: i64,
    /// What the key is.
    pub key_kind: KeyKind,
}

/// 5 wrong codes for one case number from one client in 15 minutes: a 60-bit code cannot be
/// guessed at that rate.
pub const LOOKUP_PER_CASE_CLIENT: Limit = Limit {
    scope: "lookup_case_client",
    max: 5,
    window_minutes: 15,
    key_kind: KeyKind::CaseAndClient,
};

/// 100 wrong codes for one case number from all clients in 15 minutes: a ceiling against a
/// distributed guesser, far above what strangers mistyping could reach, so that nobody can lock
/// the holder out of their own case with a few wrong codes (case numbers are sequential).
pub const LOOKUP_PER_CASE: Limit = Limit {
    scope: "lookup_case",
    max: 100,
    window_minutes: 15,
    key_kind: KeyKind::Case,
};

/// 20 failed lookups from one client in 15 minutes (a village PC may be shared, hence more
/// than 5).
pub const LOOKUP_PER_IP: Limit = Limit {
    scope: "lookup_ip",
    max: 20,
    window_minutes: 15,
    key_kind: KeyKind::ClientIp,
};

/// 20 failed staff logins from one client in 15 minutes (the account lock is separate).
pub const LOGIN_PER_IP: Limit = Limit {
    scope: "login_ip",
    max: 20,
    window_minutes: 15,
    key_kind: KeyKind::ClientIp,
};

/// 30 filings (submissions, disclosure requests, complaints — successful ones too) from one
/// client in an hour by default (`--filings-per-client-per-hour`): a village service room files for several villagers from one address, so
/// generous, but finite. A replay of something already received is not counted.
pub const FILINGS_PER_IP: Limit = Limit {
    scope: "filing_ip",
    max: 30,
    window_minutes: 60,
    key_kind: KeyKind::ClientIp,
};

/// The longest window in use, for purging.
pub const PURGE_AFTER_MINUTES: i64 = 60;

/// Reserved attempts (their rows), to [`release`] if they turn out not to count.
#[derive(Debug, Default)]
#[must_use = "a reservation is kept unless released"]
pub struct Reservation {
    ids: Vec<i64>,
}

/// Reserves one attempt of `key` under `limit` at `now`, or `Err(RateLimited)` (nothing
/// recorded) if the window is full (see the module docs).
pub async fn reserve(
    pool: &Pool,
    limit: Limit,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Reservation, AppError> {
    reserve_all(pool, &[(limit, key)], now).await
}

/// Reserves one attempt under each `(limit, key)`, all or none, in one transaction (one disk
/// sync): if one window is full, nothing is recorded and the refusal is returned.
pub async fn reserve_all(
    pool: &Pool,
    limits: &[(Limit, &str)],
    now: DateTime<Utc>,
) -> Result<Reservation, AppError> {
    reserve_unless_marked(pool, limits, None, now).await
}

/// The scope of the rows that mark a filing (client and client id) as counted already.
const FILING_MARK: &str = "filing_counted";

/// Reserves one filing of client `ip` under `limit`, unless the same client already has one
/// reserved for `client_id` (the outbox sending the same filing again, even at the same time):
/// then an empty reservation, nothing counted twice.
pub async fn reserve_filing(
    pool: &Pool,
    limit: Limit,
    ip: &str,
    client_id: &str,
    now: DateTime<Utc>,
) -> Result<Reservation, AppError> {
    let mark = format!("{ip} {client_id}");
    reserve_unless_marked(pool, &[(limit, ip)], Some(&mark), now).await
}

async fn reserve_unless_marked(
    pool: &Pool,
    limits: &[(Limit, &str)],
    mark: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Reservation, AppError> {
    let at = crate::db::time_text(now);
    // Keys are taken in one global order, so that two requests never wait for each other's
    // keys crosswise (a deadlock on PostgreSQL).
    let mut ordered: Vec<(Limit, &str)> = limits.to_vec();
    ordered.sort_by(|(a, a_key), (b, b_key)| (a.scope, a_key).cmp(&(b.scope, b_key)));
    // Not `begin_write`: the key's row is the lock, so different clients never queue on
    // each other (every submission and lookup passes here).
    let _turn = crate::db::writer_turn(pool).await;
    let mut tx = crate::db::begin_concurrent(pool).await?;
    for (limit, key) in &ordered {
        // The write that makes this key's attempts take turns (see the module docs).
        sqlx::query(
            "INSERT INTO rate_keys (scope, key, touched_at) VALUES ($1, $2, $3)
             ON CONFLICT (scope, key) DO UPDATE SET touched_at = excluded.touched_at",
        )
        .bind(limit.scope)
        .bind(*key)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        // Checked once the key is held, so that two sends of one filing take turns here.
        if let Some(mark) = mark {
            let marked: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM rate_attempts WHERE scope = $1 AND key = $2 LIMIT 1",
            )
            .bind(FILING_MARK)
            .bind(mark)
            .fetch_optional(&mut *tx)
            .await?;
            if marked.is_some() {
                tx.commit().await?;
                return Ok(Reservation::default());
            }
        }
        let since = crate::db::time_text(now - Duration::minutes(limit.window_minutes));
        let (count, oldest): (i64, Option<String>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM rate_attempts
             WHERE scope = $1 AND key = $2 AND at > $3",
        )
        .bind(limit.scope)
        .bind(*key)
        .bind(&since)
        .fetch_one(&mut *tx)
        .await?;
        if count >= limit.max {
            tx.rollback().await?;
            // Logged as `rate_limited` by `security_log`, with the scope and key kind.
            return Err(AppError::RateLimited {
                retry_after: retry_after(*limit, oldest.as_deref(), now),
                limit: RateLimitDetail {
                    scope: limit.scope,
                    key_kind: limit.key_kind.as_str(),
                },
            });
        }
    }
    let mut ids = Vec::with_capacity(ordered.len());
    for (limit, key) in &ordered {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rate_attempts (scope, key, at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(limit.scope)
        .bind(*key)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    if let Some(mark) = mark {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO rate_attempts (scope, key, at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(FILING_MARK)
        .bind(mark)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        ids.push(id);
    }
    // What no window reaches any more (indexed; usually touches nothing). Written here,
    // inline, so that it shares the transaction's one disk sync.
    let before = crate::db::time_text(now - Duration::minutes(PURGE_AFTER_MINUTES));
    sqlx::query("DELETE FROM rate_attempts WHERE at < $1")
        .bind(&before)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM rate_keys WHERE touched_at < $1")
        .bind(&before)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Reservation { ids })
}

/// Removes the reserved attempts (a lookup or login that succeeded, a filing that was a replay):
/// only these rows, never the key's other attempts.
pub async fn release(pool: &Pool, reservation: Reservation) -> Result<(), sqlx::Error> {
    if reservation.ids.is_empty() {
        return Ok(());
    }
    let mut tx = crate::db::begin(pool).await?;
    for id in reservation.ids {
        sqlx::query("DELETE FROM rate_attempts WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

/// Seconds until the oldest counted attempt leaves the window: a lower bound of the wait,
/// which is what `Retry-After` should say (trying earlier is certainly refused).
fn retry_after(limit: Limit, oldest: Option<&str>, now: DateTime<Utc>) -> u64 {
    let seconds = oldest
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| (t.with_timezone(&Utc) + Duration::minutes(limit.window_minutes)) - now)
        .map_or(60, |d| d.num_seconds().max(1));
    u64::try_from(seconds).unwrap_or(60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_window_is_purged_only_after_it_ends() {
        for limit in [
            LOOKUP_PER_CASE_CLIENT,
            LOOKUP_PER_CASE,
            LOOKUP_PER_IP,
            LOGIN_PER_IP,
            FILINGS_PER_IP,
        ] {
            assert!(limit.window_minutes <= PURGE_AFTER_MINUTES, "{limit:?}");
        }
    }
}
