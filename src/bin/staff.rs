//! Entry point of the window desk (served under `/staff`, a bundle of its own; built from
//! `staff/index.html` with the `lean-strings` feature, like the forms bundle): registers the
//! strings the bundle map (`bundles.txt`) lists for it (what it leaves out, and why, is noted
//! there) and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::STAFF);
    guichet_app::staff::mount();
}
