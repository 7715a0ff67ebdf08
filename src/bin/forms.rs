//! Entry point of the citizen app's forms bundle (`/guide/apply`: the pre-review forms; built
//! from `forms/index.html` into `dist/guide/apply`): registers the strings it shows (the forms'
//! validators speak every area of the rules) and mounts it.
fn main() {
    guichet_app::i18n::use_strings(guichet_core::i18n::SLICES);
    guichet_app::app::mount_forms();
}
