//! The catalog worker's shared part: the message [`protocol`] between the app and the worker,
//! and the store names and meta keys of the catalog's IndexedDB stores ([`stores`]). Both sides
//! reach IndexedDB through `guichet-idb` (`crates/idb`), the app's one storage layer.
//!
//! Nothing here is `#[wasm_bindgen]`-exported, so linking this library into the app adds only
//! what the app calls; the worker's runtime lives in the binary (`src/main.rs`).

pub mod protocol;

use serde::{Deserialize, Serialize};

/// The sync state of the local copy, stored under [`stores::META_SYNC`] in the same
/// transaction as each page of entries, so that it always describes exactly what is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    /// The person chose to keep the catalog on this device.
    pub kept: bool,
    /// Also keep every 正文 (not only the saved ones).
    pub all_bodies: bool,
    /// The delta feed's opaque cursor after the last stored page (empty: from the start).
    pub cursor: String,
    /// The catalog revision the stored entries reflect (the last change stored).
    pub revision: u64,
    /// The server's latest revision when last asked (for the progress bar).
    pub server_revision: u64,
    /// Whether the last sync reached the end of the feed.
    pub complete: bool,
    /// When the last sync reached the end of the feed (milliseconds since the epoch).
    pub last_sync_ms: Option<f64>,
    /// Entries stored (kept up to date with each page).
    pub entries: u32,
    /// Recent deletions `(revision, 索引号)`, newest last, at most [`MAX_TOMBSTONES`]: the worker
    /// removes them from a cached index older than the stored entries.
    pub tombstones: Vec<(u64, String)>,
    /// The revision of the newest tombstone dropped from [`Self::tombstones`]: a cached index
    /// older than this cannot be caught up and is rebuilt.
    pub tombstones_trimmed_at: u64,
}

/// How many deletions [`SyncState::tombstones`] remembers (deletions are rare: documents that
/// lapse are marked, not removed).
pub const MAX_TOMBSTONES: usize = 1_000;

/// The catalog's object stores (created by the app's migration 3) and its meta keys.
pub mod stores {
    /// Catalog cards ([`guichet_core::catalog::CatalogEntry`]), key path `index_no`.
    pub const ENTRIES: &str = "catalog_entries";
    /// The index of [`ENTRIES`] on `revision`.
    pub const BY_REVISION: &str = "by_revision";
    /// Saved 正文, key path `index_no`.
    pub const BODIES: &str = "catalog_bodies";
    /// Out-of-line keys: [`META_SYNC`], [`META_INDEX`].
    pub const META: &str = "catalog_meta";
    /// The sync state (cursor, revision, times), written with every page of entries.
    pub const META_SYNC: &str = "sync";
    /// The serialised search index: `{revision, bytes: Uint8Array}`.
    pub const META_INDEX: &str = "index";
}
