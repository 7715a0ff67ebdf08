//! Entry point of the citizen app's guide bundle (`/guide`: the service items and their
//! disclosures; built from `guide/index.html` into `dist/guide`, with the `lean-strings`
//! feature): registers the strings it shows (the frame's, the pages', the item page's from the
//! forms' slice, the service labels, the case types from `rules_cases`, and finding a service)
//! and mounts it.
use guichet_core::i18n::slices::{FINDING_UI, FORMS_UI, PAGES_UI, RULES_CASES, SERVICES, UI};

fn main() {
    guichet_app::i18n::use_strings(&[UI, PAGES_UI, FORMS_UI, SERVICES, RULES_CASES, FINDING_UI]);
    guichet_app::app::mount_guide();
}
