//! Entry point of administration (served under `/staff/admin/`, built from
//! `staff/admin/index.html` with the `lean-strings` feature): registers the strings it shows
//! and mounts it.
use guichet_core::i18n::slices::{
    ADMIN_UI, CASE_TYPES, CASES, PAGES_UI, RULES_CASES, STAFF_UI, TRACKING_UI, UI,
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
    ]);
    guichet_app::staff::admin::mount();
}
