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

/// Reads a date as people type it: `YYYY-M-D`, month and day with one or two digits
/// (`2026-3-5`), as chrono's `%Y-%m-%d` reads them, without chrono's parser (~5 KB brotli in the
/// forms bundle). Any other text is refused.
pub fn parse_typed(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str, widths: std::ops::RangeInclusive<usize>| {
        (widths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(digits(year, 4..=4)?).ok()?,
        digits(month, 1..=2)?,
        digits(day, 1..=2)?,
    )
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
    fn typed_dates_read_as_chrono_reads_them() {
        for text in [
            "2026-11-27",
            "2026-3-5",
            "2026-03-5",
            "2024-2-29",
            "0001-01-01",
        ] {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
            assert_eq!(parse_typed(text), Some(chrono), "{text}");
        }
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "26-1-1",
            "2026-001-1",
            "2026-1-1-1",
            "2026-a-1",
            "",
        ] {
            assert_eq!(parse_typed(bad), None, "{bad}");
        }
    }
}
