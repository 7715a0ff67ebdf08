//! Entry point of the citizen app's contact bundle (`/contact`: 我要咨询, 咨询答复, 预约办理,
//! 我的预约; built from `contact/index.html` into `dist/contact`, with the `lean-strings`
//! feature so that the validators' messages come from the registered slices only): registers
//! the strings it shows and mounts it.
use guichet_core::i18n::slices::{CONTACT_UI, PAGES_UI, RULES, UI};

fn main() {
    // PAGES_UI: the 404 page and the guide's name; RULES: the phone and ID number checks.
    guichet_app::i18n::use_strings(&[UI, PAGES_UI, RULES, CONTACT_UI]);
    guichet_app::contact::mount();
}
