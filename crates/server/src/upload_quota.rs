//! Limits on what anonymous uploads may store: a per-client quota per clock hour, and a disk
//! budget for all stored uploads together. Both live in the database (several server
//! processes share one), and each is decided by one statement that counts and checks at once,
//! so concurrent uploads cannot all slip under a limit.
//!
//! # The per-client quota (default 60 files and 200 MiB an hour)
//!
//! A village service room (便民服务室) uploads for several villagers from one address: an
//! application has a handful of attachments (ID card sides, household register, photos of
//! 2–5 MB from a phone), so 60 files and 200 MiB an hour is about ten applications, more than
//! one room's helper files in an hour, while one address can fill at most 200 MiB an hour
//! instead of 20 MiB a request without end. Hours are fixed clock hours (UTC): one row per
//! client and hour, no per-upload rows; the cost is that a client may use two hours' quota
//! across the hour's turn. IPv6 clients are counted per /64 (one household's or phone's
//! network), since one host may change addresses inside it at will.
//!
//! # The disk budget (default 20 GiB)
//!
//! `upload_storage.stored_bytes` is the total of every upload recorded; a new file is recorded
//! only if it keeps the total within the budget, in the transaction that records it. The same
//! bytes uploaded twice are one file and are counted once.

use std::net::IpAddr;

use chrono::{DateTime, Duration, DurationRound as _, SecondsFormat, Utc};

use crate::db::Pool;

/// The limits in force (from the configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    /// Anonymous uploads one client may make in one clock hour.
    pub files_per_hour: u32,
    /// Bytes one client may upload anonymously in one clock hour.
    pub bytes_per_hour: u64,
    /// Bytes all stored uploads together may take.
    pub budget_bytes: u64,
}

impl Default for UploadLimits {
    fn default() -> UploadLimits {
        UploadLimits::from_mib(60, 200, 20 * 1024)
    }
}

impl UploadLimits {
    /// Limits given as a file count and MiB (as the command line gives them).
    pub fn from_mib(files_per_hour: u32, mib_per_hour: u64, budget_mib: u64) -> UploadLimits {
        UploadLimits {
            files_per_hour,
            bytes_per_hour: mib_per_hour.saturating_mul(1024 * 1024),
            budget_bytes: budget_mib.saturating_mul(1024 * 1024),
        }
    }
}

/// Whether a client may upload now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaDecision {
    /// Within the quota (and, after [`reserve`], counted).
    Allowed,
    /// Over the quota until the hour ends, in this many seconds.
    Exceeded {
        /// Seconds until the next hour's quota opens.
        retry_after: u64,
    },
}

/// The key a client is counted under: its IPv4 address, or its IPv6 /64 network; anything
/// else (an unknown peer) as given.
pub fn client_key(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
}

