//! Entry point of the village service room's day (代办今日一览, `/guide/drafts/day`, built from
//! `village/index.html` into `dist/guide/drafts/day`): a bundle of its own, beside the drafts
//! bundle, so that the drafts bundle stays under its budget; registers the strings the bundle
//! map (`bundles.txt`) lists for it and mounts it.

fn main() {
    guichet_app::i18n::use_strings(guichet_core::bundles::strings::VILLAGE);
    guichet_app::app::mount_village();
}
