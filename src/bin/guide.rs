//! Entry point of the citizen app's guide bundle (`/guide`: the service items and their
//! disclosures; built from `guide/index.html` into `dist/guide`): registers the strings it shows
//! (service labels come from every area of the rules) and mounts it.
fn main() {
    guichet_app::i18n::use_strings(guichet_core::i18n::SLICES);
    guichet_app::app::mount_guide();
}
