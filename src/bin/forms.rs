//! Entry point of the citizen app's forms bundle (`/guide/apply`: the pre-review forms; built
//! from `forms/index.html` into `dist/guide/apply`, with the `lean-strings` feature): registers
//! the strings the bundle map (`bundles.txt`) lists for it (the frame's, the forms', and the
//! rules' for the validators' messages) and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::FORMS);
    guichet_app::app::mount_forms();
}
