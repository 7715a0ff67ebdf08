//! Entry point of the staff desk (served under `/staff`, a bundle of its own): registers the
//! string table and mounts it. Every slice is registered (`SLICES`), its 依申请公开 pages'
//! (`disclosure_desk_ui`) included.
fn main() {
    guichet_app::i18n::use_strings(guichet_core::i18n::SLICES);
    guichet_app::staff::mount();
}
