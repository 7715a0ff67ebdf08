//! Entry point of the window desk (served under `/staff`, a bundle of its own; built from
//! `staff/index.html` with the `lean-strings` feature, like the forms bundle): registers the
//! strings it shows and mounts it. Left out: the catalog's, the forms' and their validators',
//! the service items' and the server's, none of which the desk words itself (a refusal comes
//! worded by the server).
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
    guichet_app::staff::mount();
}