/// The start of the clock hour of `now`, and the seconds until the next one.
fn hour_window(now: DateTime<Utc>) -> (String, u64) {
    let start = now.duration_trunc(Duration::hours(1)).unwrap_or(now);
    let left = (start + Duration::hours(1) - now).num_seconds().max(1);
    (
        start.to_rfc3339_opts(SecondsFormat::Secs, true),
        u64::try_from(left).unwrap_or(3600),
    )
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

/// Checks, without counting, whether `client` has quota left this hour: refusing a client
/// already at its quota before reading its file. (The file's announced size is not checked
/// here: an outbox's retry of a file already stored costs no bytes, see [`reserve`].)
pub async fn precheck(
    pool: &Pool,
    limits: UploadLimits,
    client: &str,
    now: DateTime<Utc>,
) -> Result<QuotaDecision, sqlx::Error> {
    let (window, retry_after) = hour_window(now);
    let used: Option<(i64, i64)> = sqlx::query_as(
        "SELECT uploads, bytes FROM upload_quota_windows WHERE client_ip = $1 AND window_start = $2",
    )
    .bind(client_key(client))
    .bind(&window)
    .fetch_optional(pool)
    .await?;
    let (files, bytes) = used.unwrap_or((0, 0));
    let full = files >= i64::from(limits.files_per_hour) || bytes >= to_i64(limits.bytes_per_hour);
    Ok(if full {
        QuotaDecision::Exceeded { retry_after }
    } else {
        QuotaDecision::Allowed
    })
}

/// Counts an upload of `size` new bytes by `client` if it fits in this hour's quota, in one
/// statement: the upsert's `WHERE` refuses the update, and so returns no row, when it would
/// go over. The caller passes 0 bytes for content already stored: the client outbox sends a
/// record's files again with every attempt over a bad line, which stores nothing new, so it
/// counts as an upload but not as bytes.
pub async fn reserve(
    pool: &Pool,
    limits: UploadLimits,
    client: &str,
    size: u64,
    now: DateTime<Utc>,
) -> Result<QuotaDecision, sqlx::Error> {
    let (window, retry_after) = hour_window(now);
    if limits.files_per_hour == 0 || size > limits.bytes_per_hour {
        return Ok(QuotaDecision::Exceeded { retry_after });
    }
    let counted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO upload_quota_windows (client_ip, window_start, uploads, bytes)
         VALUES ($1, $2, 1, $3)
         ON CONFLICT (client_ip, window_start) DO UPDATE
         SET uploads = upload_quota_windows.uploads + 1,
             bytes = upload_quota_windows.bytes + excluded.bytes
         WHERE upload_quota_windows.uploads < $4
           AND upload_quota_windows.bytes + excluded.bytes <= $5
         RETURNING uploads",
    )
    .bind(client_key(client))
    .bind(&window)
    .bind(to_i64(size))
    .bind(i64::from(limits.files_per_hour))
    .bind(to_i64(limits.bytes_per_hour))
    .fetch_optional(pool)
    .await?;
    Ok(match counted {
        Some(_) => QuotaDecision::Allowed,
        None => QuotaDecision::Exceeded { retry_after },
    })
}

/// Forgets the hours that ended before `now` (run by the clean-up task).
pub async fn forget_past_windows(pool: &Pool, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let (window, _) = hour_window(now);
    let done = sqlx::query("DELETE FROM upload_quota_windows WHERE window_start < $1")
        .bind(&window)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

/// Adds `size` bytes to the stored total if it stays within `budget_bytes`, inside the
/// caller's transaction (the one recording the upload). `false`: the budget is spent, and
/// nothing was counted.
pub async fn charge_storage(
    conn: &mut crate::db::Connection,
    size: u64,
    budget_bytes: u64,
) -> Result<bool, sqlx::Error> {
    // An upsert rather than an UPDATE: a missing row must not read as "full" for ever.
    let total: Option<i64> = sqlx::query_scalar(
        "INSERT INTO upload_storage (id, stored_bytes) VALUES (1, $1)
         ON CONFLICT (id) DO UPDATE
         SET stored_bytes = upload_storage.stored_bytes + excluded.stored_bytes
         WHERE upload_storage.stored_bytes + excluded.stored_bytes <= $2
         RETURNING stored_bytes",
    )
    .bind(to_i64(size))
    .bind(to_i64(budget_bytes))
    .fetch_optional(&mut *conn)
    .await?;
    Ok(total.is_some_and(|t| t <= to_i64(budget_bytes)))
}

/// Takes `size` bytes off the stored total (an upload deleted, or recorded and then lost).
pub async fn release_storage(
    conn: &mut crate::db::Connection,
    size: u64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE upload_storage SET stored_bytes = CASE WHEN stored_bytes > $1
             THEN stored_bytes - $1 ELSE 0 END
         WHERE id = 1",
    )
    .bind(to_i64(size))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The bytes of every stored upload, as counted.
pub async fn stored_bytes(pool: &Pool) -> Result<i64, sqlx::Error> {
    let total: Option<i64> =
        sqlx::query_scalar("SELECT stored_bytes FROM upload_storage WHERE id = 1")
            .fetch_optional(pool)
            .await?;
    Ok(total.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        assert_eq!(client_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(client_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(client_key("10.0.0.7"), "10.0.0.7");
        assert_eq!(client_key("unknown"), "unknown");
    }

    #[test]
    fn hours_are_clock_hours() {
        let now = DateTime::parse_from_rfc3339("2026-12-04T10:59:30.5Z")
            .unwrap()
            .with_timezone(&Utc);
        let (start, left) = hour_window(now);
        assert_eq!(start, "2026-12-04T10:00:00Z");
        assert_eq!(left, 29);
    }
}
