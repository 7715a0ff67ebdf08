//! Entry point of the citizen app's guide bundle (`/guide`: the service items and their
//! disclosures; built from `guide/index.html` into `dist/guide`, with the `lean-strings`
//! feature): registers the strings the bundle map (`bundles.txt`) lists for it and mounts it.
//! The forms', drafts' and desks' slices stay out of its wasm: a slice the guide comes to show
//! must be added to its `strings` line there.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::GUIDE);
    guichet_app::app::mount_guide();
}
