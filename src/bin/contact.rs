//! Entry point of the citizen app's contact bundle (`/contact`: 我要咨询, 咨询答复, 预约办理,
//! 我的预约; built from `contact/index.html` into `dist/contact`, with the `lean-strings`
//! feature so that the validators' messages come from the registered slices only): registers
//! the strings the bundle map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::CONTACT);
    guichet_app::contact::mount();
}
