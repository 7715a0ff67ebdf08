//! The time as the center sees it. Validation's "today" must be the center's date (UTC+8) on
//! the device as on the server, whatever the device's time zone: a phone set to another zone
//! just after midnight would otherwise refuse a date the server accepts.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};

/// The center's offset from UTC: China Standard Time, no daylight saving.
const CENTER_OFFSET_SECS: i32 = 8 * 3600;

fn center() -> FixedOffset {
    FixedOffset::east_opt(CENTER_OFFSET_SECS).unwrap_or(Utc.fix())
}

/// Milliseconds since the epoch, from the device's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn at(ms: f64) -> DateTime<FixedOffset> {
    let utc = DateTime::<Utc>::from_timestamp_millis(ms as i64).unwrap_or_default();
    utc.with_timezone(&center())
}

/// The center's date now.
pub fn center_today() -> NaiveDate {
    at(now_ms()).date_naive()
}

/// `ms` as RFC 3339 at UTC+8 (what a submission's `submitted_at` carries).
pub fn center_rfc3339(ms: f64) -> String {
    at(ms).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// `ms` as "2026-11-27 09:30" at UTC+8, for lists.
pub fn center_minute(ms: f64) -> String {
    at(ms).format("%Y-%m-%d %H:%M").to_string()
}

/// `ms` as "09:30:05" at UTC+8, for "saved at".
pub fn center_time(ms: f64) -> String {
    at(ms).format("%H:%M:%S").to_string()
}

/// An RFC 3339 time from the server, shown at UTC+8 to the minute (the text itself if unreadable).
pub fn show_rfc3339(text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| {
            t.with_timezone(&center())
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| text.to_owned())
}
