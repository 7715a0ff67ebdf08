//! The working-day calendar the server counts on, and the file it serves to the app.
//!
//! The State Council publishes each year's schedule in November or December, so the calendar
//! must be replaceable without a rebuild: at startup the server reads `<data-dir>/calendar.json`
//! if present (checked by [`Calendar::from_json`]; a broken file stops the start rather than
//! silently counting deadlines on the wrong days), else the copy compiled into the core
//! ([`Calendar::embedded`]). `GET /api/calendar` serves the same bytes with a strong ETag so the
//! app can cache it offline and compute the same deadlines as the server.

use std::path::{Path, PathBuf};

use guichet_core::Calendar;
use guichet_core::calendar::EMBEDDED_JSON;
use guichet_core::form::sha256_hex;

/// The file name looked up in the data folder.
pub const FILE_NAME: &str = "calendar.json";

/// Why the operator's calendar file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    /// The file exists but cannot be read.
    #[error("cannot read the calendar {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The io error.
        #[source]
        source: std::io::Error,
    },
    /// The file does not pass the core's checks.
    #[error("the calendar {path} is not valid: {source}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: guichet_core::CalendarError,
    },
}

/// The calendar in use, with the JSON it came from.
#[derive(Debug, Clone)]
pub struct CalendarFile {
    /// The parsed calendar.
    pub calendar: Calendar,
    /// The file's bytes, served as is.
    pub json: String,
    /// Strong ETag (quoted), from the content.
    pub etag: String,
}

impl CalendarFile {
    /// The calendar of `data_dir` (see the module documentation).
    pub fn load(data_dir: &Path) -> Result<CalendarFile, CalendarError> {
        let path = data_dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(json) => {
                let calendar = Calendar::from_json(&json)
                    .map_err(|source| CalendarError::Invalid { path, source })?;
                Ok(CalendarFile::new(calendar, json))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(CalendarFile::embedded()),
            Err(source) => Err(CalendarError::Read { path, source }),
        }
    }

    /// The compiled-in calendar.
    pub fn embedded() -> CalendarFile {
        CalendarFile::new(Calendar::embedded(), EMBEDDED_JSON.to_owned())
    }

    fn new(calendar: Calendar, json: String) -> CalendarFile {
        let hash = sha256_hex(json.as_bytes());
        let etag = format!("\"{}\"", hash.get(..32).unwrap_or(&hash));
        CalendarFile {
            calendar,
            json,
            etag,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_when_absent_the_operators_file_when_present() {
        let dir = tempfile::tempdir().unwrap();
        let absent = CalendarFile::load(dir.path()).unwrap();
        assert_eq!(absent.json, EMBEDDED_JSON);
        // A file covering only 2031, with no holidays: 2026's Spring Festival is then a
        // normal week, and the file's own bytes (and ETag) are served.
        let json = r#"{"schema": 1, "years": [{"year": 2031, "holidays": []}]}"#;
        std::fs::write(dir.path().join(FILE_NAME), json).unwrap();
        let present = CalendarFile::load(dir.path()).unwrap();
        assert_eq!(present.json, json);
        assert_ne!(present.etag, absent.etag);
        assert!(present.calendar.covers(2031));
        assert!(!present.calendar.covers(2026));
    }

    #[test]
    fn a_broken_file_stops_the_start() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), r#"{"schema": 2, "years": []}"#).unwrap();
        assert!(matches!(
            CalendarFile::load(dir.path()),
            Err(CalendarError::Invalid { .. })
        ));
    }
}
