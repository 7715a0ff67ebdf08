//! The messages between the app and the catalog worker, as serde types carried by
//! `postMessage` (through `serde-wasm-bindgen`, so both sides agree by construction).
//!
//! The app numbers its requests; the worker answers each with the same `id`. The worker speaks
//! first, once, with `id` 0 and [`Reply::Ready`], because a message posted before its wasm has
//! loaded would find no listener and be lost.

use guichet_core::catalog::search::{Facets, SearchPage, SearchQuery};
use guichet_core::catalog::{CatalogEntry, IndexNo};
use serde::{Deserialize, Serialize};

/// A request from the app.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the app, echoed in the reply.
    pub id: u32,
    /// What to do.
    pub op: Op,
}

/// What the app asks.
#[derive(Debug, Clone, Serialize, Deserialize)]
// Externally tagged (serde's default): an internally tagged enum makes serde buffer every message
// in its private `Content` type, ~8 KB brotli in the disclosure bundle and in the worker.
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Loads the index of the local copy in database `db`: from its cached bytes when they match
    /// the stored catalog revision, otherwise built from the stored entries (and cached).
    Open {
        /// The IndexedDB database (already migrated by the app).
        db: String,
    },
    /// A page of results.
    Search {
        /// Text and filters.
        query: SearchQuery,
        /// From 1.
        page: u32,
        /// Hits per page.
        page_size: u32,
    },
    /// Facet counts for a query.
    Facets {
        /// Text and filters.
        query: SearchQuery,
    },
    /// A page of the delta feed that the app has just stored: keeps the index in step without
    /// rereading the database. Ignored when the index already includes `revision`.
    Apply {
        /// Entries added or changed.
        upserts: Vec<CatalogEntry>,
        /// Entries deleted.
        removals: Vec<IndexNo>,
        /// The catalog revision after this page.
        revision: u64,
    },
    /// Writes the index's bytes to the database (after a sync), so the next load is fast.
    Persist,
    /// Forgets the index (the local copy was deleted).
    Reset,
}

/// The worker's answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    /// The request's `id` (0 for [`Reply::Ready`]).
    pub id: u32,
    /// The answer.
    pub reply: Reply,
}

/// What the worker answers.
#[derive(Debug, Clone, Serialize, Deserialize)]
// Externally tagged, as [`Op`].
#[serde(rename_all = "snake_case")]
pub enum Reply {
    /// The worker's wasm is loaded and it listens.
    Ready,
    /// The index is loaded.
    Opened {
        /// Entries indexed.
        entries: u32,
        /// The catalog revision the index reflects.
        revision: u64,
        /// Whether it was built from the entries (`false`: loaded from cached bytes).
        built: bool,
        /// Time taken, in milliseconds.
        millis: f64,
        /// The index's estimated heap size, in bytes.
        heap_bytes: u64,
        /// The worker's wasm linear memory, in bytes (it never shrinks: the peak so far).
        memory_bytes: u64,
    },
    /// A page of results.
    Page(SearchPage),
    /// Facet counts.
    Facets(Facets),
    /// Done (apply, persist, reset).
    Done,
    /// The request failed; the text is for the console, the app shows its own words.
    Error {
        /// What went wrong.
        message: String,
        /// Whether the local copy is missing or not opened (the app falls back to the server).
        not_ready: bool,
    },
}
