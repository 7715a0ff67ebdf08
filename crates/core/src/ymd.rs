//! `YYYY-MM-DD` dates in JSON without chrono's general parser: `#[serde(with = "crate::ymd")]`
//! on a `NaiveDate` (and `crate::ymd::option` on an `Option<NaiveDate>`).
//!
//! The text is the same as chrono's for years 0 to 9999; reading it takes a few hundred bytes
//! of wasm instead of chrono's format machinery (~5 KB brotli in every bundle that decodes a
//! date). Any other text is refused, as chrono refuses it.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

/// Reads `YYYY-MM-DD` (four-digit year).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = &bytes[range];
        digits.iter().all(u8::is_ascii_digit).then(|| {
            digits
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// Reads a date as people type it: a four-digit year, then the month and the day in one or two
/// digits each, separated by `-` (`2026-3-7`, `2026-03-07`). What `chrono`'s
/// `parse_from_str(text, "%Y-%m-%d")` accepted for such years, without its parser in the wasm.
pub fn parse_typed(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let number = |digits: &str, most: usize| -> Option<u32> {
        (!digits.is_empty() && digits.len() <= most && digits.bytes().all(|d| d.is_ascii_digit()))
            .then(|| {
                digits
                    .bytes()
                    .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
            })
    };
    NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)
}

/// `YYYY-MM-DD` for `date` (chrono's own text for years 0 to 9999), by integer formatting.
pub fn format(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Writes `YYYY-MM-DD` (chrono's own text for the date).
pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// Reads `YYYY-MM-DD`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom(format_args!("not a YYYY-MM-DD date: {text}")))
}

/// The same for an optional date (`null` or absent is `None`).
pub mod option {
    use super::*;

    /// Writes `YYYY-MM-DD` or `null`.
    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => serializer.collect_str(date),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `YYYY-MM-DD` or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)? {
            None => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format_args!("not a YYYY-MM-DD date: {text}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_as_chrono() {
        for text in ["2026-11-27", "0001-01-01", "9999-12-31", "2024-02-29"] {
            let date: NaiveDate = text.parse().unwrap();
            assert_eq!(parse(text), Some(date));
            assert_eq!(date.to_string(), text);
        }
        for bad in [
            "2023-02-29",
            "2026-1-27",
            "2026/11/27",
            "20261127",
            "",
            "2026-11-27T",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn typed_dates_as_chrono_read_them() {
        let chrono_reads = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        for text in [
            "2026-11-27",
            "2026-3-7",
            "2026-03-7",
            "1990-3-07",
            "2024-2-29",
            "0001-01-01",
            "9999-12-31",
        ] {
            let date = chrono_reads(text).unwrap();
            assert_eq!(parse_typed(text), Some(date), "{text}");
            assert_eq!(format(date), date.format("%Y-%m-%d").to_string());
        }
        for bad in [
            "2023-2-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-0",
            "2026-11-27-",
            "2026--27",
            "2026-011-27",
            "2026-11-027",
            "2026/11/27",
            "26-11-27",
            "2026-1a-27",
            "",
            "--",
        ] {
            assert_eq!(parse_typed(bad), None, "{bad}");
        }
    }
}
