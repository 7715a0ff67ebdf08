//! Entry point of the 依申请公开 desk (served under `/staff/gk/`, built from
//! `staff/gk/index.html` with the `lean-strings` feature): registers the strings it shows and
//! mounts it.
use guichet_core::i18n::slices::{
    ADMIN_UI, CASE_TYPES, CASES, DISCLOSURE_DESK_UI, PAGES_UI, RULES_CASES, STAFF_UI, TRACKING_UI,
    UI,
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
        DISCLOSURE_DESK_UI,
        ADMIN_UI,
    ]);
    guichet_app::staff::gk::mount();
}
