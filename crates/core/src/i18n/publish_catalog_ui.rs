//! Publishing the disclosure catalog from the desk (`admin.catalog.*`).

use super::Entry;

/// `(key, Chinese, English)`.
pub static PUBLISH_CATALOG_UI: &[Entry] = &[];
