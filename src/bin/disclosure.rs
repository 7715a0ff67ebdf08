//! Entry point of the citizen app's disclosure bundle (`/disclosure`, built from
//! `disclosure/index.html` into `dist/disclosure`): registers the strings the bundle map
//! (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::DISCLOSURE);
    guichet_app::app::mount_disclosure();
}
