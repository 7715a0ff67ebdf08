//! The disclosure catalog on the device: the local copy in IndexedDB ([`store`]), kept current
//! through the server's delta feed ([`sync`]), and searched by the core's index in a Web Worker
//! ([`search`]) so that a large catalog never blocks the page nor weighs on the first load.
//! The pages are `routes::disclosure` and `routes::catalog_entry`.

/// The DOM helpers moved to the crate root (shared by the pages built without `view!`).
pub use crate::dom;
pub mod search;
pub mod store;
pub mod sync;
