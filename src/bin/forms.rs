//! Entry point of the citizen app's forms bundle (`/guide/apply`, `/guide/drafts`,
//! `/guide/receipt`: pre-review forms, drafts, the outbox, receipts; built from
//! `forms/index.html` into `dist/guide/apply`, whose `index.html` scripts/build.sh also puts in
//! `dist/guide/drafts` and `dist/guide/receipt`): registers the strings it shows (the forms'
//! validators speak every area of the rules) and mounts it.
fn main() {
    guichet_app::i18n::use_strings(guichet_core::i18n::SLICES);
    guichet_app::app::mount_forms();
}
