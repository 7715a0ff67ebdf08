//! Entry point of publishing (served under `/staff/publish/`, built from
//! `staff/publish/index.html` with the `lean-strings` feature): registers the strings it shows
//! and mounts it.
use guichet_core::i18n::slices::{
    ADMIN_UI, CASE_TYPES, CASES, CATALOG, PAGES_UI, PUBLISH_CATALOG_UI, PUBLISH_GUIDE_UI,
    RULES_CASES, STAFF_UI, TRACKING_UI, UI,
};

fn main() {
    guichet_app::i18n::use_strings(&[
        UI,
        PAGES_UI,
        TRACKING_UI,
        CASES,
        RULES_CASES,
        CASE_TYPES,
        STAFF_UI,
        ADMIN_UI,
        PUBLISH_CATALOG_UI,
        // The catalog's topic, genre and validity labels (the catalog page's selects).
        CATALOG,
        PUBLISH_GUIDE_UI,
    ]);
    guichet_app::staff::admin::mount_publish();
}
