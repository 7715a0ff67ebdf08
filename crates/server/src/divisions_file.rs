//! The GB/T 2260 division codes every identity number's place is checked against, and the
//! file the app fetches to check them offline.
//!
//! At start the server reads `<data-dir>/divisions.txt` if present (checked by
//! [`DivisionCodes::parse`]; a broken file stops the start, as a broken calendar does), else
//! the copy compiled into the core ([`guichet_core::validate::EMBEDDED_DIVISIONS`], whose list
//! ends with 2020): an operator adds a code created since then without a rebuild. Every form
//! submitted and every 补正 is validated with it ([`guichet_core::form::validate_with`]), so the
//! place is always checked here even when the browser had not loaded the table.
//!
//! `GET /api/divisions` serves the file's bytes (`text/plain`, 138 KB; 19 KB at brotli 6) with
//! a strong `ETag` (`If-None-Match` → `304`) and `Cache-Control: public, max-age=86400`: the
//! service worker keeps the last answer for offline use (network first, like every `/api`
//! GET), so one online visit to a form makes the place check work offline.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use guichet_core::form::sha256_hex;
use guichet_core::validate::{DivisionCodes, DivisionFileError};
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::AppState;

/// The file name looked up in the data folder.
pub const FILE_NAME: &str = "divisions.txt";

/// Why the operator's division file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum DivisionsError {
    /// The file exists but cannot be read.
    #[error("cannot read the division codes {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The io error.
        #[source]
        source: std::io::Error,
    },
    /// The file (or the embedded one) does not pass the core's checks.
    #[error("the division codes {path} are not valid: {source}")]
    Invalid {
        /// The file (`embedded` for the compiled-in one).
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: DivisionFileError,
    },
}

/// The division codes in use, with their ETag.
#[derive(Debug, Clone)]
pub struct DivisionsFile {
    /// The checked table (its bytes are what is served).
    pub codes: DivisionCodes,
    /// Strong ETag (quoted), from the content.
    pub etag: String,
}

impl DivisionsFile {
    /// The division codes of `data_dir` (see the module documentation).
    pub fn load(data_dir: &Path) -> Result<DivisionsFile, DivisionsError> {
        let path = data_dir.join(FILE_NAME);
        let codes = match std::fs::read(&path) {
            Ok(bytes) => DivisionCodes::parse(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return DivisionsFile::embedded();
            }
            Err(source) => return Err(DivisionsError::Read { path, source }),
        };
        codes
            .map(DivisionsFile::new)
            .map_err(|source| DivisionsError::Invalid { path, source })
    }

    /// The compiled-in division codes.
    pub fn embedded() -> Result<DivisionsFile, DivisionsError> {
        DivisionCodes::embedded()
            .map(DivisionsFile::new)
            .map_err(|source| DivisionsError::Invalid {
                path: PathBuf::from("embedded"),
                source,
            })
    }

    fn new(codes: DivisionCodes) -> DivisionsFile {
        let hash = sha256_hex(codes.bytes());
        let etag = format!("\"{}\"", hash.get(..32).unwrap_or(&hash));
        DivisionsFile { codes, etag }
    }
}

/// The route (relative to `/api`), compressed (brotli 6 / gzip).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/divisions", get(divisions))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(6)))
}

/// `GET /api/divisions`: the file, or `304` when the client has it.
async fn divisions(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let file = &state.divisions;
    crate::api::cacheable_file(
        &headers,
        &file.etag,
        "public, max-age=86400",
        "text/plain; charset=utf-8",
        file.codes.bytes().to_vec(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_when_absent_the_operators_file_when_present() {
        let dir = tempfile::tempdir().unwrap();
        let absent = DivisionsFile::load(dir.path()).unwrap();
        assert_eq!(
            absent.codes.bytes(),
            guichet_core::validate::EMBEDDED_DIVISIONS
        );
        let file = "# one code\n110105 ---- ----\n";
        std::fs::write(dir.path().join(FILE_NAME), file).unwrap();
        let present = DivisionsFile::load(dir.path()).unwrap();
        assert_eq!(present.codes.bytes(), file.as_bytes());
        assert_eq!(present.codes.len(), 1);
        assert_ne!(present.etag, absent.etag);
    }

    #[test]
    fn a_broken_file_stops_the_start() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "110105 ----\n").unwrap();
        assert!(matches!(
            DivisionsFile::load(dir.path()),
            Err(DivisionsError::Invalid { .. })
        ));
    }
}
