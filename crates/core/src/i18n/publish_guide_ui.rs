//! Editing the service guide and publishing form versions from the desk (`admin.guide.*`).

use super::Entry;

/// `(key, Chinese, English)`.
pub static PUBLISH_GUIDE_UI: &[Entry] = &[];
