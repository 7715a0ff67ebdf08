//! Entry point of the citizen app's guide bundle (`/guide`: the service items and their
//! disclosures; built from `guide/index.html` into `dist/guide`, with the `lean-strings`
//! feature): registers the strings it shows (the frame's and pages', the item page's, the
//! service items' labels and the rules' case types) and mounts it.
use guichet_core::i18n::slices::{FORMS_MORE_UI, FORMS_UI, PAGES_UI, RULES_CASES, SERVICES, UI};

fn main() {
    guichet_app::i18n::use_strings(&[UI, PAGES_UI, FORMS_UI, FORMS_MORE_UI, SERVICES, RULES_CASES]);
    guichet_app::app::mount_guide();
}
