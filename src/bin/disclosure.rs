//! Entry point of the citizen app's disclosure bundle (`/disclosure`, built from
//! `disclosure/index.html` into `dist/disclosure`): registers the strings it shows and mounts it.
use guichet_core::i18n::slices::{CATALOG, CATALOG_UI, FINDING_UI, PAGES_UI, UI};

fn main() {
    guichet_app::i18n::use_strings(&[UI, PAGES_UI, CATALOG, CATALOG_UI, FINDING_UI]);
    guichet_app::app::mount_disclosure();
}
