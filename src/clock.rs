//! The time as the center sees it. Validation's "today" must be the center's date (UTC+8) on
//! the device as on the server, whatever the device's time zone: a phone set to another zone
//! just after midnight would otherwise refuse a date the server accepts.
//!
//! Times are computed with the browser's `Date` (UTC getters on a shifted instant) and written
//! with integer formatting: chrono's parser and `format` machinery would add tens of kilobytes
//! to every bundle for a handful of fixed layouts.

use chrono::NaiveDate;

/// The center's offset from UTC: China Standard Time, no daylight saving.
const CENTER_OFFSET_MS: f64 = 8.0 * 3_600_000.0;

/// Milliseconds since the epoch, from the device's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The center's wall-clock fields of an instant: (year, month, day, hour, minute, second).
fn center_fields(ms: f64) -> (u32, u32, u32, u32, u32, u32) {
    let shifted = js_sys::Date::new(&(ms + CENTER_OFFSET_MS).into());
    (
        shifted.get_utc_full_year(),
        shifted.get_utc_month() + 1,
        shifted.get_utc_date(),
        shifted.get_utc_hours(),
        shifted.get_utc_minutes(),
        shifted.get_utc_seconds(),
    )
}

/// The center's date now.
pub fn center_today() -> NaiveDate {
    let (y, m, d, ..) = center_fields(now_ms());
    NaiveDate::from_ymd_opt(y as i32, m, d).unwrap_or_default()
}

/// `ms` as RFC 3339 at UTC+8 (what a submission's `submitted_at` carries).
pub fn center_rfc3339(ms: f64) -> String {
    let (y, mo, d, h, mi, s) = center_fields(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}+08:00")
}

/// `ms` as "2026-11-27 09:30" at UTC+8, for lists.
pub fn center_minute(ms: f64) -> String {
    let (y, mo, d, h, mi, _) = center_fields(ms);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
}

/// `ms` as "09:30:05" at UTC+8, for "saved at".
pub fn center_time(ms: f64) -> String {
    let (.., h, mi, s) = center_fields(ms);
    format!("{h:02}:{mi:02}:{s:02}")
}

/// An RFC 3339 time from the server, shown at UTC+8 to the minute (the text itself if unreadable).
pub fn show_rfc3339(text: &str) -> String {
    let ms = js_sys::Date::parse(text);
    if ms.is_nan() {
        text.to_owned()
    } else {
        center_minute(ms)
    }
}

/// `ms` in the device's time zone to the minute, "2026-11-27 09:30" (the catalog's sync times).
pub fn local_minute(ms: f64) -> String {
    let t = js_sys::Date::new(&ms.into());
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.get_full_year(),
        t.get_month() + 1,
        t.get_date(),
        t.get_hours(),
        t.get_minutes()
    )
}
