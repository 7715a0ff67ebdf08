//! Entry point of the staff desk (served under `/staff`, a bundle of its own): registers the
//! string table and mounts it.
fn main() {
    guichet_app::i18n::use_strings(guichet_core::i18n::SLICES);
    guichet_app::staff::mount();
}
