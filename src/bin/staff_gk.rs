//! Entry point of the 依申请公开 desk (served under `/staff/gk/`, built from
//! `staff/gk/index.html` with the `lean-strings` feature): registers the strings the bundle map
//! (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::STAFF_GK);
    guichet_app::staff::gk::mount();
}
