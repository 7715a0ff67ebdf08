//! The working-day calendar the server counts on, and the file it serves to the app.
//!
//! The State Council publishes each year's schedule in November or December, so the calendar
//! must be replaceable without a rebuild: at startup the server reads `<data-dir>/calendar.json`
//! if present (checked by [`Calendar::from_json`]; a broken file stops the start rather than
//! silently counting deadlines on the wrong days), else the copy compiled into the core
//! ([`Calendar::embedded`]). On top of it go the years a center administrator published from the
//! desk (`calendar_store`), so a new year's notice needs neither a rebuild nor a file.
//! `GET /api/calendar` serves the official years with a strong ETag so the app can cache them.
//! Years no notice covers are provisional ([`guichet_core::calendar::statutory`]), computed by
//! every reader the same way.
//!
//! [`CalendarState`] holds the calendar in use and swaps it whole when a year is published:
//! a handler takes one [`Arc`] for its request and counts every date of it on the same data.
//! The database is the truth: [`CalendarState::refresh`] rebuilds the calendar from the base
//! and the published years whenever the newest publication differs from the one in use, so
//! every server instance on one database follows a publication made on any of them (the
//! server polls it, `spawn_calendar_refresh`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};

use guichet_core::Calendar;
use guichet_core::calendar::EMBEDDED_JSON;
use guichet_core::calendar::OfficialYear;
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

    /// This calendar with `years` (published on the desk, oldest first) made official.
    pub fn with_published(
        self,
        years: Vec<OfficialYear>,
    ) -> Result<CalendarFile, guichet_core::CalendarError> {
        if years.is_empty() {
            return Ok(self);
        }
        let mut calendar = self.calendar;
        for year in years {
            calendar = calendar.with_year(year)?;
        }
        Ok(CalendarFile::from_calendar(calendar))
    }

    /// A calendar as the file it would be (its official years).
    pub fn from_calendar(calendar: Calendar) -> CalendarFile {
        let json = calendar.to_json();
        CalendarFile::new(calendar, json)
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

/// The calendar in use, replaced whole when a year is published.
#[derive(Debug)]
pub struct CalendarState {
    /// The operator's file or the embedded calendar, before any publication.
    base: CalendarFile,
    current: RwLock<Arc<CalendarFile>>,
    /// The id of the newest publication `current` includes (0: none).
    publication: AtomicI64,
}

impl CalendarState {
    /// Starts with `base` and the publications of `pool`.
    pub async fn load(
        base: CalendarFile,
        pool: &crate::db::Pool,
    ) -> Result<CalendarState, crate::StartupError> {
        let state = CalendarState {
            current: RwLock::new(Arc::new(base.clone())),
            base,
            publication: AtomicI64::new(0),
        };
        state.refresh(pool).await?;
        Ok(state)
    }

    /// Rebuilds the calendar if a publication newer than the one in use is in the database.
    /// Whether it changed.
    pub async fn refresh(&self, pool: &crate::db::Pool) -> Result<bool, crate::StartupError> {
        let newest = crate::calendar_store::newest_publication(pool).await?;
        if newest == self.publication.load(Ordering::Acquire) {
            return Ok(false);
        }
        let published = crate::calendar_store::published_years(pool).await?;
        let file = self
            .base
            .clone()
            .with_published(published)
            .map_err(crate::StartupError::PublishedCalendar)?;
        self.replace(file);
        self.publication.store(newest, Ordering::Release);
        Ok(true)
    }

    /// The calendar now; keep it for the whole request.
    pub fn current(&self) -> Arc<CalendarFile> {
        // A panic while holding the lock cannot leave a half-written Arc: take it anyway.
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Puts `file` in force for every request that starts from now on.
    fn replace(&self, file: CalendarFile) {
        let file = Arc::new(file);
        match self.current.write() {
            Ok(mut guard) => *guard = file,
            Err(poisoned) => *poisoned.into_inner() = file,
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
