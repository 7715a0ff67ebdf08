//! Entry point of the front desk of 咨询 and 预约 (served under `/staff/front/`, built from
//! `staff/front/index.html` with the `lean-strings` feature): registers the strings it shows
//! and mounts it.
use guichet_core::i18n::slices::{ADMIN_UI, CONTACT_DESK_UI, PAGES_UI, STAFF_UI, UI};

fn main() {
    guichet_app::i18n::use_strings(&[UI, PAGES_UI, STAFF_UI, ADMIN_UI, CONTACT_DESK_UI]);
    guichet_app::staff::front::mount();
}
