//! Entry point of the citizen app's forms bundle (`/guide/apply`: the pre-review forms; built
//! from `forms/index.html` into `dist/guide/apply`, with the `lean-strings` feature): registers
//! the strings it shows (the frame's, the forms', and the rules' for the validators' messages)
//! and mounts it.
use guichet_core::i18n::slices::{FORMS, FORMS_UI, RULES, UI};

fn main() {
    guichet_app::i18n::use_strings(&[UI, FORMS_UI, FORMS, RULES]);
    guichet_app::app::mount_forms();
}
