//! Demonstration data for `--demo` / `GUICHET_DEMO`.
//!
//! [`seed`] must stay idempotent: it runs on every start in demo mode, so each part of the
//! seed must check whether its data is already there (e.g. "the table is empty") before
//! inserting. A single "already seeded" flag is deliberately not used: it would stop
//! seed data added in a later release from reaching an existing demo database.
//!
//! Demo data that has the shape of something operators publish, or is plain text, is kept in
//! data files under `crates/server/demo/` (read into the binary with `demo_file!` and
//! `parse`); what is generated or dated from today stays in code.

use crate::db::{DbError, Pool};

/// Seeds the demo data that is missing: catalogue, services, staff accounts, and the
/// disclosure agencies, officers and requests (dated from today on `calendar`).
pub async fn seed(pool: &Pool, calendar: &guichet_core::Calendar) -> Result<(), DbError> {
    // Touch the database so a broken demo database fails at startup, not at first use.
    crate::db::ping(pool).await?;
    crate::demo_catalog::seed(pool).await?;
    crate::demo_services::seed(pool).await?;
    crate::demo_staff::seed(pool).await?;
    crate::demo_disclosure::seed(pool, calendar, chrono::Utc::now()).await?;
    crate::demo_contact::seed(pool, calendar, chrono::Utc::now()).await?;
    tracing::info!("demo mode: demo data seeded");
    Ok(())
}

/// A data file of the demo, read into the binary: `(path under crates/server/demo/, text)`.
macro_rules! demo_file {
    ($($part:literal),+) => {
        (concat!($($part),+), include_str!(concat!("../demo/", $($part),+)))
    };
}
pub(crate) use demo_file;

/// A demo data file: its path under `crates/server/demo/` and its text.
pub(crate) type DemoFile = (&'static str, &'static str);

/// A demo data file that does not read as what it should hold.
#[derive(Debug, thiserror::Error)]
pub enum DemoDataError {
    /// Not JSON, or not the type the file holds (serde's message names line and column).
    #[error("demo data file {file}: {source}")]
    Parse {
        /// The file, relative to `crates/server/demo/`.
        file: &'static str,
        /// Where serde stopped (1-based).
        line: usize,
        /// The column there (1-based).
        column: usize,
        /// serde's error.
        #[source]
        source: serde_json::Error,
    },
    /// A service item's file names another item than its folder (`demo_services`).
    #[error("demo data file {file}: item code {found:?}, expected {expected:?}")]
    WrongCode {
        /// The file, relative to `crates/server/demo/`.
        file: &'static str,
        /// The code its folder names.
        expected: &'static str,
        /// The code it holds.
        found: String,
    },
}

/// Reads a demo data file as what it holds.
pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    (file, text): DemoFile,
) -> Result<T, DemoDataError> {
    serde_json::from_str(text).map_err(|source| DemoDataError::Parse {
        file,
        line: source.line(),
        column: source.column(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_core::service::ServiceItem;

    /// A broken file is an error naming the file and serde's line and column, not a panic.
    #[test]
    fn a_broken_file_names_its_place() {
        let broken = ("services/X-1/item.json", "{\n  \"code\": 1\n}\n");
        let err = parse::<ServiceItem>(broken).unwrap_err();
        let DemoDataError::Parse {
            file, line, column, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!((*file, *line, *column), ("services/X-1/item.json", 2, 11));
        assert!(
            err.to_string()
                .starts_with("demo data file services/X-1/item.json: "),
            "{err}"
        );
        assert!(err.to_string().contains("line 2 column 11"), "{err}");
    }
}
