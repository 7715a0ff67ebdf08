//! Entry point of the village service room's day (代办今日一览, `/guide/drafts/day`, built from
//! `village/index.html` into `dist/guide/drafts/day`): a bundle of its own, beside the drafts
//! bundle, so that the drafts bundle stays under its budget; registers the strings it shows
//! and mounts it.
use guichet_core::i18n::slices::{DRAFTS_UI, FORMS_UI, PAGES_UI, UI, VILLAGE_UI};

fn main() {
    guichet_app::i18n::use_strings(&[UI, PAGES_UI, FORMS_UI, DRAFTS_UI, VILLAGE_UI]);
    guichet_app::app::mount_village();
}
