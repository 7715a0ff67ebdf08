//! The catalog worker: a dedicated Web Worker with its own wasm that holds the catalog's search
//! index ([`guichet_core::catalog::search::CatalogIndex`]) off the page's thread. It opens the
//! app's IndexedDB itself (read the entries, cache the index's bytes) and answers the app's
//! requests (see `guichet_catalog_worker::protocol`) one at a time, in order.
//!
//! Trunk builds it from `<link data-trunk rel="rust" data-type="worker" data-loader-shim>`: a
//! `no-modules` bundle (`catalog-worker.js`, `catalog-worker_bg.wasm`) and a loader
//! (`catalog-worker_loader.js`) that the app passes to `new Worker(…)` when the catalog page
//! first needs a search.

#[cfg(target_arch = "wasm32")]
mod runtime;

fn main() {
    #[cfg(target_arch = "wasm32")]
    runtime::start();
}
