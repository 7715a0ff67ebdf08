//! The staff admin bundle's frame, accounts, appeals and audit log (`admin.*`).

use super::Entry;

/// `(key, Chinese, English)`.
pub static ADMIN_UI: &[Entry] = &[];
