//! Entry point of administration (served under `/staff/admin/`, built from
//! `staff/admin/index.html` with the `lean-strings` feature): registers the strings the bundle
//! map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::STAFF_ADMIN);
    guichet_app::staff::admin::mount();
}
